// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.FloatArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F77 fixed form, module procedures with named kinds, and assumed-shape 2-D arrays, built and called. */
class FixedFormAndModulesCallTest {

    @TempDir
    Path dir;

    @Test
    void fixedFormFibInfersNFromTheArrayAndWritesItInPlace() throws Exception {
        var fib = BuiltBinding.build("fib", dir);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.allocate(arena, 10);
            fib.call("fib", a);
            assertArrayEquals(new double[] {0, 1, 1, 2, 3, 5, 8, 13, 21, 34}, a.toArray());
        }
        double[] heap = new double[6];
        fib.call("fib", (Object) heap);
        assertArrayEquals(new double[] {0, 1, 1, 2, 3, 5}, heap);
    }

    @Test
    void moduleProceduresKeepTheirKinds() throws Exception {
        var stats = BuiltBinding.build("modulekinds", dir);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.C, new double[] {1, 2, 3, 4}, 4);
            // n is integer(int64): inferred from x as a long.
            assertEquals(2.5, (double) stats.call("mean", x));
            FloatArray v = FloatArray.of(arena, Order.C, new float[] {1, 0, -2, 0.5f}, 4);
            long nonzero = (long) stats.call("scale", v, 2f);
            assertEquals(3L, nonzero);
            assertArrayEquals(new float[] {2, 0, -4, 1}, v.toArray());
        }
    }

    @Test
    void assumedShapeArraysGetTheirExtentsThroughTheShim() throws Exception {
        var grid = BuiltBinding.build("assumedshape", dir);
        try (Arena arena = Arena.ofConfined()) {
            // u(i, j) = i^2 + j^2 on a 4 x 5 grid: its discrete Laplacian is 4 inside, 0 on the border.
            DoubleArray u = DoubleArray.allocate(arena, Order.FORTRAN, 4, 5);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    u.set(i, j, (i + 1) * (i + 1) + (j + 1) * (j + 1));
                }
            }
            DoubleArray lap = DoubleArray.allocate(arena, Order.FORTRAN, 4, 5);
            grid.call("laplacian", u, lap);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    boolean inside = i > 0 && i < 3 && j > 0 && j < 4;
                    assertEquals(inside ? 4.0 : 0.0, lap.get(i, j), "lap(" + (i + 1) + ", " + (j + 1) + ")");
                }
            }
            // sum of i^2 + j^2 = 5 * (1 + 4 + 9 + 16) + 4 * (1 + 4 + 9 + 16 + 25)
            assertEquals(370.0, (double) grid.call("total", u));
            var wrongOrder = assertThrows(IllegalArgumentException.class,
                    () -> grid.call("total", DoubleArray.allocate(arena, Order.C, 4, 5)));
            assertEquals(true, wrongOrder.getMessage().startsWith("parameter 'a':"), wrongOrder.getMessage());
        }
    }
}
