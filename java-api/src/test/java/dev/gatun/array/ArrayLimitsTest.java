// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of the long-indexed array API: steps near {@code Long.MAX_VALUE}, arrays of more than
 * 2^31 elements (a sparse mapped file, so no memory is touched), extents too big for a native int,
 * and arrays confined to another thread.
 */
class ArrayLimitsTest {

    /** 2^31 + 16: past what an int index or a Java array can reach. */
    private static final long BIG = (1L << 31) + 16;

    @TempDir
    Path dir;

    @Test
    void hugeStepsGiveOneElementNotANegativeExtent() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.of(arena, Order.C, new double[] {0, 1, 2, 3, 4, 5}, 6);
            DoubleArray one = a.slice(0, 1, 6, Long.MAX_VALUE);
            assertArrayEquals(new long[] {1}, one.shape());
            assertEquals(1, one.size());
            assertEquals(1.0, one.get(0));
            DoubleArray none = a.slice(0, 3, 3, Long.MAX_VALUE);
            assertEquals(0, none.size());
            DoubleArray every = a.slice(0, 0, 6, Long.MAX_VALUE - 1);
            assertArrayEquals(new double[] {0}, every.toArray());
            DoubleArray m = DoubleArray.allocate(arena, 4, 5);
            assertArrayEquals(new long[] {4, 1}, m.slice(1, 2, 5, Long.MAX_VALUE).shape());
        }
    }

    @Test
    void arraysOfMoreThan2To31ElementsWork() throws Exception {
        try (Arena arena = Arena.ofConfined();
                FileChannel file = FileChannel.open(dir.resolve("big.bin"), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            MemorySegment memory = file.map(FileChannel.MapMode.READ_WRITE, 0, BIG * Double.BYTES, arena);
            DoubleArray a = DoubleArray.wrap(memory, Order.C, BIG);
            assertEquals(BIG, a.size());
            a.set(BIG - 1, 7.5);
            a.set((1L << 31) + 1, -2.0);
            assertEquals(7.5, a.get(BIG - 1));
            assertEquals(7.5, a.getFlat(BIG - 1));
            DoubleArray tail = a.slice(0, 1L << 31, BIG);
            assertEquals(16, tail.size());
            assertEquals(-2.0, tail.toArray()[1]);
            DoubleArray strided = a.slice(0, 1, BIG, 1L << 31);
            assertArrayEquals(new double[] {0.0, -2.0}, strided.toArray());
            DoubleArray matrix = a.reshape(2, BIG / 2);
            assertEquals(7.5, matrix.get(1, BIG / 2 - 1));
            assertEquals(7.5, matrix.transpose().get(BIG / 2 - 1, 1));
            var tooBig = assertThrows(UnsupportedOperationException.class, a::toArray);
            assertTrue(tooBig.getMessage().contains(BIG + " elements"), tooBig.getMessage());
            var bounds = assertThrows(IndexOutOfBoundsException.class, () -> a.get(BIG));
            assertTrue(bounds.getMessage().contains("index " + BIG), bounds.getMessage());
            // A native int extent cannot hold it: the binding refuses before the call, naming the parameter.
            var narrow = assertThrows(IllegalArgumentException.class,
                    () -> ArrayRequirement.toInt("n", a.shape(0), "the extent of 'a'"));
            assertEquals("parameter 'n': the extent of 'a' is " + BIG + ", but the routine takes a C int (at most "
                    + Integer.MAX_VALUE + "); pass the array in slices", narrow.getMessage());
            ArrayRequirement.host("a", ElementType.DOUBLE, 1, Order.C).check(a);
        }
    }

    @Test
    void anArrayConfinedToAnotherThreadIsNamed() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.allocate(arena, 8);
            ArrayRequirement requirement = ArrayRequirement.host("x", ElementType.DOUBLE, 1, Order.C);
            requirement.check(a);
            var failure = assertThrows(ExecutionException.class,
                    () -> CompletableFuture.runAsync(() -> requirement.check(a)).get());
            assertTrue(failure.getCause() instanceof WrongThreadException, failure.getCause().toString());
            assertTrue(failure.getCause().getMessage().startsWith("parameter 'x': its memory belongs to a confined arena "
                    + "of another thread"), failure.getCause().getMessage());
        }
    }
}
