// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link StructArray}: shape, Fortran element order, the checks generated bindings rely on, and the messages. */
class StructArrayTest {

    /** A C {@code struct pt { double x; int tag; }}: 16 bytes, aligned to 8. */
    private static final StructLayout PT = MemoryLayout.structLayout(JAVA_DOUBLE.withName("x"), JAVA_INT.withName("tag"),
            MemoryLayout.paddingLayout(4)).withName("pt");

    private static void assertRefused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void elementsFollowFortranOrder() {
        try (Arena arena = Arena.ofConfined()) {
            StructArray a = StructArray.allocate(arena, PT, 3, 2);
            assertEquals(2, a.rank());
            assertArrayEquals(new long[] {3, 2}, a.shape());
            assertEquals(2, a.shape(1));
            assertEquals(6, a.length());
            assertEquals(6 * 16, a.segment().byteSize());
            for (long j = 0; j < 2; j++) {
                for (long i = 0; i < 3; i++) {
                    a.element(i, j).set(JAVA_INT, 8, (int) (10 * i + j));
                }
            }
            // The first index varies fastest: flat index i + 3 * j.
            assertEquals(21, a.element(5).get(JAVA_INT, 8));
            assertEquals(1, a.element(3).get(JAVA_INT, 8));
            assertEquals(16, a.element(1, 1).byteSize());
            assertEquals(0.0, a.element(0, 0).get(JAVA_DOUBLE, 0), "allocate zeroes the memory");
            assertThrows(IndexOutOfBoundsException.class, () -> a.element(3, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> a.element(6));
            assertThrows(IndexOutOfBoundsException.class, () -> a.shape(2));
            assertRefused("indices: expected 2 (the rank), got 3", () -> a.element(0, 0, 0));
            assertEquals(0, StructArray.allocate(arena, PT, 4, 0).length(), "a zero extent is an empty array");
        }
    }

    @Test
    void wrapViewsMemoryWithoutCopying() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate(PT, 8);
            StructArray a = StructArray.wrap(memory, PT, 2, 3);
            assertEquals(6 * 16, a.segment().byteSize(), "a view of the first 6 elements");
            a.element(1, 2).set(JAVA_DOUBLE, 0, 2.5);
            assertEquals(2.5, memory.get(JAVA_DOUBLE, 5 * 16), "the same memory");
            assertRefused("segment: expected native memory aligned to 8 bytes holding 9 pt elements of 16 bytes (shape [3, 3]), got "
                    + memory, () -> StructArray.wrap(memory, PT, 3, 3));
            assertThrows(IllegalArgumentException.class, () -> StructArray.wrap(MemorySegment.ofArray(new double[8]), PT, 2, 2),
                    "heap memory is refused");
            assertThrows(IllegalArgumentException.class, () -> StructArray.wrap(memory.asSlice(4), PT, 1), "misaligned memory is refused");
        }
    }

    @Test
    void badShapesAndArgumentsAreRefusedWithTheirNames() {
        try (Arena arena = Arena.ofConfined()) {
            assertRefused("shape: expected at least one extent, got none", () -> StructArray.allocate(arena, PT));
            assertRefused("shape: expected extent >= 0 in dimension 1, got -1", () -> StructArray.allocate(arena, PT, 2, -1));
            assertRefused("shape: [4611686018427387904, 4] holds more elements than fit in memory",
                    () -> StructArray.allocate(arena, PT, 1L << 62, 4));
            StructArray a = StructArray.allocate(arena, PT, 2, 2);
            assertDoesNotThrow(() -> StructArray.require("g", a, 2, PT));
            assertRefused("parameter 'g': expected a rank-3 array of pt elements, got rank 2", () -> StructArray.require("g", a, 3, PT));
            MemoryLayout other = MemoryLayout.structLayout(JAVA_DOUBLE.withName("v")).withName("other");
            assertRefused("parameter 'g': expected other elements of 8 bytes aligned to 8, got pt elements of 16 bytes aligned to 8",
                    () -> StructArray.require("g", a, 2, other));
        }
        StructArray closed;
        try (Arena arena = Arena.ofConfined()) {
            closed = StructArray.allocate(arena, PT, 1, 1);
        }
        assertThrows(IllegalStateException.class, () -> closed.element(0, 0).get(JAVA_INT, 8), "its arena is closed");
    }
}
