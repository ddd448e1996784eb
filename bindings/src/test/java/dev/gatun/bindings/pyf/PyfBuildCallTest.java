// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.cli.GatunCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds {@code pyf/kernels/vecops.pyf} with its F77 source for real ({@code gatun build vecops.pyf vecops.f}:
 * gfortran, the Fortran shims, the C file of the usercode and callstatement, javac) and calls every routine
 * the signature file binds: optional arguments with C-expression defaults and checks, {@code fortranname},
 * a {@code __user__} callback, a row-major {@code intent(c)} array, a callstatement that calls the Fortran
 * routine through {@code f2py_func}, and an {@code intent(c)} function defined in the usercode. The F77 file
 * also holds a routine with alternate returns, which Gatun's Fortran parser rejects: with a signature file
 * the sources are only compiled, so it is no obstacle.
 */
class PyfBuildCallTest {

    private static final Path KERNELS = Path.of("src/test/resources/pyf/kernels");

    @TempDir
    static Path dir;
    private static Class<?> vecops;
    private static String output;

    @BeforeAll
    static void build() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(gfortranPresent(), "gfortran is not installed");
        Path jar = dir.resolve("vecops.jar");
        var console = new ByteArrayOutputStream();
        PrintStream err = System.err;
        int rc;
        try {
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            // No -m: the library is named after the signature file's python module, as f2py names it.
            rc = GatunCli.run("build", "--package", "pyf.vecops", "-o", jar.toString(),
                    KERNELS.resolve("vecops.pyf").toString(), KERNELS.resolve("vecops.f").toString());
        } finally {
            System.setErr(err);
        }
        output = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, output);
        var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, PyfBuildCallTest.class.getClassLoader());
        vecops = Class.forName("pyf.vecops.Vecops", true, loader);
    }

    @Test
    void optionalExtentWithCheckAndOutputArray() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3, 4}, 4);
            DoubleArray y = DoubleArray.allocate(arena, 4);
            call("dscal2", null, 2.0, x, y);
            assertArrayEquals(new double[] {2, 4, 6, 8}, y.toArray());
            // n given explicitly: only the first two elements are scaled.
            DoubleArray z = DoubleArray.allocate(arena, 4);
            call("dscal2", 2, 3.0, x, z);
            assertArrayEquals(new double[] {3, 6, 0, 0}, z.toArray());
            // x(n) with n = 5 is too long for x; check(len(x)>=n && n >= 0) rejects n = -1.
            var tooLong = assertThrows(IllegalArgumentException.class, () -> call("dscal2", 5, 1.0, x, z));
            assertTrue(tooLong.getMessage().contains("parameter 'x': expected extent >= 5 (n)"), tooLong.getMessage());
            var negative = assertThrows(IllegalArgumentException.class, () -> call("dscal2", -1, 1.0, x, z));
            assertTrue(negative.getMessage().contains("parameter 'n': check((len(x) >= n) .and. (n >= 0)) failed, n = -1"),
                    negative.getMessage());
        }
    }

    @Test
    void fortrannameAndConditionalDefault() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray three = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3}, 3);
            DoubleArray two = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2}, 2);
            // w = (n > 2 ? 1.0 : 2.0); the Fortran routine is WSUM, the Java name the pyf's weighted_sum.
            assertEquals(6.0, (double) call("weightedSum", three, null));
            assertEquals(6.0, (double) call("weightedSum", two, null));
            assertEquals(0.5 * 6, (double) call("weightedSum", three, 0.5));
        }
    }

    @Test
    void optionalDefaultsAndCheckOnTwoArguments() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {-1, 0.25, 3}, 3);
            call("clip", x, null, null);
            assertArrayEquals(new double[] {0, 0.25, 1}, x.toArray());
            call("clip", x, 0.5, 2.0);
            assertArrayEquals(new double[] {0.5, 0.5, 1}, x.toArray());
            var e = assertThrows(IllegalArgumentException.class, () -> call("clip", x, 3.0, 2.0));
            assertTrue(e.getMessage().contains("check(lo <= hi)"), e.getMessage());
        }
    }

    @Test
    void userRoutinesCallback() throws Exception {
        Class<?> f = Arrays.stream(vecops.getClasses()).filter(c -> c.getSimpleName().equals("QuadF")).findFirst().orElseThrow();
        Object square = Proxy.newProxyInstance(f.getClassLoader(), new Class<?>[] {f}, (proxy, m, args) -> {
            double x = (double) args[0];
            return x * x;
        });
        assertEquals(1.0 / 3.0, (double) call("quad", square, 0.0, 1.0, null), 1e-6);
        assertEquals(1.0 / 3.0, (double) call("quad", square, 0.0, 1.0, 10), 1e-2);
    }

    @Test
    void rowMajorArrayFromIntentC() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.allocate(arena, Order.C, 2, 3);
            call("fillrc", a);
            assertEquals(11.0, a.get(0, 0));
            assertEquals(13.0, a.get(0, 2));
            assertEquals(21.0, a.get(1, 0));
            assertEquals(23.0, a.get(1, 2));
        }
    }

    @Test
    void callstatementCallsTheFortranRoutineThroughF2pyFunc() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, -2, 5}, 3);
            call("scaleInPlace", 4.0, x);
            assertArrayEquals(new double[] {4, -8, 20}, x.toArray());
        }
    }

    @Test
    void intentCFunctionFromUsercode() {
        assertEquals(42, (int) call("cTwice", 21));
    }

    @Test
    void unboundRoutinesAreReportedNotFatal() {
        assertTrue(Arrays.stream(vecops.getMethods()).noneMatch(m -> m.getName().equals("altret")));
    }

    @Test
    void hiddenWorkArrayIsAllocatedByTheMethod() {
        // work(n) is intent(hide,cache): nrmwrk(x) allocates it for the call, as f2py does.
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(5.0, (double) call("nrmwrk", DoubleArray.of(arena, Order.FORTRAN, new double[] {3, 4}, 2)), 1e-15);
        }
    }

    private static boolean accepts(Class<?>[] types, Object[] args) {
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i].isPrimitive()
                    ? java.lang.invoke.MethodType.methodType(types[i]).wrap().returnType() : types[i];
            if (args[i] == null ? types[i].isPrimitive() : !t.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Object call(String name, Object... args) {
        // By the arguments' types, not only their number: the overloads that return intent(out) arrays
        // (foo(Arena, ...)) have as many parameters as the zero-copy form.
        Method m = Arrays.stream(vecops.getMethods())
                .filter(c -> c.getName().equals(name) && c.getParameterCount() == args.length
                        && Arrays.stream(c.getParameterTypes()).noneMatch(t -> t == double[].class)
                        && accepts(c.getParameterTypes(), args))
                .findFirst().orElseThrow(() -> new AssertionError("no method " + name));
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    static boolean gfortranPresent() {
        try {
            return new ProcessBuilder("gfortran", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
