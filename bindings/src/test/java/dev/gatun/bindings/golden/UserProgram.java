// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;

/**
 * A user's class that calls a binding the way application code does: compiled by javac ({@code -Xlint:all -Werror})
 * against the binding's jar, from another package, then run. Unlike reflection, it checks that the members resolve
 * through the public class at compile time, which is what a split binding (package-private parts) must keep working.
 */
final class UserProgram {

    private UserProgram() {
    }

    /**
     * Compiles and runs a {@code public final class ... implements Supplier<Object[]>}.
     *
     * @param source the class's source, with its package
     * @param jar    the binding's jar
     * @param dir    a scratch directory
     * @return what {@code get()} returned
     * @throws Exception when it does not compile or cannot be loaded
     */
    static Object[] run(String source, Path jar, Path dir) throws Exception {
        String pkg = Pattern.compile("package ([\\w.]+);").matcher(source).results().findFirst().orElseThrow().group(1);
        String name = Pattern.compile("public final class (\\w+)").matcher(source).results().findFirst().orElseThrow().group(1);
        Path src = Files.createDirectories(dir.resolve("user-src").resolve(pkg.replace('.', '/'))).resolve(name + ".java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("user-classes"));
        var log = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, log, log, "--release", "25", "-Xlint:all", "-Werror", "-proc:none",
                "-cp", jar + java.io.File.pathSeparator + System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        assertEquals(0, status, () -> log.toString(StandardCharsets.UTF_8));
        try (var loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), jar.toUri().toURL()}, UserProgram.class.getClassLoader())) {
            @SuppressWarnings("unchecked")
            var user = (Supplier<Object[]>) loader.loadClass(pkg + "." + name).getConstructor().newInstance();
            return user.get();
        }
    }
}
