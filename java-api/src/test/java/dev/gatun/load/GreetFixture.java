// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Builds the test libraries with gcc and packs them into a jar the way Gatun ships them:
 * {@code libgreet.so} calls {@code libbase.so}, found through {@code -Wl,-rpath,'$ORIGIN'}, and
 * {@code greet_answer(x)} returns {@code 40 + x}.
 */
final class GreetFixture {
    static final String ANCHOR = "dev.gatun.load.testjar.GreetAnchor";
    static final String SET_DIR = "META-INF/native/" + Platform.current().id() + "/";

    final Path buildDir;
    final Map<String, byte[]> libraries = new LinkedHashMap<>();

    private GreetFixture(Path buildDir) {
        this.buildDir = buildDir;
    }

    /** Compiles libbase.so and libgreet.so into {@code dir}; skips the test when gcc is missing. */
    static GreetFixture build(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Platform.current().os().equals("linux"), "the fixture builds ELF libraries for Linux");
        Files.writeString(dir.resolve("base.c"), "int base_value(void) { return 40; }\n");
        Files.writeString(dir.resolve("greet.c"), """
                int base_value(void);
                int greet_answer(int x) { return base_value() + x; }
                """);
        run(dir, "gcc", "-shared", "-fPIC", "-O2", "-o", "libbase.so", "base.c", "-Wl,-soname,libbase.so");
        run(dir, "gcc", "-shared", "-fPIC", "-O2", "-o", "libgreet.so", "greet.c", "-L.", "-lbase",
                "-Wl,-rpath,$ORIGIN", "-Wl,-soname,libgreet.so");
        GreetFixture fixture = new GreetFixture(dir);
        for (String name : List.of("libbase.so", "libgreet.so")) {
            fixture.libraries.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        return fixture;
    }

    /** The SHA256SUMS content listing both libraries. */
    String sums() {
        StringBuilder sums = new StringBuilder();
        libraries.forEach((name, bytes) -> sums.append(sha256(bytes)).append("  ").append(name).append('\n'));
        return sums.toString();
    }

    /** A jar with the anchor class, the libraries and SHA256SUMS. */
    Path jar(Path file) throws IOException {
        return jar(file, sums());
    }

    /** A jar whose SHA256SUMS is {@code sums}, e.g. one that lies about a hash. */
    Path jar(Path file, String sums) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(SET_DIR + "SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8));
        libraries.forEach((name, bytes) -> entries.put(SET_DIR + name, bytes));
        return jar(file, ANCHOR, entries);
    }

    /** A jar holding the test class {@code anchorClass} and {@code entries} (path to bytes). */
    static Path jar(Path file, String anchorClass, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            String anchorPath = anchorClass.replace('.', '/') + ".class";
            try (InputStream anchor = GreetFixture.class.getClassLoader().getResourceAsStream(anchorPath)) {
                put(jar, anchorPath, anchor.readAllBytes());
            }
            for (var entry : entries.entrySet()) {
                put(jar, entry.getKey(), entry.getValue());
            }
        }
        return file;
    }

    /** The anchor class as seen by a class loader over {@code jar} alone. */
    static Class<?> anchorIn(Path jar) throws IOException, ClassNotFoundException {
        @SuppressWarnings("resource") // stays open: the loaded library's class loader lives for the test JVM
        URLClassLoader loader = new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        return Class.forName(ANCHOR, false, loader);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort(command[0] + " is not available: " + e.getMessage());
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
