// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.FloatArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dummy procedures with interface blocks ({@code callbacks/declared.f90}, module procedures, so gfortran
 * compares the procedure Gatun passes with each interface), built with gfortran and called: a scipy-style
 * integrator whose {@code f(n, t, y, ydot)} fills {@code ydot} through zero-copy views, a written scalar
 * beside a {@code value} argument, an in-out scalar beside dummies with no intent and a 2-D array,
 * assumed-length and {@code len=n} strings, function results of each scalar kind, an assumed-shape array
 * and an array of strings, an F77-style external, exceptions, several threads at once, and the two
 * interfaces whose array lengths the callback could not know (skipped with their warning).
 */
class DeclaredCallbackCallTest {

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.buildFiles(dir, "declared", "src/test/resources/callbacks/declared.f90");
    }

    @Test
    void anIntegratorFillsItsDerivativeThroughViews() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray y = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2}, 2);
            var times = new ArrayList<Double>();
            // y' = -y, four Euler steps of 0.1: y = y0 * 0.9^4.
            m.call("integrators.solve", m.callback("SolveF", a -> {
                int n = (int) a[0];
                times.add((double) a[1]);
                DoubleArray yv = (DoubleArray) a[2];
                DoubleArray ydot = (DoubleArray) a[3];
                assertEquals(2, n);
                assertEquals(2, ydot.shape(0));
                for (int i = 0; i < n; i++) {
                    ydot.set(i, -yv.get(i));
                }
                return null;
            }), y, 0.0, 0.1, 4);
            double f = Math.pow(0.9, 4);
            assertArrayEquals(new double[] {f, 2 * f}, y.toArray(), 1e-15);
            assertEquals(List.of(0.0, 0.1, 0.2, 0.30000000000000004), times);
        }
    }

    @Test
    void writtenAndInOutScalarsAreWhatTheCallbackReturns() {
        double root = (double) m.call("integrators.bisect", m.callback("BisectG", a -> (double) a[0] * (double) a[0] - 2), 0.0, 2.0, 60);
        assertEquals(Math.sqrt(2), root, 1e-12);
        try (Arena arena = Arena.ofConfined()) {
            FloatArray w = FloatArray.allocate(arena, Order.FORTRAN, 3, 2);
            int total = (int) m.call("integrators.accumulate", m.callback("AccumulateStep", a -> {
                int k = (int) a[0];
                FloatArray v = (FloatArray) a[3];
                assertEquals(3, (int) a[2]);
                assertArrayEquals(new long[] {3, 2}, new long[] {v.shape(0), v.shape(1)});
                v.set(k - 1, 1, k * 1.5f);
                return (int) a[1] + 10 * k;
            }), w);
            assertEquals(60, total);
            assertArrayEquals(new float[] {0, 0, 0, 1.5f, 3f, 4.5f}, w.toArray());
        }
    }

    @Test
    void stringsOfAssumedAndArgumentLength() {
        var seen = new ArrayList<Object>();
        int code = (int) m.call("integrators.greet", m.callback("GreetSay", a -> {
            seen.addAll(List.of(a));
            return 7;
        }), "gatun");
        assertEquals(7, code);
        assertEquals(List.of("hello gatun", 3, "xyz"), seen);
    }

    @Test
    void functionResultsOfEveryScalarKind() {
        DoubleArray out = (DoubleArray) m.call("integrators.kinds",
                m.callback("KindsFi1", a -> (byte) ((byte) a[0] * 2)),
                m.callback("KindsFi2", a -> (short) ((short) a[0] + 1)),
                m.callback("KindsFi8", a -> (long) a[0] * 3),
                m.callback("KindsFr4", a -> (float) a[0] * 2),
                m.callback("KindsFl", a -> (double) a[0] > 1));
        assertArrayEquals(new double[] {6, 301, 15e9, 3, 1}, out.toArray());
        DoubleArray no = (DoubleArray) m.call("integrators.kinds",
                m.callback("KindsFi1", a -> (byte) -1), m.callback("KindsFi2", a -> (short) -2), m.callback("KindsFi8", a -> Long.MIN_VALUE),
                m.callback("KindsFr4", a -> -0.5f), m.callback("KindsFl", a -> false));
        assertArrayEquals(new double[] {-1, -2, Long.MIN_VALUE, -0.5, 0}, no.toArray());
    }

    @Test
    void assumedShapeArraysAndArraysOfStrings() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3, 4, 5}, 5);
            String[] words = {"ab", "cd"};
            m.call("integrators.shapes", m.callback("ShapesF", a -> {
                DoubleArray v = (DoubleArray) a[0];
                String[] w = (String[]) a[1];
                assertEquals(5, v.shape(0));
                assertEquals(2, (int) a[2]);
                assertArrayEquals(new String[] {"ab", "cd"}, w);
                v.set(4, v.get(4) * 100);
                w[1] = "efghij";
                return null;
            }), x, words);
            assertArrayEquals(new double[] {1, 2, 3, 4, 500}, x.toArray());
            assertArrayEquals(new String[] {"ab", "efgh"}, words, "written back, cut to character(len=4)");
        }
    }

    @Test
    void anF77ExternalWithAnInterfaceBlock() {
        double r = (double) m.call("trapz", m.callback("TrapzF", a -> (double) a[0] * (double) a[0]), 0.0, 3.0, 3000);
        assertEquals(9.0, r, 1e-5);
    }

    @Test
    void longNamesStayWithinFortransLimit() {
        assertEquals(18.0, (double) m.call("integrators.integrateWithARatherLongDescriptiveName",
                m.callback("IntegrateWithARatherLongDescriptiveNameTheIntegrandCallback", a -> (double) a[0] * 3), 3.0));
    }

    @Test
    void anExceptionInTheCallbackReachesTheCaller() {
        var boom = new IllegalStateException("boom");
        var thrown = assertThrows(IllegalStateException.class, () -> m.call("trapz", m.callback("TrapzF", a -> {
            throw boom;
        }), 0.0, 1.0, 10));
        assertSame(boom, thrown);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray y = DoubleArray.of(arena, Order.FORTRAN, new double[] {1}, 1);
            assertThrows(ArithmeticException.class, () -> m.call("integrators.solve", m.callback("SolveF", a -> {
                throw new ArithmeticException("stiff");
            }), y, 0.0, 0.1, 3));
        }
        assertEquals(1.0, (double) m.call("trapz", m.callback("TrapzF", a -> 1.0), 0.0, 1.0, 10), 1e-15, "still works after a throw");
    }

    @Test
    void threadsIntegrateWithTheirOwnCallbacksAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var results = new ArrayList<Future<double[]>>();
            for (int t = 0; t < 16; t++) {
                double rate = t + 1;
                Object f = m.callback("SolveF", a -> {
                    DoubleArray yv = (DoubleArray) a[2];
                    DoubleArray ydot = (DoubleArray) a[3];
                    Thread.yield();
                    ydot.set(0, -rate * yv.get(0));
                    return null;
                });
                results.add(pool.submit(() -> {
                    try (Arena arena = Arena.ofConfined()) {
                        DoubleArray y = DoubleArray.of(arena, Order.FORTRAN, new double[] {1}, 1);
                        m.call("integrators.solve", f, y, 0.0, 0.01, 50);
                        return y.toArray();
                    }
                }));
            }
            for (int t = 0; t < 16; t++) {
                assertEquals(Math.pow(1 - 0.01 * (t + 1), 50), results.get(t).get()[0], 1e-12, "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callsFromSeveralThreadsRunTheirCallbacksAtTheSameTime() throws Exception {
        // Each thread's callback waits until all four are inside theirs: a lock per routine would never let them meet.
        int threads = 4;
        var inside = new java.util.concurrent.CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var results = new ArrayList<Future<Double>>();
            for (int t = 0; t < threads; t++) {
                double rate = t + 2;
                Object f = m.callback("SolveF", a -> {
                    inside.countDown();
                    try {
                        if (!inside.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                            throw new AssertionError("the other calls never entered their callbacks");
                        }
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    ((DoubleArray) a[3]).set(0, rate * ((DoubleArray) a[2]).get(0));
                    return null;
                });
                results.add(pool.submit(() -> {
                    try (Arena arena = Arena.ofConfined()) {
                        DoubleArray y = DoubleArray.of(arena, Order.FORTRAN, new double[] {1}, 1);
                        m.call("integrators.solve", f, y, 0.0, 0.5, 2);
                        return y.get(0);
                    }
                }));
            }
            for (int t = 0; t < threads; t++) {
                assertEquals(Math.pow(1 + 0.5 * (t + 2), 2), results.get(t).get(), 1e-12, "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callbacksCallTheRoutineAgainDeeperThanItsSlots() {
        // Depth 12 on one thread: past the 8 lock-free slots, the calls share the locked one, saved and restored.
        var depth = new int[1];
        Object[] self = new Object[1];
        self[0] = m.callback("TrapzF", a -> {
            if (depth[0] == 12) {
                return (double) a[0];
            }
            depth[0]++;
            try {
                return (double) m.call("trapz", self[0], 0.0, 2.0 * (double) a[0], 1);
            } finally {
                depth[0]--;
            }
        });
        double r = (double) m.call("trapz", self[0], 0.0, 1.0, 1);
        assertEquals(reference(0, 1.0, 12), r, 0.0);
        assertEquals(0, depth[0]);
    }

    /** The same nested trapezoid rule in Java: f at depth d is x at the last level, else trapz of f over [0, 2x]. */
    private static double reference(int d, double b, int max) {
        // trapz(f, 0, b, 1) = 0.5 * (f(0) + f(b)) * b
        return 0.5 * (f(d + 1, 0.0, max) + f(d + 1, b, max)) * b;
    }

    private static double f(int d, double x, int max) {
        return d - 1 == max ? x : reference(d, 2.0 * x, max);
    }

    @Test
    void whatTheCallbackCouldNotKnowIsSkippedWithTheReason() {
        assertTrue(m.output().contains("declared.f90:135:3: warning: skipped subroutine 'unknown': callback 'f' has argument 'x' of extent '*',"
                + " which the callback cannot know"), m.output());
        assertTrue(m.output().contains("skipped subroutine 'elsewhere': callback 'f' has argument 'x' whose extent 'n' names 'n', which is not an"
                + " argument of the callback"), m.output());
        Class<?> module = m.nested("integrators");
        assertFalse(java.util.Arrays.stream(module.getMethods()).anyMatch(x -> x.getName().equals("unknown") || x.getName().equals("elsewhere")));
    }
}
