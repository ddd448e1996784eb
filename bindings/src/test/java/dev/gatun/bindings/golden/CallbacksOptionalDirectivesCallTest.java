// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callbacks into Java lambdas, optional arguments, and the f2py directives, built and called. */
class CallbacksOptionalDirectivesCallTest {

    @TempDir
    Path dir;

    @Test
    void fortranIntegratesAJavaLambda() throws Exception {
        var quad = BuiltBinding.build("callback", dir);
        Object square = quad.callback("MidpointF", args -> (double) args[0] * (double) args[0]);
        assertEquals(1.0 / 3.0, (double) quad.call("midpoint", square, 0.0, 1.0, 1000), 1e-6);
        Object sine = quad.callback("MidpointF", args -> Math.sin((double) args[0]));
        assertEquals(2.0, (double) quad.call("midpoint", sine, 0.0, Math.PI, 1000), 1e-6);
        var seen = new ArrayList<String>();
        quad.call("visit", 3, quad.callback("VisitEach", args -> {
            seen.add(args[0] + (((Boolean) args[1]) ? " last" : ""));
            return null;
        }));
        assertEquals(List.of("1", "2", "3 last"), seen);
    }

    @Test
    void concurrentJavaThreadsEachGetTheirOwnCallback() throws Exception {
        var quad = BuiltBinding.build("callback", dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var results = new ArrayList<Future<Double>>();
            for (int t = 0; t < 16; t++) {
                double k = t;
                // Each thread integrates the constant k over [0, 1]; a shared callback would mix them up.
                Object constant = quad.callback("MidpointF", args -> {
                    Thread.yield();
                    return k;
                });
                results.add(pool.submit(() -> (Double) quad.call("midpoint", constant, 0.0, 1.0, 2000)));
            }
            for (int t = 0; t < 16; t++) {
                assertEquals(t, results.get(t).get(), 1e-9, "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void optionalArgumentsAbsentAndPresent() throws Exception {
        var opt = BuiltBinding.build("optional", dir);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.C, new double[] {1, 2, 3}, 3);
            DoubleArray w = DoubleArray.of(arena, Order.C, new double[] {1, 0, 2}, 3);
            assertEquals(6.0, (double) opt.call("axpySum", x, null, null));
            assertEquals(12.0, (double) opt.call("axpySum", x, 2.0, null));
            assertEquals(7.0, (double) opt.call("axpySum", x, null, w));
            assertEquals(21.0, (double) opt.call("axpySum", x, 3.0, w));
            DoubleArray v = DoubleArray.of(arena, Order.C, new double[] {-5, 0.5, 9}, 3);
            opt.call("clamp", v, null, 1.0);
            assertArrayEquals(new double[] {-5, 0.5, 1}, v.toArray());
            opt.call("clamp", v, 0.0, null);
            assertArrayEquals(new double[] {0, 0.5, 1}, v.toArray());
            // An optional assumed-shape array: its extents are not read from a null (that was a NullPointerException).
            assertEquals(-1.0, (double) opt.call("gridTotal", new Object[] {null}), "absent");
            DoubleArray g = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
            assertEquals(21.0, (double) opt.call("gridTotal", g), "present");
        }
    }

    @Test
    void f2pyDirectivesHideDependCheckAndDefault() throws Exception {
        var dirs = BuiltBinding.build("directives", dir);
        try (Arena arena = Arena.ofConfined()) {
            // intent(hide) + depend(a): n = len(a); w defaults to 0.5.
            DoubleArray a = DoubleArray.of(arena, Order.C, new double[] {0, 4, 0, 4}, 4);
            DoubleArray b = DoubleArray.allocate(arena, 4);
            dirs.call("smooth", a, b, null);
            assertArrayEquals(new double[] {0, 2, 2, 4}, b.toArray());
            dirs.call("smooth", a, b, 1.0);
            assertArrayEquals(new double[] {0, 4, 0, 4}, b.toArray());
            // check(n > 2) fails before any native call, naming the parameter.
            var tooShort = assertThrows(IllegalArgumentException.class,
                    () -> dirs.call("smooth", DoubleArray.allocate(arena, 2), DoubleArray.allocate(arena, 2), null));
            assertEquals("parameter 'n': check(n > 2) failed, n = 2", tooShort.getMessage());
            // An f2py default (times = 2) and a check on a visible argument.
            DoubleArray x = DoubleArray.of(arena, Order.C, new double[] {1, 2}, 2);
            dirs.call("repeat", x, null);
            assertArrayEquals(new double[] {2, 4}, x.toArray());
            dirs.call("repeat", x, 3);
            assertArrayEquals(new double[] {6, 12}, x.toArray());
            var notPositive = assertThrows(IllegalArgumentException.class, () -> dirs.call("repeat", x, 0));
            assertEquals("parameter 'times': check(times > 0) failed, times = 0", notPositive.getMessage());
            assertArrayEquals(new double[] {6, 12}, x.toArray(), "nothing ran");
            // intent(c) on a bind(C) procedure's value argument, intent(out) returned.
            assertEquals(18.0, (double) dirs.call("csum", x));
        }
    }
}
