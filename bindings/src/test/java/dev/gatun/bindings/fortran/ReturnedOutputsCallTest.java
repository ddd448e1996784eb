// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.FloatArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.foreign.Arena;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * intent(out) arrays returned (f2py's {@code b = foo(a)}): built from {@code src/test/resources/fortran/outputs/}
 * with gfortran and called. The returning forms allocate in the caller's arena or an automatic one; the
 * zero-copy form that takes the caller's output array stays.
 */
class ReturnedOutputsCallTest {

    private static final String SOURCE = Path.of("src/test/resources/fortran/outputs/outputs.f90").toString();

    @TempDir
    Path dir;

    @Test
    void outputArraysAreAllocatedAndReturned() throws Exception {
        var m = F2pyBuild.buildFiles(dir, "outputs", SOURCE);

        // fill(n, x): n sizes only the output, so it is a parameter again (f2py: x = fill(n)).
        DoubleArray x = (DoubleArray) m.call("fill", 4);
        assertArrayEquals(new double[] {0.5, 1.0, 1.5, 2.0}, x.toArray());
        assertEquals(Order.FORTRAN, x.order());
        assertEquals(0, ((DoubleArray) m.call("fill", 0)).size());
        assertEquals(0, ((DoubleArray) m.call("fill", -3)).size(), "an upper bound below the lower one is extent 0, as in Fortran");

        // stats(a, n, b, total): n from a; b and the scalar total come back in a record, in argument order.
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3}, 3);
            Object r = m.call("stats", arena, a);
            assertEquals("StatsOutputs", r.getClass().getSimpleName());
            DoubleArray b = (DoubleArray) F2pyBuild.component(r, "b");
            assertArrayEquals(new double[] {2, 4, 6}, b.toArray());
            assertEquals(6.0, F2pyBuild.component(r, "total"));
            assertTrue(b.segment().scope().equals(arena.scope()), "allocated in the caller's arena");

            // The zero-copy form stays: the caller's array is written in place.
            DoubleArray mine = DoubleArray.allocate(arena, Order.FORTRAN, 3);
            assertEquals(6.0, m.call("stats", a, mine));
            assertArrayEquals(new double[] {2, 4, 6}, mine.toArray());
        }

        // grid(m, n, g, c): a rank-2 output with a 0 lower bound and a second output; both returned.
        Object g = m.call("grid", 2, 3);
        IntArray grid = (IntArray) F2pyBuild.component(g, "g");
        assertArrayEquals(new long[] {2, 4}, grid.shape());
        assertEquals(23, grid.get(1, 3));
        assertArrayEquals(new float[] {0, 1, 2, 3}, ((FloatArray) F2pyBuild.component(g, "c")).toArray());

        // A function: its result first, then the array.
        try (Arena arena = Arena.ofConfined()) {
            Object c = m.call("countPos", FloatArray.of(arena, Order.FORTRAN, new float[] {1, -2, 3}, 3));
            assertEquals(2, F2pyBuild.component(c, "result"));
            assertArrayEquals(new int[] {1, 0, 1}, ((IntArray) F2pyBuild.component(c, "flags")).toArray());
        }

        // A module procedure, through its module's class.
        DoubleArray r = (DoubleArray) m.call("outmod.ramp", -1, 2);
        assertArrayEquals(new double[] {-1, 0, 1, 2}, r.toArray());

        // Bad input is refused by the zero-copy method it delegates to, naming the parameter.
        var nulls = assertThrows(NullPointerException.class, () -> m.call("stats", Arena.ofAuto(), (Object) null));
        assertEquals("a", nulls.getMessage());

        // b(*) has no extent to allocate with: only the zero-copy form.
        Method[] opaque = Arrays.stream(m.type().getMethods()).filter(q -> q.getName().equals("opaque")).toArray(Method[]::new);
        assertFalse(Arrays.stream(opaque).anyMatch(q -> q.getParameterCount() < 2), Arrays.toString(opaque));
    }
}
