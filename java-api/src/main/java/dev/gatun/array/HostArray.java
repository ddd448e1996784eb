// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * What the host array classes share: the segment, the layout, views, checks and bulk copies.
 * The typed element access lives in the subclasses, next to their {@code static final} layouts.
 */
abstract sealed class HostArray implements StridedArray
        permits DoubleArray, FloatArray, IntArray, LongArray, ShortArray, ByteArray, ComplexDoubleArray, ComplexFloatArray {

    /** SIMD kernels load whole cache lines; 64 bytes also covers AVX-512 registers. */
    static final long ALIGNMENT = 64;

    /** Java arrays are limited a little below {@code Integer.MAX_VALUE} elements. */
    private static final long MAX_JAVA_LENGTH = Integer.MAX_VALUE - 8;

    final MemorySegment segment;
    final Layout layout;
    final ByteOrder byteOrder;
    final boolean heap;

    // Copies of the layout in final fields: the rank-1 and rank-2 accessors read nothing else, so
    // a loop over get(i) compiles to the same code as a loop over a Java array.
    final boolean swapped;
    final long elementBytes;
    final int rank;
    final long size;
    final long extent0;
    final long extent1;
    final long byteStride0;
    final long byteStride1;
    final boolean contiguous;

    HostArray(long elementBytes, MemorySegment segment, Layout layout, ByteOrder byteOrder) {
        this.segment = segment;
        this.layout = layout;
        this.byteOrder = byteOrder;
        // Memory of a Java array (ofHeap, or wrap of MemorySegment.ofArray) can move during GC.
        this.heap = !segment.isNative();
        this.swapped = byteOrder != ByteOrder.nativeOrder();
        this.elementBytes = elementBytes;
        this.rank = layout.rank();
        this.size = layout.size;
        this.extent0 = rank > 0 ? layout.shape[0] : 0;
        this.extent1 = rank > 1 ? layout.shape[1] : 0;
        this.byteStride0 = rank > 0 ? layout.strides[0] * elementBytes : 0;
        this.byteStride1 = rank > 1 ? layout.strides[1] * elementBytes : 0;
        this.contiguous = layout.isCContiguous() || layout.isFortranContiguous();
    }

    // ---- creation ----------------------------------------------------------------------------

    /** Zero-filled, 64-byte aligned memory for {@code layout} in {@code arena}. */
    static MemorySegment allocate(Arena arena, ElementType type, Layout layout) {
        Objects.requireNonNull(arena, "arena");
        return arena.allocate(byteSize(type, layout), ALIGNMENT);
    }

    /** The first bytes of {@code segment} that a contiguous {@code layout} covers. */
    static MemorySegment wrapped(MemorySegment segment, ElementType type, Layout layout) {
        Objects.requireNonNull(segment, "segment");
        long bytes = byteSize(type, layout);
        if (segment.byteSize() < bytes) {
            throw new IllegalArgumentException("segment has " + segment.byteSize() + " bytes, but shape "
                    + Layout.format(layout.shape) + " of " + type.displayName() + " needs " + bytes);
        }
        return segment.asSlice(0, bytes);
    }

    static long byteSize(ElementType type, Layout layout) {
        try {
            return Math.multiplyExact(layout.size, type.byteSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + Layout.format(layout.shape) + " of "
                    + type.displayName() + " needs more than " + Long.MAX_VALUE + " bytes");
        }
    }

    /** The array class of {@code type} over {@code segment}; used by {@link Npy}. */
    static HostArray create(ElementType type, MemorySegment segment, Layout layout, ByteOrder order) {
        return Classes.create(type, segment, layout, order);
    }

    /**
     * Apart from HostArray: verifying a method that returns each array class as a HostArray loads every one of
     * them, eight classes (some milliseconds) at a program's first array, which then needs only one.
     */
    private static final class Classes {
        static HostArray create(ElementType type, MemorySegment segment, Layout layout, ByteOrder order) {
            return switch (type) {
                case DOUBLE -> new DoubleArray(segment, layout, order);
                case FLOAT -> new FloatArray(segment, layout, order);
                case INT -> new IntArray(segment, layout, order);
                case LONG -> new LongArray(segment, layout, order);
                case COMPLEX_DOUBLE -> new ComplexDoubleArray(segment, layout, order);
                case INT8 -> new ByteArray(segment, layout, order);
                case INT16 -> new ShortArray(segment, layout, order);
                case COMPLEX_FLOAT -> new ComplexFloatArray(segment, layout, order);
            };
        }
    }

    // ---- what each element type provides -----------------------------------------------------

    /** A new array object of this class over {@code viewSegment}, same byte order and heap flag. */
    abstract HostArray newView(MemorySegment viewSegment, Layout viewLayout);

    /** The native-order layout of one Java array component: a double for complex arrays. */
    abstract ValueLayout unitLayout();

    /** Java array components per element: 2 for complex, else 1. */
    abstract int unitsPerElement();

    // ---- StridedArray and NdArray -------------------------------------------------------------

    @Override
    public final int rank() {
        return rank;
    }

    @Override
    public final long[] shape() {
        return layout.shape.clone();
    }

    @Override
    public final long shape(int dim) {
        return layout.shape[layout.checkDim(dim, "dim")];
    }

    @Override
    public final long[] strides() {
        return layout.strides.clone();
    }

    @Override
    public final long size() {
        return size;
    }

    @Override
    public final boolean isCContiguous() {
        return layout.isCContiguous();
    }

    @Override
    public final boolean isFortranContiguous() {
        return layout.isFortranContiguous();
    }

    @Override
    public final Order order() {
        return layout.order();
    }

    @Override
    public final boolean isAlive() {
        return segment.scope().isAlive();
    }

    /**
     * Returns the memory of this array, starting at element {@code [0, ..., 0]}; no copy.
     *
     * @return the segment, as long as the span of this array or view
     */
    public final MemorySegment segment() {
        return segment;
    }

    /** {@return whether the memory is a Java array, passable only to critical downcalls} */
    public final boolean isHeap() {
        return heap;
    }

    /** {@return whether writes are refused, as for a read-only mapped {@code .npy} file} */
    public final boolean isReadOnly() {
        return segment.isReadOnly();
    }

    /** {@return the byte order of the elements in memory: native unless mapped big-endian} */
    public final ByteOrder byteOrder() {
        return byteOrder;
    }

    /** {@return the type, shape, strides and order, for example {@code DoubleArray[shape=(2, 3), ...]}} */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[shape=" + Layout.format(layout.shape)
                + ", strides=" + Layout.format(layout.strides) + ", order=" + order()
                + (heap ? ", heap" : "") + (swapped ? ", byteOrder=" + byteOrder : "")
                + (isAlive() ? "" : ", closed") + "]";
    }

    // ---- index checks (the exception paths stay out of line so the accessors inline) ----------

    final long offset1(long i) {
        if (rank != 1) {
            throw rankMismatch(1);
        }
        if (i < 0 || i >= extent0) {
            throw outOfBounds(0, i);
        }
        return i * byteStride0;
    }

    final long offset2(long i, long j) {
        if (rank != 2) {
            throw rankMismatch(2);
        }
        if (i < 0 || i >= extent0) {
            throw outOfBounds(0, i);
        }
        if (j < 0 || j >= extent1) {
            throw outOfBounds(1, j);
        }
        return i * byteStride0 + j * byteStride1;
    }

    final long offsetN(long[] index) {
        return layout.offsetOf(index) * elementBytes;
    }

    /** Checks {@code k}, the position of an element in memory order; the caller scales it to bytes. */
    final long flatIndex(long k) {
        if (!contiguous) {
            throw notContiguous("getFlat/setFlat");
        }
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("flat index k = " + k + " out of bounds; expected 0 <= k < "
                    + size + " (shape " + Layout.format(layout.shape) + ")");
        }
        return k;
    }

    private IllegalArgumentException rankMismatch(int indices) {
        return new IllegalArgumentException("an index with " + indices + " coordinate"
                + (indices == 1 ? "" : "s") + " needs a rank-" + indices + " array, but this one has rank "
                + rank + " (shape " + Layout.format(layout.shape) + "); pass " + rank + " coordinates");
    }

    private IndexOutOfBoundsException outOfBounds(int dim, long index) {
        return layout.outOfBounds(dim, index);
    }

    final IllegalStateException notContiguous(String operation) {
        return new IllegalStateException(operation + " needs a contiguous array; this view (shape "
                + Layout.format(layout.shape) + ", strides " + Layout.format(layout.strides)
                + ") is not: copy it first with copy(arena)");
    }

    // ---- views ---------------------------------------------------------------------------------

    private MemorySegment viewSegment(Layout view, long offsetElements) {
        return segment.asSlice(offsetElements * elementBytes, view.span() * elementBytes);
    }

    final HostArray sliceView(int dim, long start, long end, long step) {
        Layout view = layout.slice(dim, start, end, step);
        return newView(viewSegment(view, layout.sliceOffset(dim, start, view.shape[dim])), view);
    }

    final HostArray transposeView() {
        return newView(segment, layout.transpose());
    }

    final HostArray reshapeView(Order order, long[] shape) {
        return newView(segment, layout.reshape(Objects.requireNonNull(order, "order"), shape));
    }

    // ---- bulk copies, in order() --------------------------------------------------------------

    /** {@return the Java array length for all elements} Refuses arrays too big for Java. */
    final int javaLength() {
        if (size > MAX_JAVA_LENGTH / unitsPerElement()) {
            throw new UnsupportedOperationException("this array has " + size
                    + " elements, too many for a Java array; use segment() or slices");
        }
        return (int) size * unitsPerElement();
    }

    /** Checks that a Java array {@code parameter} has one component per element unit. */
    final int javaLength(String parameter, int actualLength) {
        int needed = javaLength();
        if (actualLength != needed) {
            throw new IllegalArgumentException(parameter + " has length " + actualLength + ", expected "
                    + needed + (unitsPerElement() == 2 ? " (interleaved re, im)" : "")
                    + " for shape " + Layout.format(layout.shape));
        }
        return needed;
    }

    final void copyToJava(Object javaArray, int length) {
        ValueLayout unit = unitLayout().withOrder(byteOrder);
        int units = unitsPerElement();
        if (contiguous) {
            MemorySegment.copy(segment, unit, 0, javaArray, 0, length);
            return;
        }
        layout.forEach(order(), (k, offset) ->
                MemorySegment.copy(segment, unit, offset * elementBytes, javaArray, (int) k * units, units));
    }

    final void copyFromJava(Object javaArray, int length) {
        ValueLayout unit = unitLayout().withOrder(byteOrder);
        int units = unitsPerElement();
        if (contiguous) {
            MemorySegment.copy(javaArray, 0, segment, unit, 0, length);
            return;
        }
        layout.forEach(order(), (k, offset) ->
                MemorySegment.copy(javaArray, (int) k * units, segment, unit, offset * elementBytes, units));
    }

    /** A contiguous, native-order, 64-byte aligned copy in {@code order()}, in {@code arena}. */
    final HostArray copyInto(Arena arena) {
        Layout target = Layout.contiguous(order(), layout.shape);
        MemorySegment memory = allocate(arena, elementType(), target);
        ValueLayout from = unitLayout().withOrder(byteOrder);
        ValueLayout to = unitLayout();
        int units = unitsPerElement();
        if (contiguous) {
            MemorySegment.copy(segment, from, 0, memory, to, 0, size * units);
        } else {
            layout.forEach(order(), (k, offset) ->
                    MemorySegment.copy(segment, from, offset * elementBytes, memory, to, k * elementBytes, units));
        }
        return create(elementType(), memory, target, ByteOrder.nativeOrder());
    }
}
