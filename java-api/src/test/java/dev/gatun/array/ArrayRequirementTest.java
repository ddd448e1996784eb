// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ArrayRequirementTest {

    private static final ArrayRequirement MATRIX_F = new ArrayRequirement("a", ElementType.DOUBLE, 2,
            Order.FORTRAN, new long[] {100, -1}, Location.HOST);

    private static void assertRefused(String message, Executable check) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, check).getMessage());
    }

    @Test
    void acceptsAMatchingArray() {
        try (Arena arena = Arena.ofConfined()) {
            assertDoesNotThrow(() -> MATRIX_F.check(DoubleArray.allocate(arena, Order.FORTRAN, 100, 3)));
            assertDoesNotThrow(() -> MATRIX_F.check(DoubleArray.allocate(arena, 3, 120).transpose()));
            // No order: any strided view is fine, the routine reads the strides.
            ArrayRequirement anyLayout = ArrayRequirement.host("x", ElementType.DOUBLE, -1, null);
            assertDoesNotThrow(() -> anyLayout.check(DoubleArray.allocate(arena, 8, 8).slice(1, 0, 8, 3)));
        }
    }

    @Test
    void namesTheParameterAndWhatWasExpected() {
        try (Arena arena = Arena.ofConfined()) {
            assertRefused("parameter 'a': expected Fortran order, got C order",
                    () -> MATRIX_F.check(DoubleArray.allocate(arena, 100, 100)));
            assertRefused("parameter 'a': expected rank 2, got 1",
                    () -> MATRIX_F.check(DoubleArray.allocate(arena, 100)));
            assertRefused("parameter 'a': expected extent >= 100 in dimension 0, got 10",
                    () -> MATRIX_F.check(DoubleArray.allocate(arena, Order.FORTRAN, 10, 10)));
            ArrayRequirement x = ArrayRequirement.host("x", ElementType.DOUBLE, 1, Order.C);
            assertRefused("parameter 'x': expected element type double, got float",
                    () -> x.check(FloatArray.allocate(arena, 5)));
            assertRefused("parameter 'a': expected Fortran order, got a non-contiguous view (strides (1, 200)); "
                    + "copy it with copy(arena)",
                    () -> MATRIX_F.check(DoubleArray.allocate(arena, Order.FORTRAN, 100, 4).slice(1, 0, 4, 2)));
            ArrayRequirement device = new ArrayRequirement("d_x", ElementType.DOUBLE, 1, Order.C, null,
                    Location.DEVICE);
            assertRefused("parameter 'd_x': expected a device array, got a host array",
                    () -> device.check(DoubleArray.allocate(arena, 5)));
            NullPointerException none = assertThrows(NullPointerException.class, () -> x.check(null));
            assertEquals("parameter 'x': expected a rank-1 double array, got null", none.getMessage());
        }
    }

    @Test
    void refusesAClosedArena() {
        Arena arena = Arena.ofConfined();
        DoubleArray a = DoubleArray.allocate(arena, Order.FORTRAN, 100, 2);
        arena.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MATRIX_F.check(a));
        assertEquals("parameter 'a': its arena is already closed", e.getMessage());
    }

    @Test
    void refusesHeapArraysUnlessTheCallIsCritical() {
        ArrayRequirement x = ArrayRequirement.host("x", ElementType.DOUBLE, 1, Order.C);
        DoubleArray heap = DoubleArray.ofHeap(new double[4]);
        assertRefused("parameter 'x': got a heap array (ofHeap), which only critical downcalls accept; "
                + "copy it off-heap with copy(arena)", () -> x.check(heap));
        assertDoesNotThrow(() -> x.check(heap, true));
    }

    @Test
    void validatesItsOwnComponents() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ArrayRequirement("a", ElementType.INT, 2, null, new long[] {1}, Location.HOST));
        assertEquals("minExtents has 1 entries but rank is 2; give one entry per dimension", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ArrayRequirement("a", ElementType.INT, -2, null, null, Location.HOST));
        long[] extents = {100, -1};
        ArrayRequirement copy = new ArrayRequirement("a", ElementType.DOUBLE, 2, Order.FORTRAN, extents,
                Location.HOST);
        extents[0] = 1;
        assertEquals(MATRIX_F, copy, "extents are copied and compared by value");
        assertEquals(MATRIX_F.hashCode(), copy.hashCode());
        assertNotEquals(MATRIX_F, ArrayRequirement.host("a", ElementType.DOUBLE, 2, Order.FORTRAN));
    }

    @Test
    void anOutputRefusesAReadOnlyMappedArrayButAnInputTakesIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("x.npy");
        try (Arena arena = Arena.ofConfined()) {
            Npy.write(file, DoubleArray.of(arena, Order.C, new double[] {1, 2, 3}, 3));
            NdArray mapped = Npy.read(file, arena);
            ArrayRequirement in = ArrayRequirement.host("x", ElementType.DOUBLE, 1, Order.C);
            assertDoesNotThrow(() -> in.check(mapped));
            // A native store into read-only mapped memory would kill the JVM with SIGSEGV.
            assertRefused("parameter 'x': the routine writes to it, but the array is read-only (e.g. a .npy file "
                    + "mapped READ_ONLY); map it READ_WRITE or pass copy(arena)", () -> in.requiringWritable().check(mapped));
            NdArray writable = Npy.read(file, arena, java.nio.channels.FileChannel.MapMode.READ_WRITE);
            assertDoesNotThrow(() -> in.requiringWritable().check(writable));
            assertNotEquals(in, in.requiringWritable());
        }
    }
}
