// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.WeakReference;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class DoubleArrayTest {

    @Test
    void allocatesZeroFilledAlignedMemoryWithElementStrides() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray c = DoubleArray.allocate(arena, 3, 4, 5);
            assertEquals(0, c.segment().address() % 64, "64-byte alignment for SIMD kernels");
            assertEquals(60 * 8, c.segment().byteSize());
            assertArrayEquals(new long[] {20, 5, 1}, c.strides());
            assertEquals(Order.C, c.order());
            assertTrue(c.isCContiguous());
            assertFalse(c.isFortranContiguous());
            for (double v : c.toArray()) {
                assertEquals(0.0, v);
            }
            DoubleArray f = DoubleArray.allocate(arena, Order.FORTRAN, 3, 4, 5);
            assertArrayEquals(new long[] {1, 3, 12}, f.strides());
            assertEquals(Order.FORTRAN, f.order());
            assertEquals(60, f.size());
            assertEquals(Location.HOST, f.location());
            assertEquals(ByteOrder.nativeOrder(), f.byteOrder());
            assertFalse(f.isHeap());
        }
    }

    @Test
    void elementOffsetsFollowTheOrder() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray c = DoubleArray.allocate(arena, Order.C, 2, 3);
            DoubleArray f = DoubleArray.allocate(arena, Order.FORTRAN, 2, 3);
            c.set(1, 2, 7.5);
            f.set(1, 2, 7.5);
            // [1, 2] is the last element either way; [0, 1] is element 1 in C, element 2 in Fortran.
            assertEquals(7.5, c.segment().getAtIndex(ValueLayout.JAVA_DOUBLE, 5));
            assertEquals(7.5, f.segment().getAtIndex(ValueLayout.JAVA_DOUBLE, 5));
            c.set(0, 1, 1.0);
            f.set(0, 1, 1.0);
            assertEquals(1.0, c.getFlat(1));
            assertEquals(1.0, f.getFlat(2));
            assertEquals(1.0, f.get(new long[] {0, 1}));
        }
    }

    @Test
    void ofCopiesValuesInTheGivenOrderAndToArrayReturnsThem() {
        double[] values = {1, 2, 3, 4, 5, 6};
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray c = DoubleArray.of(arena, Order.C, values, 2, 3);
            DoubleArray f = DoubleArray.of(arena, Order.FORTRAN, values, 2, 3);
            assertEquals(2.0, c.get(0, 1));
            assertEquals(3.0, f.get(0, 1), "column-major: [0, 1] is the third value");
            assertArrayEquals(values, c.toArray());
            assertArrayEquals(values, f.toArray());
            double[] out = new double[6];
            f.copyTo(out);
            assertArrayEquals(values, out);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DoubleArray.of(arena, Order.C, values, 4, 2));
            assertEquals("src has length 6, expected 8 for shape (4, 2)", e.getMessage());
        }
    }

    @Test
    void rankZeroAndEmptyArrays() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray scalar = DoubleArray.allocate(arena);
            assertEquals(0, scalar.rank());
            assertEquals(1, scalar.size());
            scalar.set(new long[0], 4.25);
            assertEquals(4.25, scalar.get());
            assertArrayEquals(new double[] {4.25}, scalar.toArray());
            assertEquals(8, scalar.segment().byteSize());

            DoubleArray empty = DoubleArray.allocate(arena, 3, 0);
            assertEquals(0, empty.size());
            assertTrue(empty.isCContiguous() && empty.isFortranContiguous());
            assertEquals(0, empty.toArray().length);
            assertEquals(0, empty.slice(0, 1, 3).size());
        }
    }

    @Test
    void badIndicesThrowMessagesThatSayWhatWasExpected() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray v = DoubleArray.allocate(arena, 10);
            DoubleArray m = DoubleArray.allocate(arena, 2, 3);
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> v.get(10));
            assertEquals("index 10 out of bounds for extent 10 in dimension 0 (shape (10,))", e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> v.get(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> v.set(Long.MIN_VALUE, 1));
            e = assertThrows(IndexOutOfBoundsException.class, () -> m.get(1, 3));
            assertEquals("index 3 out of bounds for extent 3 in dimension 1 (shape (2, 3))", e.getMessage());
            IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> m.get(1));
            assertEquals("an index with 1 coordinate needs a rank-1 array, but this one has rank 2 "
                    + "(shape (2, 3)); pass 2 coordinates", r.getMessage());
            r = assertThrows(IllegalArgumentException.class, () -> m.get(new long[] {0, 0, 0}));
            assertEquals("index has 3 coordinates [0, 0, 0], but the array has rank 2 (shape (2, 3))", r.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> m.getFlat(6));
            assertEquals("flat index k = 6 out of bounds; expected 0 <= k < 6 (shape (2, 3))", e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> m.shape(2));
            assertEquals("dim = 2 is not a dimension of a rank-2 array; expected 0 <= dim < 2", e.getMessage());
        }
    }

    @Test
    void badShapesAreRefusedWithTheExtentNamed() {
        try (Arena arena = Arena.ofConfined()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DoubleArray.allocate(arena, 3, -2));
            assertEquals("shape[1] must be >= 0, got -2 in shape (3, -2)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> DoubleArray.allocate(arena, 1L << 40, 1L << 40));
            assertEquals("shape (1099511627776, 1099511627776) has more than " + Long.MAX_VALUE + " elements",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> DoubleArray.allocate(arena, 1L << 61));
            assertTrue(e.getMessage().contains("needs more than"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> DoubleArray.wrap(arena.allocate(16), Order.C, 3));
            assertEquals("segment has 16 bytes, but shape (3,) of double needs 24", e.getMessage());
        }
    }

    @Test
    void slicesWithAStepShareMemoryAndFollowTheStrides() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray m = DoubleArray.allocate(arena, 4, 6);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 6; j++) {
                    m.set(i, j, 10 * i + j);
                }
            }
            DoubleArray cols = m.slice(1, 1, 6, 2); // columns 1, 3, 5
            assertArrayEquals(new long[] {4, 3}, cols.shape());
            assertArrayEquals(new long[] {6, 2}, cols.strides());
            assertFalse(cols.isCContiguous() || cols.isFortranContiguous());
            assertEquals(Order.C, cols.order());
            assertEquals(35.0, cols.get(3, 2));
            assertArrayEquals(new double[] {1, 3, 5, 11, 13, 15, 21, 23, 25, 31, 33, 35}, cols.toArray());
            cols.set(0, 0, -1);
            assertEquals(-1.0, m.get(0, 1), "a view writes through to its base");
            // The segment starts at the view's first element and ends after its last.
            assertEquals(m.segment().address() + 8, cols.segment().address());
            assertEquals((3 * 6 + 2 * 2 + 1) * 8, cols.segment().byteSize());

            DoubleArray rows = m.slice(0, 1, 3); // rows 1..2: still C-contiguous
            assertTrue(rows.isCContiguous());
            assertEquals(10.0, rows.getFlat(0));
            IllegalStateException flat = assertThrows(IllegalStateException.class, () -> cols.getFlat(0));
            assertTrue(flat.getMessage().startsWith("getFlat/setFlat needs a contiguous array"), flat.getMessage());
            IndexOutOfBoundsException range = assertThrows(IndexOutOfBoundsException.class, () -> m.slice(0, 2, 5));
            assertEquals("slice [2, 5) of dimension 0 must satisfy 0 <= start <= end <= 4", range.getMessage());
            IllegalArgumentException step = assertThrows(IllegalArgumentException.class, () -> m.slice(0, 0, 4, 0));
            assertEquals("step must be >= 1, got 0", step.getMessage());
        }
    }

    @Test
    void transposeTurnsCIntoFortranWithoutCopying() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray c = DoubleArray.of(arena, Order.C, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
            DoubleArray t = c.transpose();
            assertArrayEquals(new long[] {3, 2}, t.shape());
            assertTrue(t.isFortranContiguous());
            assertEquals(Order.FORTRAN, t.order());
            assertEquals(c.segment().address(), t.segment().address());
            assertEquals(6.0, t.get(2, 1));
            assertEquals(4.0, t.get(0, 1));
            assertSame(Order.C, t.transpose().order());
            // A rank-1 array is contiguous both ways; transpose flips the order it reports.
            DoubleArray v = DoubleArray.allocate(arena, Order.FORTRAN, 5);
            assertEquals(Order.FORTRAN, v.order());
            assertEquals(Order.C, v.transpose().order());
            assertEquals(Order.FORTRAN, v.slice(0, 0, 5, 2).order(), "a strided vector keeps its order");
            assertEquals(Order.C, DoubleArray.allocate(arena, 5).slice(0, 0, 5, 2).order());
        }
    }

    @Test
    void reshapeKeepsTheMemoryOrderAndRefusesNonContiguousViews() {
        try (Arena arena = Arena.ofConfined()) {
            double[] values = {1, 2, 3, 4, 5, 6};
            DoubleArray c = DoubleArray.of(arena, Order.C, values, 6).reshape(2, 3);
            assertEquals(4.0, c.get(1, 0));
            DoubleArray f = DoubleArray.of(arena, Order.FORTRAN, values, 2, 3).reshape(3, 2);
            assertEquals(Order.FORTRAN, f.order());
            assertEquals(4.0, f.get(0, 1));
            // A rank-1 array is contiguous in both orders, so it can be read column by column too.
            assertEquals(3.0, DoubleArray.of(arena, Order.C, values, 6).reshape(Order.FORTRAN, 2, 3).get(0, 1));
            assertThrows(IllegalStateException.class, () -> c.reshape(Order.FORTRAN, 3, 2));
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> c.reshape(4, 2));
            assertEquals("shape (4, 2) has 8 elements, but the array has 6 (shape (2, 3))", size.getMessage());
            DoubleArray strided = c.slice(1, 0, 3, 2);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> strided.reshape(4));
            assertTrue(e.getMessage().contains("copy it first with copy(arena)"), e.getMessage());
            DoubleArray copied = strided.copy(arena).reshape(4);
            assertArrayEquals(new double[] {1, 3, 4, 6}, copied.toArray());
        }
    }

    @Test
    void copyFromAndFillOnAViewTouchOnlyTheViewsElements() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray f = DoubleArray.allocate(arena, Order.FORTRAN, 3, 4);
            DoubleArray inner = f.slice(0, 1, 3).slice(1, 1, 4, 2); // 2 x 2, Fortran strides
            assertEquals(Order.FORTRAN, inner.order());
            inner.copyFrom(new double[] {1, 2, 3, 4}); // column by column
            assertEquals(1.0, f.get(1, 1));
            assertEquals(2.0, f.get(2, 1));
            assertEquals(3.0, f.get(1, 3));
            assertEquals(0.0, f.get(1, 2));
            inner.fill(9);
            assertArrayEquals(new double[] {0, 0, 0, 0, 9, 9, 0, 0, 0, 0, 9, 9}, f.toArray());
            DoubleArray copy = inner.copy(arena);
            assertTrue(copy.isFortranContiguous());
            assertEquals(0, copy.segment().address() % 64);
        }
    }

    @Test
    void heapArraysAreZeroCopyViewsOfTheJavaArray() {
        double[] values = new double[8];
        DoubleArray heap = DoubleArray.ofHeap(values);
        assertTrue(heap.isHeap());
        heap.set(3, 2.5);
        assertEquals(2.5, values[3]);
        assertTrue(heap.slice(0, 2, 6).isHeap(), "views of heap memory are heap memory");
        assertTrue(DoubleArray.wrap(MemorySegment.ofArray(values), Order.C, 2, 4).isHeap());
        try (Arena arena = Arena.ofConfined()) {
            assertFalse(heap.copy(arena).isHeap());
        }
    }

    @Test
    void aClosedArenaOrAnotherThreadIsRefusedWithoutACrash() throws Exception {
        Arena arena = Arena.ofConfined();
        DoubleArray a = DoubleArray.allocate(arena, 4);
        DoubleArray view = a.slice(0, 1, 3);
        CompletableFuture<Double> other = CompletableFuture.supplyAsync(() -> a.get(0));
        ExecutionException wrong = assertThrows(ExecutionException.class, other::get);
        assertTrue(wrong.getCause() instanceof WrongThreadException, wrong.getCause().toString());
        arena.close();
        assertFalse(a.isAlive());
        assertFalse(view.isAlive());
        assertThrows(IllegalStateException.class, () -> a.get(0));
        assertThrows(IllegalStateException.class, () -> view.set(0, 1));
        assertThrows(IllegalStateException.class, a::toArray);
    }

    @Test
    void aViewKeepsAutomaticMemoryAlive() throws InterruptedException {
        DoubleArray view = viewOfDroppedBase();
        WeakReference<Object> probe = new WeakReference<>(new Object());
        for (int i = 0; i < 20 && probe.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(view.isAlive());
        assertEquals(41.0, view.get(1));
    }

    private static DoubleArray viewOfDroppedBase() {
        DoubleArray base = DoubleArray.allocate(Order.C, 100);
        base.set(42, 41);
        return base.slice(0, 41, 50);
    }

    @Test
    void wrapViewsExistingMemory() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment raw = arena.allocate(8 * 12);
            raw.setAtIndex(ValueLayout.JAVA_DOUBLE, 7, 3.5);
            DoubleArray a = DoubleArray.wrap(raw, Order.C, 3, 3);
            assertEquals(3.5, a.get(2, 1));
            assertEquals(72, a.segment().byteSize());
            assertEquals("DoubleArray[shape=(3, 3), strides=(3, 1), order=C]", a.toString());
        }
    }
}
