// SPDX-License-Identifier: Apache-2.0
// Generated from src/main/templates/RealArray.java.template by ArrayTemplateTest. Do not edit: change the template or the row.
package dev.gatun.array;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * An N-dimensional array of {@code float} in host memory: C {@code float*}, Fortran
 * {@code real(4)}, NumPy {@code float32}.
 *
 * <p>Allocate one in an arena, view it without copies, and pass {@link #segment()} to native code:
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     FloatArray a = FloatArray.allocate(arena, Order.FORTRAN, 100, 50); // zero-filled
 *     a.set(3, 4, 1.5f);
 *     FloatArray column = a.slice(1, 4, 5); // a 100 x 1 view
 * }
 * }
 *
 * <p>Indices are checked; a wrong index, rank or shape throws an exception that says what was
 * expected, and an access after the arena closed throws {@link IllegalStateException}.
 */
public final class FloatArray extends HostArray implements NdArray {

    // static final: the JIT folds these into the load instructions (an instance field would not be).
    private static final ValueLayout.OfFloat VALUE = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt BITS = ValueLayout.JAVA_INT_UNALIGNED;

    FloatArray(MemorySegment segment, Layout layout, ByteOrder byteOrder) {
        super(Float.BYTES, segment, layout, byteOrder);
    }

    // ---- creation ------------------------------------------------------------------------------

    /**
     * Allocates a zero-filled array in {@code arena}, aligned to 64 bytes.
     *
     * @param arena the arena that owns the memory; closing it frees the array and its views
     * @param order the memory layout
     * @param shape the extents, each {@code >= 0}; none for a scalar
     * @return the new array
     * @throws IllegalArgumentException if an extent is negative or the size overflows
     */
    public static FloatArray allocate(Arena arena, Order order, long... shape) {
        Layout layout = Layout.contiguous(order, shape);
        return new FloatArray(allocate(arena, ElementType.FLOAT, layout), layout, ByteOrder.nativeOrder());
    }

    /**
     * Allocates a zero-filled array in C order in {@code arena}.
     *
     * @param arena the arena that owns the memory
     * @param shape the extents, each {@code >= 0}
     * @return the new array
     */
    public static FloatArray allocate(Arena arena, long... shape) {
        return allocate(arena, Order.C, shape);
    }

    /**
     * Allocates a zero-filled array in an automatic arena: the garbage collector frees the memory
     * once neither the array nor any view of it is reachable.
     *
     * @param order the memory layout
     * @param shape the extents, each {@code >= 0}
     * @return the new array
     */
    public static FloatArray allocate(Order order, long... shape) {
        return allocate(Arena.ofAuto(), order, shape);
    }

    /**
     * Allocates an array in {@code arena} and copies {@code values} into it.
     *
     * @param arena  the arena that owns the memory
     * @param order  the memory layout, which is also the order of {@code values}
     * @param values the elements in memory order: row by row for C, column by column for Fortran
     * @param shape  the extents; their product must equal {@code values.length}
     * @return the new array
     * @throws IllegalArgumentException if {@code values.length} does not match the shape
     */
    public static FloatArray of(Arena arena, Order order, float[] values, long... shape) {
        Objects.requireNonNull(values, "values");
        FloatArray array = allocate(arena, order, shape);
        array.copyFrom(values);
        return array;
    }

    /**
     * Views existing memory (from native code, a mapped file, another array) as an array in
     * native byte order, without copying.
     *
     * @param segment the memory, element {@code [0, ..., 0]} first; at least the array's size
     * @param order   the memory layout
     * @param shape   the extents
     * @return a view of the first {@code size() * 4} bytes of {@code segment}
     * @throws IllegalArgumentException if {@code segment} is too small for the shape
     */
    public static FloatArray wrap(MemorySegment segment, Order order, long... shape) {
        Layout layout = Layout.contiguous(order, shape);
        return new FloatArray(wrapped(segment, ElementType.FLOAT, layout), layout, ByteOrder.nativeOrder());
    }

    /**
     * Views a Java array as a rank-1 array, without copying. Heap memory can move during garbage
     * collection, so bindings pass it only to critical downcalls; {@link ArrayRequirement#check}
     * refuses it otherwise.
     *
     * @param values the Java array; writes through this view change it
     * @return a rank-1 view of {@code values}
     */
    public static FloatArray ofHeap(float[] values) {
        Objects.requireNonNull(values, "values");
        Layout layout = Layout.contiguous(Order.C, new long[] {values.length});
        return new FloatArray(MemorySegment.ofArray(values), layout, ByteOrder.nativeOrder());
    }

    // ---- element access ------------------------------------------------------------------------

    /** {@return {@link ElementType#FLOAT}} */
    @Override
    public ElementType elementType() {
        return ElementType.FLOAT;
    }

    /**
     * Reads element {@code i} of a rank-1 array.
     *
     * @param i the index, {@code 0 <= i < shape(0)}
     * @return the element
     * @throws IllegalArgumentException  if the array is not rank 1
     * @throws IndexOutOfBoundsException if {@code i} is out of bounds
     */
    public float get(long i) {
        return read(offset1(i));
    }

    /**
     * Reads element {@code [i, j]} of a rank-2 array.
     *
     * @param i the row index, {@code 0 <= i < shape(0)}
     * @param j the column index, {@code 0 <= j < shape(1)}
     * @return the element
     * @throws IllegalArgumentException  if the array is not rank 2
     * @throws IndexOutOfBoundsException if an index is out of bounds
     */
    public float get(long i, long j) {
        return read(offset2(i, j));
    }

    /**
     * Reads the element at {@code index}, one coordinate per dimension (none for a scalar).
     *
     * @param index the coordinates
     * @return the element
     * @throws IllegalArgumentException  if the number of coordinates is not the rank
     * @throws IndexOutOfBoundsException if a coordinate is out of bounds
     */
    public float get(long... index) {
        return read(offsetN(index));
    }

    /**
     * Writes element {@code i} of a rank-1 array.
     *
     * @param i the index, {@code 0 <= i < shape(0)}
     * @param v the value
     * @throws IllegalArgumentException  if the array is not rank 1
     * @throws IndexOutOfBoundsException if {@code i} is out of bounds
     */
    public void set(long i, float v) {
        write(offset1(i), v);
    }

    /**
     * Writes element {@code [i, j]} of a rank-2 array.
     *
     * @param i the row index
     * @param j the column index
     * @param v the value
     * @throws IllegalArgumentException  if the array is not rank 2
     * @throws IndexOutOfBoundsException if an index is out of bounds
     */
    public void set(long i, long j, float v) {
        write(offset2(i, j), v);
    }

    /**
     * Writes the element at {@code index}, one coordinate per dimension.
     *
     * @param index the coordinates
     * @param v     the value
     * @throws IllegalArgumentException  if the number of coordinates is not the rank
     * @throws IndexOutOfBoundsException if a coordinate is out of bounds
     */
    public void set(long[] index, float v) {
        write(offsetN(index), v);
    }

    /**
     * Reads the {@code k}-th element in memory order: the fastest loop over a contiguous array.
     *
     * @param k the position in memory, {@code 0 <= k < size()}
     * @return the element
     * @throws IllegalStateException     if the array is not contiguous
     * @throws IndexOutOfBoundsException if {@code k} is out of bounds
     */
    public float getFlat(long k) {
        return read(flatIndex(k) * Float.BYTES);
    }

    /**
     * Writes the {@code k}-th element in memory order.
     *
     * @param k the position in memory, {@code 0 <= k < size()}
     * @param v the value
     * @throws IllegalStateException     if the array is not contiguous
     * @throws IndexOutOfBoundsException if {@code k} is out of bounds
     */
    public void setFlat(long k, float v) {
        write(flatIndex(k) * Float.BYTES, v);
    }

    private float read(long byteOffset) {
        // swapped is final: the JIT hoists this branch out of loops.
        if (swapped) {
            return Float.intBitsToFloat(Integer.reverseBytes(segment.get(BITS, byteOffset)));
        }
        return segment.get(VALUE, byteOffset);
    }

    private void write(long byteOffset, float v) {
        if (swapped) {
            segment.set(BITS, byteOffset, Integer.reverseBytes(Float.floatToRawIntBits(v)));
        } else {
            segment.set(VALUE, byteOffset, v);
        }
    }

    // ---- bulk copies ---------------------------------------------------------------------------

    /**
     * Copies the elements into a new Java array, in {@link #order()}: for a contiguous array that
     * is memory order (row by row for C, column by column for Fortran).
     *
     * @return the elements
     * @throws UnsupportedOperationException if there are more elements than a Java array holds
     */
    public float[] toArray() {
        float[] values = new float[javaLength()];
        copyToJava(values, values.length);
        return values;
    }

    /**
     * Overwrites every element from {@code src}, read in {@link #order()} (see {@link #toArray()}).
     *
     * @param src one value per element
     * @throws IllegalArgumentException if {@code src.length != size()}
     */
    public void copyFrom(float[] src) {
        Objects.requireNonNull(src, "src");
        copyFromJava(src, javaLength("src", src.length));
    }

    /**
     * Copies every element into {@code dst}, in {@link #order()} (see {@link #toArray()}).
     *
     * @param dst receives one value per element
     * @throws IllegalArgumentException if {@code dst.length != size()}
     */
    public void copyTo(float[] dst) {
        Objects.requireNonNull(dst, "dst");
        copyToJava(dst, javaLength("dst", dst.length));
    }

    /**
     * Sets every element to {@code v}.
     *
     * @param v the value
     */
    public void fill(float v) {
        if (contiguous) {
            for (long offset = 0, end = size * Float.BYTES; offset < end; offset += Float.BYTES) {
                write(offset, v);
            }
        } else {
            layout.forEach(order(), (k, offset) -> write(offset * Float.BYTES, v));
        }
    }

    /**
     * Copies this array (or view) into new contiguous, native-order memory in {@code arena}, laid
     * out in {@link #order()}. Use it to pass a view, a heap or a big-endian array to native code.
     *
     * @param arena the arena that owns the copy
     * @return the copy
     */
    public FloatArray copy(Arena arena) {
        return (FloatArray) copyInto(arena);
    }

    // ---- views ---------------------------------------------------------------------------------

    /**
     * Views the elements {@code start <= index < end} of dimension {@code dim}, without copying.
     *
     * @param dim   the dimension to cut
     * @param start the first index kept
     * @param end   one past the last index kept, {@code start <= end <= shape(dim)}
     * @return the view, sharing memory with this array
     * @throws IndexOutOfBoundsException if {@code dim} or the range is out of bounds
     */
    public FloatArray slice(int dim, long start, long end) {
        return (FloatArray) sliceView(dim, start, end, 1);
    }

    /**
     * Views every {@code step}-th element of {@code start <= index < end} along {@code dim},
     * without copying.
     *
     * @param dim   the dimension to cut
     * @param start the first index kept
     * @param end   one past the last index considered, {@code start <= end <= shape(dim)}
     * @param step  the distance between kept indices, {@code >= 1}
     * @return the view, sharing memory with this array
     * @throws IndexOutOfBoundsException if {@code dim} or the range is out of bounds
     * @throws IllegalArgumentException  if {@code step < 1}
     */
    public FloatArray slice(int dim, long start, long end, long step) {
        return (FloatArray) sliceView(dim, start, end, step);
    }

    /**
     * Reverses the axes without copying: a C array becomes a Fortran array of the reversed shape.
     *
     * @return the transposed view
     */
    public FloatArray transpose() {
        return (FloatArray) transposeView();
    }

    /**
     * Views the same memory with another shape, in {@link #order()}, without copying.
     *
     * @param shape the new extents; their product must equal {@code size()}
     * @return the reshaped view
     * @throws IllegalStateException    if this array is not contiguous (copy it first)
     * @throws IllegalArgumentException if the new shape has another number of elements
     */
    public FloatArray reshape(long... shape) {
        return (FloatArray) reshapeView(order(), shape);
    }

    /**
     * Views the same memory with another shape laid out in {@code order}, without copying.
     *
     * @param order the order in which the elements are read; the array must be contiguous in it
     * @param shape the new extents; their product must equal {@code size()}
     * @return the reshaped view
     * @throws IllegalStateException    if this array is not contiguous in {@code order}
     * @throws IllegalArgumentException if the new shape has another number of elements
     */
    public FloatArray reshape(Order order, long... shape) {
        return (FloatArray) reshapeView(order, shape);
    }

    @Override
    FloatArray newView(MemorySegment viewSegment, Layout viewLayout) {
        return new FloatArray(viewSegment, viewLayout, byteOrder);
    }

    @Override
    ValueLayout unitLayout() {
        return VALUE;
    }

    @Override
    int unitsPerElement() {
        return 1;
    }
}
