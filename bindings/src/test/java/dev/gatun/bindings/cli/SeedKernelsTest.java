// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.DoubleArray;
import java.lang.foreign.Arena;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course's seeds, built with {@code gatun build} and called through the generated jar. */
class SeedKernelsTest {

    @TempDir
    Path dir;

    static boolean has(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private Class<?> build(String name, String resource) throws Exception {
        Assumptions.assumeTrue(has("gfortran"), "gfortran is not installed");
        Path src = dir.resolve(resource);
        Files.copy(Path.of("src/test/resources/kernels", resource), src);
        Path jar = dir.resolve(name + ".jar");
        assertEquals(0, GatunCli.run("build", "-m", name, "-o", jar.toString(), src.toString()));
        var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        return Class.forName(Character.toUpperCase(name.charAt(0)) + name.substring(1), true, loader);
    }

    @Test
    void fibFromTheSeedInfersNAndFillsTheArray() throws Exception {
        Class<?> fib = build("fib", "fib.f");
        Method call = fib.getMethod("fib", DoubleArray.class);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.allocate(arena, 8);
            call.invoke(null, a);
            assertArrayEquals(new double[] {0, 1, 1, 2, 3, 5, 8, 13}, a.toArray());
        }
        double[] heap = new double[8];
        fib.getMethod("fib", double[].class).invoke(null, (Object) heap);
        assertArrayEquals(new double[] {0, 1, 1, 2, 3, 5, 8, 13}, heap);
        var wrongType = assertThrows(InvocationTargetException.class,
                () -> call.invoke(null, DoubleArray.allocate(Arena.ofAuto(), 2, 2)));
        assertEquals("parameter 'a': expected rank 1, got 2", wrongType.getCause().getMessage());
    }

    @Test
    void integration2dGivesTheCourseValue() throws Exception {
        Class<?> lib = build("integration", "fortran_function.f90");
        Method call = lib.getMethod("integration2dFortran", int.class);
        double value = (double) call.invoke(null, 10000);
        assertEquals("-7.117752e-17", String.format(Locale.ROOT, "%e", value));
    }
}
