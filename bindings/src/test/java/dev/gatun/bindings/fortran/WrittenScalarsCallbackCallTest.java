// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.FloatArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.LongArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callbacks that write more than one scalar, or write one and are functions ({@code callbacks/written.f90} with
 * interface blocks, {@code callbacks/written77.f} inferred): each written scalar reaches the Java callback as a
 * one-element view of the Fortran variable ({@code DoubleArray}, {@code LongArray}, ... of shape (1)), which it
 * reads ({@code get(0)}, intent(inout)) and sets ({@code set(0, v)}), as f2py's callbacks return a tuple.
 */
class WrittenScalarsCallbackCallTest {

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.buildFiles(dir, "written", "src/test/resources/callbacks/written.f90", "src/test/resources/callbacks/written77.f");
    }

    @Test
    void everyRoutineIsBound() {
        assertFalse(m.output().contains("skipped"), m.output());
    }

    @Test
    void newtonGetsValueAndDerivativeFromOneCallback() {
        var seen = new ArrayList<Double>();
        double root = (double) m.call("newton.solve", m.callback("SolveFdf", a -> {
            double x = (double) a[0];
            seen.add(x);
            DoubleArray f = (DoubleArray) a[1];
            DoubleArray df = (DoubleArray) a[2];
            assertEquals(1, f.shape().length);
            assertEquals(1, f.shape()[0]);
            f.set(0, x * x - 2);
            df.set(0, 2 * x);
            return null;
        }), 1.0, 6);
        assertEquals(Math.sqrt(2), root, 1e-15);
        assertEquals(List.of(1.0, 1.5), seen.subList(0, 2), "x1 = 1 - (1 - 2) / 2");
        assertEquals(6, seen.size());
    }

    @Test
    void anInOutCounterAndAnOutputOfOtherKinds() {
        try (Arena arena = Arena.ofConfined()) {
            FloatArray v = FloatArray.of(arena, Order.FORTRAN, new float[] {1.5f, 2.5f}, 2);
            var counts = new ArrayList<Long>();
            Object r = m.call("newton.tally", m.callback("TallyG", a -> {
                assertEquals(2, (int) a[0]);
                FloatArray values = (FloatArray) a[1];
                LongArray count = (LongArray) a[2];
                FloatArray part = (FloatArray) a[3];
                counts.add(count.get(0));
                count.set(0, count.get(0) + 1);
                part.set(0, values.get(0) * values.get(1));
                return null;
            }), v);
            assertEquals(List.of(100L, 101L, 102L), counts, "intent(inout): the view holds the value on entry");
            assertEquals(103L, F2pyBuild.component(r, "count"));
            assertEquals(3 * 3.75f, (float) F2pyBuild.component(r, "total"));
        }
    }

    @Test
    void aFunctionCallbackAlsoWritesAStatus() {
        var cb = m.callback("GuardedH", a -> {
            double x = (double) a[0];
            IntArray err = (IntArray) a[1];
            err.set(0, x < 0 ? 33 : 0);
            return x < 0 ? 0.0 : Math.sqrt(x);
        });
        Object ok = m.call("newton.guarded", cb, 16.0);
        assertEquals(4.0, F2pyBuild.component(ok, "y"));
        assertEquals(0, F2pyBuild.component(ok, "status"));
        Object bad = m.call("newton.guarded", cb, -1.0);
        assertEquals(0.0, F2pyBuild.component(bad, "y"));
        assertEquals(33, F2pyBuild.component(bad, "status"));
    }

    @Test
    void anInferredCallbackWritesTwoScalars() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {3, -1, 7, 2}, 4);
            Object r = m.call("minmax", m.callback("MinmaxFun", a -> {
                int n = (int) a[0];
                DoubleArray values = (DoubleArray) a[1];
                double lo = Double.MAX_VALUE;
                double hi = -Double.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    lo = Math.min(lo, values.get(i));
                    hi = Math.max(hi, values.get(i));
                }
                ((DoubleArray) a[2]).set(0, lo);
                ((DoubleArray) a[3]).set(0, hi);
                return null;
            }), x);
            assertEquals(-1.0, F2pyBuild.component(r, "lo"));
            assertEquals(7.0, F2pyBuild.component(r, "hi"));
            assertArrayEquals(new double[] {3, -1, 7, 2}, x.toArray());
        }
    }
}
