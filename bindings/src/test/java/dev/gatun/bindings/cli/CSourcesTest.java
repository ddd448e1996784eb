// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;

/** C sources and headers through {@code gatun build}: headers are bound, .c files compiled and bound. */
class CSourcesTest {

    @TempDir
    Path dir;

    private Class<?> build(String name, String... resources) throws Exception {
        Assumptions.assumeTrue(SeedKernelsTest.has("cc"), "no C compiler (cc) is installed");
        String[] args = new String[resources.length + 5];
        args[0] = "build";
        args[1] = "-m";
        args[2] = name;
        args[3] = "-o";
        args[4] = dir.resolve(name + ".jar").toString();
        for (int i = 0; i < resources.length; i++) {
            Path src = dir.resolve(resources[i]);
            Files.copy(Path.of("src/test/resources/kernels/c", resources[i]), src);
            args[5 + i] = src.toString();
        }
        assertEquals(0, GatunCli.run(args));
        var loader = new URLClassLoader(new URL[] {dir.resolve(name + ".jar").toUri().toURL()}, getClass().getClassLoader());
        return Class.forName(Character.toUpperCase(name.charAt(0)) + name.substring(1), true, loader);
    }

    @Test
    void cosDoublesFromTheSeedIsBoundThroughItsCommentedHeader() throws Exception {
        Class<?> lib = build("cosd", "cos_doubles.h", "cos_doubles.c");
        Method call = lib.getMethod("cosDoubles", DoubleArray.class, DoubleArray.class);
        try (Arena arena = Arena.ofConfined()) {
            double[] x = {0, Math.PI / 3, Math.PI, 2.5};
            DoubleArray in = DoubleArray.of(arena, Order.C, x, 4);
            DoubleArray out = DoubleArray.allocate(arena, 4);
            call.invoke(null, in, out);
            // libm's cos is correctly rounded to within 1 ulp; these values need no tolerance beyond that.
            assertArrayEquals(Arrays.stream(x).map(Math::cos).toArray(), out.toArray(), 1e-15);
            var tooShort = assertThrows(InvocationTargetException.class,
                    () -> call.invoke(null, in, DoubleArray.allocate(arena, 3)));
            assertEquals(IllegalArgumentException.class, tooShort.getCause().getClass());
        }
    }

    @Test
    void aSourceWithoutHeaderBindsItsExportedDefinitionsOnly() throws Exception {
        Class<?> lib = build("plain", "plain.c");
        assertEquals(5.0, (double) lib.getMethod("addTwice", double.class, double.class).invoke(null, 1.0, 2.0));
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.C, new double[] {1, -2, 3, 0, 5}, 5);
            assertEquals(3L, (long) lib.getMethod("countPositive", DoubleArray.class).invoke(null, x));
        }
        assertThrows(NoSuchMethodException.class, () -> lib.getMethod("twice", double.class));
    }

    @Test
    void showPrintsTheSignaturesOfACHeaderWithItsDirectives() throws Exception {
        Assumptions.assumeTrue(SeedKernelsTest.has("cc"), "no C compiler (cc) is installed");
        Path header = dir.resolve("cos_doubles.h");
        Files.copy(Path.of("src/test/resources/kernels/c/cos_doubles.h"), header);
        java.io.PrintStream saved = System.out;
        var bytes = new java.io.ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = GatunCli.run("show", header.toString());
        } finally {
            System.setOut(saved);
        }
        String shown = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, exit, shown);
        // A C header goes through the C frontend, as in build and wrap (it used to be read as Fortran).
        org.junit.jupiter.api.Assertions.assertTrue(shown.contains("subroutine cos_doubles(in_array, out_array, size) bind(c, name='cos_doubles')"), shown);
        org.junit.jupiter.api.Assertions.assertTrue(shown.contains("double, intent(out) :: out_array(0:size - 1)"), shown);
    }
}
