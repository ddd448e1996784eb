// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Float, int, long and complex arrays share DoubleArray's machinery; these check their typed parts. */
class OtherElementTypesTest {

    @Test
    void floatArray() {
        try (Arena arena = Arena.ofConfined()) {
            FloatArray a = FloatArray.of(arena, Order.FORTRAN, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
            assertEquals(ElementType.FLOAT, a.elementType());
            assertEquals(24, a.segment().byteSize());
            assertEquals(3f, a.get(0, 1));
            a.set(1, 2, 0.25f);
            assertEquals(0.25f, a.segment().getAtIndex(ValueLayout.JAVA_FLOAT, 5));
            assertArrayEquals(new float[] {2, 4, 0.25f}, a.slice(0, 1, 2).toArray());
            FloatArray t = a.transpose().copy(arena);
            assertTrue(t.isCContiguous());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 0.25f}, t.toArray());
            float[] heap = {7, 8};
            FloatArray.ofHeap(heap).setFlat(1, 9);
            assertEquals(9f, heap[1]);
        }
    }

    @Test
    void intArray() {
        try (Arena arena = Arena.ofConfined()) {
            IntArray a = IntArray.allocate(arena, 4, 5);
            a.fill(3);
            a.slice(1, 0, 5, 2).fill(-1);
            assertArrayEquals(new int[] {-1, 3, -1, 3, -1}, a.slice(0, 2, 3).reshape(5).toArray());
            assertEquals(-1, a.get(new long[] {3, 4}));
            assertEquals(Integer.BYTES * 20, a.segment().byteSize());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.copyFrom(new int[3]));
            assertEquals("src has length 3, expected 20 for shape (4, 5)", e.getMessage());
        }
    }

    @Test
    void longArray() {
        try (Arena arena = Arena.ofConfined()) {
            LongArray a = LongArray.allocate(arena, Order.C, 3);
            a.set(2, Long.MIN_VALUE);
            a.set(0, Long.MAX_VALUE);
            assertArrayEquals(new long[] {Long.MAX_VALUE, 0, Long.MIN_VALUE}, a.toArray());
            long[] out = new long[3];
            a.copyTo(out);
            assertEquals(Long.MIN_VALUE, out[2]);
            assertEquals(ElementType.LONG, LongArray.wrap(a.segment(), Order.C, 1).elementType());
        }
    }

    @Test
    void complexArrayIsInterleavedAndReadsWithoutAllocating() {
        try (Arena arena = Arena.ofConfined()) {
            ComplexDoubleArray z = ComplexDoubleArray.allocate(arena, Order.C, 2, 2);
            assertEquals(64, z.segment().byteSize());
            z.set(0, 1, new Complex(1.5, -2));
            z.set(1, 0, 3, 4);
            // Interleaved (re, im): element [0, 1] is doubles 2 and 3.
            assertEquals(1.5, z.segment().getAtIndex(ValueLayout.JAVA_DOUBLE, 2));
            assertEquals(-2.0, z.segment().getAtIndex(ValueLayout.JAVA_DOUBLE, 3));
            assertEquals(new Complex(1.5, -2), z.get(0, 1));
            assertEquals(3.0, z.getRe(1, 0));
            assertEquals(4.0, z.getIm(new long[] {1, 0}));
            assertEquals(5.0, z.get(1, 0).abs());
            assertArrayEquals(new double[] {0, 0, 1.5, -2, 3, 4, 0, 0}, z.toInterleavedArray());
            Complex[] values = z.transpose().toArray();
            assertEquals(new Complex(1.5, -2), values[1], "a contiguous transpose is read in memory order");
            assertEquals(new Complex(3, 4), values[2]);

            ComplexDoubleArray column = z.slice(1, 1, 2); // [0, 1] and [1, 1], stride 2 elements
            assertArrayEquals(new long[] {2, 1}, column.strides());
            column.copyFrom(new Complex[] {Complex.I, Complex.ofReal(2)});
            assertEquals(Complex.I, z.get(0, 1));
            assertEquals(2.0, z.getRe(1, 1));
            assertEquals(2.0, z.reshape(4).getFlatRe(3));
            z.fill(Complex.ZERO);
            assertEquals(0.0, z.getFlatIm(1));

            double[] heap = {1, 2, 3, 4};
            ComplexDoubleArray h = ComplexDoubleArray.ofHeap(heap);
            assertEquals(2, h.size());
            assertEquals(new Complex(3, 4), h.get(1));
            IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                    () -> ComplexDoubleArray.ofHeap(new double[3]));
            assertEquals("interleaved has odd length 3; expected re, im pairs", odd.getMessage());
            IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                    () -> ComplexDoubleArray.of(arena, Order.C, new double[4], 3));
            assertEquals("interleaved has length 4, expected 6 (interleaved re, im) for shape (3,)",
                    length.getMessage());
            assertEquals("(1.0-2.0j)", new Complex(1, -2).toString());
            assertEquals(new Complex(-5, 10), new Complex(1, 2).times(new Complex(3, 4)));
        }
    }
}
