// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.FloatArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestSizeSumExample} ({@code numpy/f2py/tests/test_size.py}, source
 * {@code size/foo.f90}): {@code intent(out)} arrays whose extents are {@code size(a, 1)},
 * {@code size(x, 2), size(x, 1)} and {@code size(x)} of an input. As in f2py ({@code b = foo(a)}), the
 * binding allocates them (here in the test's arena) and returns them; {@code zeroCopyForm} also calls the form
 * where the caller passes the output array, checked against the same extents. Python's nested lists become Fortran-order {@code FloatArray}s of the same
 * shape ({@code [[1, 2], [3, 4]]} is 2 x 2 with rows {@code 1 2} and {@code 3 4}); {@code [[]]} is 1 x 0.
 */
class SizeSumExampleTest {

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "size/foo.f90");
    }

    /** A Fortran-order matrix from rows, as numpy converts a nested list for Fortran. */
    private static FloatArray matrix(Arena arena, float[][] rows, int columns) {
        FloatArray a = FloatArray.allocate(arena, Order.FORTRAN, rows.length, columns);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns; j++) {
                a.set(i, j, rows[i][j]);
            }
        }
        return a;
    }

    private static float[] foo(Arena arena, float[][] rows, int columns) {
        return ((FloatArray) module.call("foo", arena, matrix(arena, rows, columns))).toArray();
    }

    @Test
    void all() {
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(new float[] {0}, foo(arena, new float[][] {{}}, 0));
            assertArrayEquals(new float[] {3}, foo(arena, new float[][] {{1, 2}}, 2));
            assertArrayEquals(new float[] {3, 7}, foo(arena, new float[][] {{1, 2}, {3, 4}}, 2));
            assertArrayEquals(new float[] {3, 7, 11}, foo(arena, new float[][] {{1, 2}, {3, 4}, {5, 6}}, 2));
        }
    }

    private static FloatArray trans(Arena arena, float[][] rows, int columns) {
        return (FloatArray) module.call("trans", arena, matrix(arena, rows, columns));
    }

    @Test
    void transpose() {
        try (Arena arena = Arena.ofConfined()) {
            FloatArray empty = trans(arena, new float[][] {{}}, 0);
            assertArrayEquals(new long[] {0, 1}, empty.shape());
            FloatArray column = trans(arena, new float[][] {{1, 2}}, 2);
            assertArrayEquals(new long[] {2, 1}, column.shape());
            assertArrayEquals(new float[] {1, 2}, new float[] {column.get(0, 0), column.get(1, 0)});
            FloatArray t = trans(arena, new float[][] {{1, 2, 3}, {4, 5, 6}}, 3);
            float[][] expected = {{1, 4}, {2, 5}, {3, 6}};
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], new float[] {t.get(i, 0), t.get(i, 1)});
            }
        }
    }

    private static float[] flatten(Arena arena, float[][] rows, int columns) {
        return ((FloatArray) module.call("flatten", arena, matrix(arena, rows, columns))).toArray();
    }

    @Test
    void flatten() {
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(new float[] {}, flatten(arena, new float[][] {{}}, 0));
            assertArrayEquals(new float[] {1, 2}, flatten(arena, new float[][] {{1, 2}}, 2));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, flatten(arena, new float[][] {{1, 2, 3}, {4, 5, 6}}, 3));
        }
    }

    @Test
    void zeroCopyForm() {
        try (Arena arena = Arena.ofConfined()) {
            FloatArray b = FloatArray.allocate(arena, Order.FORTRAN, 3);
            module.call("foo", matrix(arena, new float[][] {{1, 2}, {3, 4}, {5, 6}}, 2), b);
            assertArrayEquals(new float[] {3, 7, 11}, b.toArray());
            FloatArray y = FloatArray.allocate(arena, Order.FORTRAN, 3, 2);
            module.call("trans", matrix(arena, new float[][] {{1, 2, 3}, {4, 5, 6}}, 3), y);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, y.toArray());
            assertThrows(IllegalArgumentException.class, () -> module.call("foo", matrix(arena, new float[][] {{1, 2}}, 2),
                    FloatArray.allocate(arena, Order.FORTRAN, 0)));
        }
    }
}
