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
 * Dummy procedures without interface blocks ({@code callbacks/inferred.f}), whose callback signatures
 * Gatun infers from the calls in the body and from f2py lines, built with gfortran and called: a
 * written scalar returned by the callback, an in-out scalar, arrays as zero-copy views whose extents
 * come from other arguments of the call (rank 1 and 2), strings and a string literal, an array of
 * strings written back, an f2py call-signature line, exceptions rethrown, several threads at once, and
 * the two cases Gatun cannot infer (skipped with their warning).
 */
class InferredCallbackCallTest {

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.buildFiles(dir, "inferred", "src/test/resources/callbacks/inferred.f");
    }

    @Test
    void aWrittenScalarIsWhatTheCallbackReturns() {
        assertEquals(4, m.call("getint", m.callback("GetintFun", a -> 4)));
        assertEquals(12, m.call("bump", m.callback("BumpFun", a -> (int) a[0] + 11), 1));
    }

    @Test
    void arraysArriveAsViewsSizedByOtherArguments() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3}, 3);
            m.call("rescale", m.callback("RescaleFun", a -> {
                DoubleArray v = (DoubleArray) a[0];
                assertEquals(3, (int) a[1]);
                assertEquals(3, v.shape(0));
                for (int i = 0; i < 3; i++) {
                    v.set(i, v.get(i) * 10);
                }
                return null;
            }), x);
            assertArrayEquals(new double[] {10, 20, 30}, x.toArray());

            FloatArray g = FloatArray.allocate(arena, Order.FORTRAN, 2, 3);
            m.call("grid", m.callback("GridFun", a -> {
                FloatArray v = (FloatArray) a[0];
                assertArrayEquals(new long[] {2, 3}, new long[] {v.shape(0), v.shape(1)});
                v.set(1, 2, 7f);
                return null;
            }), g);
            assertEquals(7f, g.get(1, 2));
        }
    }

    @Test
    void functionCallbacksAndF2pyLines() {
        assertEquals(10.0, (double) m.call("apply", m.callback("ApplyG", a -> (double) a[0] * 3), 3.0));
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 4, 9}, 3);
            m.call("mapx", m.callback("MapxFunc", a -> Math.sqrt((double) a[0])), x);
            assertArrayEquals(new double[] {1, 2, 3}, x.toArray());
        }
    }

    @Test
    void stringsAndArraysOfStrings() {
        var seen = new ArrayList<String>();
        int code = (int) m.call("tag", m.callback("TagCb", a -> {
            seen.add((String) a[0]);
            seen.add((String) a[1]);
            return 5;
        }), "hello");
        assertEquals(5, code);
        assertEquals(List.of("hello", "abc"), seen);

        String[] words = {"ab", "cd", ""};
        m.call("names", m.callback("NamesCb", a -> {
            String[] w = (String[]) a[0];
            assertEquals(3, (int) a[1]);
            assertArrayEquals(new String[] {"ab", "cd", ""}, w);
            w[2] = "efghij";
            return null;
        }), (Object) words);
        assertArrayEquals(new String[] {"ab", "cd", "efgh"}, words, "written back, cut to character*4");
    }

    @Test
    void anExceptionInTheCallbackReachesTheCaller() {
        var boom = new IllegalStateException("boom");
        var thrown = assertThrows(IllegalStateException.class, () -> m.call("apply", m.callback("ApplyG", a -> {
            throw boom;
        }), 1.0));
        assertSame(boom, thrown);
        assertEquals(2.0, (double) m.call("apply", m.callback("ApplyG", a -> 1.0), 0.0), "the binding still works after a throw");
    }

    @Test
    void threadsCallWithTheirOwnCallbacksAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < 32; t++) {
                int k = t;
                Object cb = m.callback("BumpFun", a -> {
                    Thread.yield();
                    return (int) a[0] + k;
                });
                results.add(pool.submit(() -> (Integer) m.call("bump", cb, 1000)));
            }
            for (int t = 0; t < 32; t++) {
                assertEquals(1000 + t, results.get(t).get(), "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whatCannotBeInferredIsSkippedWithTheReason() {
        assertTrue(m.output().contains("skipped subroutine 'unknown': callback 'fun' is passed the array 'x' of extent '*', which the callback cannot know"),
                m.output());
        assertTrue(m.output().contains("skipped subroutine 'nevercalled': parameter 'fun' is a procedure that is never called here"), m.output());
        assertFalse(java.util.Arrays.stream(m.type().getMethods()).anyMatch(x -> x.getName().equals("unknown")));
    }
}
