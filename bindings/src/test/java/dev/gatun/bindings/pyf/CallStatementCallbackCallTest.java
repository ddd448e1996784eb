// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callbacks of routines with a {@code callstatement} ({@code src/test/resources/pyf/cbstmt/quad.pyf} over {@code quad.f}):
 * the callstatement passes the callback under f2py's names, {@code cb_f_in_quad__user__routines} (scipy's vode/lsoda
 * style, with a {@code void*} callprotoargument) and {@code g_cptr}; the C wrapper hands Fortran an adapter taking every
 * argument by reference, which calls the Java callback as a shim's adapter does: values, and arrays as zero-copy views
 * (lsoda's {@code f(n, t, y, ydot)}). Nested calls and calls from several threads keep their own callbacks; a callback
 * with a string argument is reported and its routine skipped.
 */
class CallStatementCallbackCallTest {

    private static final Path DIR = Path.of("src/test/resources/pyf/cbstmt");

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.buildFiles(dir, "quad", DIR.resolve("quad.pyf").toString(), DIR.resolve("quad.f").toString());
    }

    private static double midpt(java.util.function.DoubleUnaryOperator f, double a, double b, int n) {
        return (double) m.call("midpt", m.callback("MidptF", args -> f.applyAsDouble((double) args[0])), a, b, n);
    }

    @Test
    void theCallstatementPassesTheCallbackByF2pysName() {
        // Midpoints 1/8, 3/8, 5/8, 7/8 of x^2, times 1/4.
        assertEquals(0.328125, midpt(x -> x * x, 0, 1, 4));
        assertEquals(Math.PI * Math.PI / 2, midpt(x -> x, 0, Math.PI, 1000), 1e-9);
    }

    @Test
    void aSubroutineCallbackThroughCptr() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {2.5, -1}, 2);
            var calls = new ArrayList<String>();
            m.call("visit", m.callback("VisitG", a -> {
                calls.add(a[0] + ":" + a[1]);
                return null;
            }), x);
            assertEquals(List.of("1:2.5", "2:-1.0"), calls);
        }
    }

    @Test
    void aNestedCallKeepsTheOuterCallback() {
        // The outer integrand integrates 1 over [0, x] (= x) with a call of its own: the outer midpoint sum of x.
        assertEquals(0.5, midpt(x -> midpt(t -> 1, 0, x, 2), 0, 1, 4), 1e-15);
    }

    @Test
    void threadsCallWithTheirOwnCallbacksAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var results = new ArrayList<Future<Double>>();
            for (int k = 1; k <= 8; k++) {
                double scale = k;
                results.add(pool.submit(() -> midpt(x -> {
                    Thread.yield();
                    return scale * x;
                }, 0, 1, 2000)));
            }
            for (int k = 1; k <= 8; k++) {
                assertEquals(k / 2.0, results.get(k - 1).get(), 1e-9);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anExceptionInTheCallbackReachesTheCaller() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> midpt(x -> {
            throw new IllegalStateException("no integrand at " + x);
        }, 0, 1, 4));
        assertEquals("no integrand at 0.125", e.getMessage());
        assertEquals(0.5, midpt(x -> x, 0, 1, 4), "the next call works");
    }

    @Test
    void anOdeRightHandSideWithArraysAsLsodaPassesIt() {
        try (Arena arena = Arena.ofConfined()) {
            // y0' = y1, y1' = -y0 (the harmonic oscillator), two Euler steps of 0.5 from t = 0.
            DoubleArray y = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 0}, 2);
            var times = new ArrayList<Double>();
            double t = (double) m.call("euler", m.callback("EulerF", a -> {
                assertEquals(2, (int) a[0]);
                times.add((double) a[1]);
                DoubleArray yv = (DoubleArray) a[2];
                DoubleArray ydot = (DoubleArray) a[3];
                assertEquals(2, ydot.shape()[0]);
                ydot.set(0, yv.get(1));
                ydot.set(1, -yv.get(0));
                return null;
            }), y, 0.0, 0.5, 2);
            assertEquals(1.0, t);
            assertEquals(List.of(0.0, 0.5), times);
            // (1, 0) -> (1, -0.5) -> (0.75, -1.0)
            assertEquals(List.of(0.75, -1.0), Arrays.stream(y.toArray()).boxed().toList());
        }
    }

    @Test
    void aComplexFunctionCallback() {
        assertEquals(new dev.gatun.array.Complex(-2, 1), m.call("cmapz", m.callback("CmapzF",
                a -> ((dev.gatun.array.Complex) a[0]).times(dev.gatun.array.Complex.I)), new dev.gatun.array.Complex(1, 2)));
    }

    @Test
    void anIntentCRoutineGetsTheUpcallItself() {
        assertEquals(2 * 9.0, m.call("capply", m.callback("CapplyF", a -> (double) a[0] * (double) a[0]), 3.0));
    }

    @Test
    void aCallbackWithAStringIsReported() {
        assertTrue(m.output().contains("skipped subroutine 'visitall': callback 'h' has argument 's' that is a string, whose hidden length"
                + " a callstatement wrapper's adapter cannot pass on"), m.output());
        assertTrue(Arrays.stream(m.type().getMethods()).noneMatch(q -> q.getName().equals("visitall")));
    }
}
