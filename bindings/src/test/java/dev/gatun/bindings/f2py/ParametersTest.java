// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.FloatArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.LongArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestParameters} ({@code numpy/f2py/tests/test_parameter.py}, sources
 * {@code parameter/constant_*.f90}): named constants with kinds from {@code selected_real_kind} /
 * {@code selected_int_kind}, {@code 3._dp}-style literals, compound constants, F77-style
 * {@code parameter (...)} statements and a separate {@code dimension x(3)} statement. f2py's
 * "non-contiguous should raise" becomes a strided view ({@code slice(0, 0, 6, 2)}) refused with
 * {@code IllegalArgumentException}; Gatun never copies it.
 */
class ParametersTest {

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "parameter/constant_real.f90", "parameter/constant_integer.f90", "parameter/constant_both.f90",
                "parameter/constant_compound.f90", "parameter/constant_non_compound.f90");
    }

    private static double[] arange(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static void doubles(String name, double[] expected) {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray strided = DoubleArray.of(arena, Order.C, arange(6), 6).slice(0, 0, 6, 2);
            assertThrows(IllegalArgumentException.class, () -> module.call(name, strided));
            DoubleArray x = DoubleArray.of(arena, Order.C, arange(3), 3);
            module.call(name, x);
            assertArrayEquals(expected, x.toArray(), 1e-12);
        }
    }

    @Test
    void constantRealSingle() {
        try (Arena arena = Arena.ofConfined()) {
            FloatArray strided = FloatArray.of(arena, Order.C, new float[] {0, 1, 2, 3, 4, 5}, 6).slice(0, 0, 6, 2);
            assertThrows(IllegalArgumentException.class, () -> module.call("foo_single", strided));
            FloatArray x = FloatArray.of(arena, Order.C, new float[] {0, 1, 2}, 3);
            module.call("foo_single", x);
            assertArrayEquals(new float[] {0 + 1 + 2 * 3, 1, 2}, x.toArray(), 1e-6f);
        }
    }

    @Test
    void constantRealDouble() {
        doubles("foo_double", new double[] {0 + 1 + 2 * 3, 1, 2});
    }

    private static void ints(String name, int n, int[] expected) {
        try (Arena arena = Arena.ofConfined()) {
            IntArray strided = IntArray.of(arena, Order.C, new int[] {0, 1, 2, 3, 4, 5}, 6).slice(0, 0, 6, 2);
            assertThrows(IllegalArgumentException.class, () -> module.call(name, strided));
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = i;
            }
            IntArray x = IntArray.of(arena, Order.C, values, n);
            module.call(name, x);
            assertArrayEquals(expected, x.toArray());
        }
    }

    @Test
    void constantCompoundInt() {
        ints("foo_compound_int", 3, new int[] {0 + 1 + 2 * 6, 1, 2});
    }

    @Test
    void constantNonCompoundInt() {
        ints("foo_non_compound_int", 4, new int[] {0 + 1 + 2 + 3 * 4, 1, 2, 3});
    }

    @Test
    void constantIntegerInt() {
        ints("foo_int", 3, new int[] {0 + 1 + 2 * 3, 1, 2});
    }

    @Test
    void constantIntegerLong() {
        try (Arena arena = Arena.ofConfined()) {
            LongArray strided = LongArray.of(arena, Order.C, new long[] {0, 1, 2, 3, 4, 5}, 6).slice(0, 0, 6, 2);
            assertThrows(IllegalArgumentException.class, () -> module.call("foo_long", strided));
            LongArray x = LongArray.of(arena, Order.C, new long[] {0, 1, 2}, 3);
            module.call("foo_long", x);
            assertArrayEquals(new long[] {0 + 1 + 2 * 3, 1, 2}, x.toArray());
        }
    }

    @Test
    void constantBoth() {
        doubles("foo", new double[] {0 + 1 * 3 * 3 + 2 * 3 * 3, 1 * 3, 2 * 3});
    }

    @Test
    void constantNo() {
        doubles("foo_no", new double[] {0 + 1 * 3 * 3 + 2 * 3 * 3, 1 * 3, 2 * 3});
    }

    @Test
    void constantSum() {
        doubles("foo_sum", new double[] {0 + 1 * 3 * 3 + 2 * 3 * 3, 1 * 3, 2 * 3});
    }
}
