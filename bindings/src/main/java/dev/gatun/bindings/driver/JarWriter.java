// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles the generated binding in-process (javax.tools) and writes the jar: classes,
 * {@code META-INF/native/linux-x86_64/lib<name>.so} and its {@code SHA256SUMS}, the layout
 * {@code dev.gatun.load.NativeLibrary} extracts from.
 */
public final class JarWriter {

    private JarWriter() {
    }

    /**
     * Compiles and packages.
     *
     * @param jar         the jar to write
     * @param packageName the binding's package
     * @param className   the binding's simple class name
     * @param javaSource  its source
     * @param library     the shared library to ship
     * @param classesDir  a scratch directory for the compiled classes
     * @param log         where javac's messages go
     * @throws IOException when compilation or writing fails
     */
    public static void write(Path jar, String packageName, String className, String javaSource, Path library, Path classesDir,
                             PrintStream log) throws IOException {
        write(jar, packageName, java.util.Map.of(className, javaSource), java.util.Optional.of(library), classesDir, log);
    }

    /**
     * Compiles and packages a binding of several classes (a library too large for one class file).
     *
     * @param jar         the jar to write
     * @param packageName the binding's package
     * @param javaSources the sources by simple class name
     * @param library     the shared library to ship
     * @param classesDir  a scratch directory for the compiled classes
     * @param log         where javac's messages go
     * @throws IOException when compilation or writing fails
     */
    public static void write(Path jar, String packageName, java.util.Map<String, String> javaSources, Path library, Path classesDir,
                             PrintStream log) throws IOException {
        write(jar, packageName, javaSources, java.util.Optional.of(library), classesDir, log);
    }

    /**
     * Compiles and packages bindings of a prebuilt system library: the jar holds the classes only, and the
     * binding class loads the library by its soname at run time ({@code gatun build --link-system}).
     *
     * @param jar         the jar to write
     * @param packageName the binding's package
     * @param className   the binding's simple class name
     * @param javaSource  its source
     * @param classesDir  a scratch directory for the compiled classes
     * @param log         where javac's messages go
     * @throws IOException when compilation or writing fails
     */
    public static void writeBindingsOnly(Path jar, String packageName, String className, String javaSource, Path classesDir,
                                         PrintStream log) throws IOException {
        writeBindingsOnly(jar, packageName, java.util.Map.of(className, javaSource), classesDir, log);
    }

    /**
     * Compiles and packages bindings of a prebuilt system library, of one class or several (a header too large
     * for one class file).
     *
     * @param jar         the jar to write
     * @param packageName the binding's package
     * @param javaSources the sources by simple class name
     * @param classesDir  a scratch directory for the compiled classes
     * @param log         where javac's messages go
     * @throws IOException when compilation or writing fails
     */
    public static void writeBindingsOnly(Path jar, String packageName, java.util.Map<String, String> javaSources, Path classesDir,
                                         PrintStream log) throws IOException {
        write(jar, packageName, javaSources, java.util.Optional.empty(), classesDir, log);
    }

    private static void write(Path jar, String packageName, java.util.Map<String, String> javaSources, java.util.Optional<Path> library,
                              Path classesDir, PrintStream log) throws IOException {
        Path srcDir = classesDir.resolveSibling("src").resolve(packageName.replace('.', '/'));
        Files.createDirectories(srcDir);
        Files.createDirectories(classesDir);
        var args = new java.util.ArrayList<>(List.of("--release", "25", "-Xlint:all", "-cp", System.getProperty("java.class.path"),
                "-d", classesDir.toString()));
        for (var source : javaSources.entrySet()) {
            Path src = srcDir.resolve(source.getKey() + ".java");
            Files.writeString(src, source.getValue());
            args.add(src.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("no Java compiler in this runtime; run gatun on a JDK, not a JRE");
        }
        int status = javac.run(null, log, log, args.toArray(String[]::new));
        if (status != 0) {
            throw new IOException("javac failed on the generated " + String.join(", ", javaSources.keySet()) + " in " + srcDir
                    + "; this is a Gatun bug, please report it");
        }
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Enable-Native-Access", "ALL-UNNAMED");
        try (OutputStream out = Files.newOutputStream(jar); var j = new JarOutputStream(out, manifest)) {
            List<Path> classes;
            try (Stream<Path> walk = Files.walk(classesDir)) {
                classes = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            }
            for (Path c : classes) {
                put(j, classesDir.relativize(c).toString().replace('\\', '/'), Files.readAllBytes(c));
            }
            if (library.isPresent()) {
                byte[] so = Files.readAllBytes(library.get());
                String soName = library.get().getFileName().toString();
                String base = "META-INF/native/linux-x86_64/";
                put(j, base + soName, so);
                put(j, base + "SHA256SUMS", (sha256(so) + "  " + soName + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
    }

    private static void put(JarOutputStream j, String name, byte[] bytes) throws IOException {
        var e = new JarEntry(name);
        e.setTime(0L);
        j.putNextEntry(e);
        j.write(bytes);
        j.closeEntry();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
