// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows added to the element-type table: int8 ({@link ByteArray}), int16 ({@link ShortArray}) and
 * complex(4) ({@link ComplexFloatArray}); Fortran logical arrays use the integer class of their size.
 */
class NewElementTypesTest {

    @TempDir
    Path dir;

    @Test
    void byteArrayHoldsInt8AndLogical1() {
        try (Arena arena = Arena.ofConfined()) {
            ByteArray a = ByteArray.of(arena, Order.FORTRAN, new byte[] {1, 0, -128, 127, 5, 6}, 2, 3);
            assertEquals(ElementType.INT8, a.elementType());
            assertEquals(1, ElementType.INT8.alignment());
            assertEquals(6, a.segment().byteSize());
            assertEquals((byte) -128, a.get(0, 1));
            a.set(1, 2, (byte) -1);
            assertEquals((byte) -1, a.segment().get(ValueLayout.JAVA_BYTE, 5));
            assertArrayEquals(new byte[] {0, 127, -1}, a.slice(0, 1, 2).toArray());
            assertArrayEquals(new byte[] {1, 0, -128, 127, 5, -1}, a.transpose().copy(arena).toArray());
            byte[] heap = {7, 8};
            ByteArray.ofHeap(heap).setFlat(1, (byte) 9);
            assertEquals(9, heap[1]);
            var e = assertThrows(IllegalArgumentException.class, () -> a.copyFrom(new byte[2]));
            assertEquals("src has length 2, expected 6 for shape (2, 3)", e.getMessage());
        }
    }

    @Test
    void shortArrayHoldsInt16() {
        try (Arena arena = Arena.ofConfined()) {
            ShortArray a = ShortArray.allocate(arena, 3, 4);
            a.fill((short) 300);
            a.slice(1, 0, 4, 2).fill(Short.MIN_VALUE);
            assertArrayEquals(new short[] {Short.MIN_VALUE, 300, Short.MIN_VALUE, 300}, a.slice(0, 2, 3).reshape(4).toArray());
            assertEquals(2 * 12, a.segment().byteSize());
            assertEquals(ElementType.INT16, a.elementType());
            assertEquals(2, ElementType.INT16.alignment());
        }
    }

    @Test
    void complexFloatArrayHoldsComplex4() {
        try (Arena arena = Arena.ofConfined()) {
            ComplexFloatArray a = ComplexFloatArray.allocate(arena, Order.C, 2, 2);
            assertEquals(ElementType.COMPLEX_FLOAT, a.elementType());
            assertEquals(4, ElementType.COMPLEX_FLOAT.alignment());
            assertTrue(ElementType.COMPLEX_FLOAT.isComplex());
            assertEquals(32, a.segment().byteSize());
            a.set(1, 0, new Complex(1.5, -2.25));
            assertEquals(new Complex(1.5, -2.25), a.get(1, 0));
            assertEquals(1.5f, a.segment().getAtIndex(ValueLayout.JAVA_FLOAT, 4));
            assertEquals(-2.25f, a.segment().getAtIndex(ValueLayout.JAVA_FLOAT, 5));
            assertArrayEquals(new float[] {0, 0, 0, 0, 1.5f, -2.25f, 0, 0}, a.toInterleavedArray());
            // A value a float cannot hold exactly is rounded to the nearest float, as C would.
            a.set(0, 0, new Complex(0.1, 1e300));
            assertEquals((double) 0.1f, a.get(0, 0).re());
            assertEquals(Double.POSITIVE_INFINITY, a.get(0, 0).im());
        }
    }

    @Test
    void npyFilesOfTheNewTypesRoundTrip() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            ByteArray b = ByteArray.of(arena, Order.C, new byte[] {1, -2, 3}, 3);
            ShortArray s = ShortArray.of(arena, Order.FORTRAN, new short[] {1, -2, 3, 4}, 2, 2);
            ComplexFloatArray c = ComplexFloatArray.of(arena, Order.C, new float[] {1, 2, 3, 4}, 2);
            Npy.write(dir.resolve("b.npy"), b);
            Npy.write(dir.resolve("s.npy"), s);
            Npy.write(dir.resolve("c.npy"), c);
            assertArrayEquals(new byte[] {1, -2, 3}, assertInstanceOf(ByteArray.class, Npy.read(dir.resolve("b.npy"), arena)).toArray());
            ShortArray s2 = assertInstanceOf(ShortArray.class, Npy.read(dir.resolve("s.npy"), arena));
            assertEquals(Order.FORTRAN, s2.order());
            assertEquals((short) -2, s2.get(1, 0));
            ComplexFloatArray c2 = assertInstanceOf(ComplexFloatArray.class, Npy.read(dir.resolve("c.npy"), arena));
            assertEquals(new Complex(3, 4), c2.get(1));
        }
    }

    @Test
    void bigEndianShortsAreSwappedOnAccess() {
        try (Arena arena = Arena.ofConfined()) {
            var memory = arena.allocate(4);
            memory.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) 0x1234);
            ShortArray a = (ShortArray) HostArray.create(ElementType.INT16, memory,
                    Layout.contiguous(Order.C, new long[] {2}), ByteOrder.BIG_ENDIAN);
            assertEquals((short) 0x1234, a.get(1));
            a.set(0, (short) 0x0102);
            assertEquals((short) 0x0201, memory.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0));
        }
    }
}
