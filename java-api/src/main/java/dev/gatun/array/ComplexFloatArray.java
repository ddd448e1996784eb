// SPDX-License-Identifier: Apache-2.0
// Generated from src/main/templates/ComplexArray.java.template by ArrayTemplateTest. Do not edit: change the template or the row.
package dev.gatun.array;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * An N-dimensional array of single-precision complex numbers in host memory: C
 * {@code float _Complex*}, Fortran {@code complex(4)}, NumPy {@code complex64}.
 *
 * <p>Each element is two interleaved floats, real part first. {@link #get(long)} returns a
 * {@link Complex}; loops that must not allocate use {@link #getRe(long)} and {@link #getIm(long)}.
 * Java arrays exchanged with this class hold the elements interleaved too: {@code re0, im0, re1,
 * im1, ...}.
 */
public final class ComplexFloatArray extends HostArray implements NdArray {

    private static final long ELEMENT_BYTES = 8;
    private static final long IM = Float.BYTES;
    private static final ValueLayout.OfFloat VALUE = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt BITS = ValueLayout.JAVA_INT_UNALIGNED;

    ComplexFloatArray(MemorySegment segment, Layout layout, ByteOrder byteOrder) {
        super(ELEMENT_BYTES, segment, layout, byteOrder);
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
    public static ComplexFloatArray allocate(Arena arena, Order order, long... shape) {
        Layout layout = Layout.contiguous(order, shape);
        return new ComplexFloatArray(allocate(arena, ElementType.COMPLEX_FLOAT, layout), layout,
                ByteOrder.nativeOrder());
    }

    /**
     * Allocates a zero-filled array in C order in {@code arena}.
     *
     * @param arena the arena that owns the memory
     * @param shape the extents, each {@code >= 0}
     * @return the new array
     */
    public static ComplexFloatArray allocate(Arena arena, long... shape) {
        return allocate(arena, Order.C, shape);
    }

    /**
     * Allocates a zero-filled array in an automatic arena, freed by the garbage collector.
     *
     * @param order the memory layout
     * @param shape the extents, each {@code >= 0}
     * @return the new array
     */
    public static ComplexFloatArray allocate(Order order, long... shape) {
        return allocate(Arena.ofAuto(), order, shape);
    }

    /**
     * Allocates an array in {@code arena} and copies interleaved values into it.
     *
     * @param arena       the arena that owns the memory
     * @param order       the memory layout, which is also the order of the values
     * @param interleaved {@code re, im} pairs in memory order; twice as many as elements
     * @param shape       the extents
     * @return the new array
     * @throws IllegalArgumentException if {@code interleaved.length != 2 * size}
     */
    public static ComplexFloatArray of(Arena arena, Order order, float[] interleaved, long... shape) {
        Objects.requireNonNull(interleaved, "interleaved");
        ComplexFloatArray array = allocate(arena, order, shape);
        array.copyFrom(interleaved);
        return array;
    }

    /**
     * Allocates an array in {@code arena} and copies {@code values} into it.
     *
     * @param arena  the arena that owns the memory
     * @param order  the memory layout, which is also the order of {@code values}
     * @param values one value per element, in memory order
     * @param shape  the extents
     * @return the new array
     * @throws IllegalArgumentException if {@code values.length != size}
     */
    public static ComplexFloatArray of(Arena arena, Order order, Complex[] values, long... shape) {
        Objects.requireNonNull(values, "values");
        ComplexFloatArray array = allocate(arena, order, shape);
        array.copyFrom(values);
        return array;
    }

    /**
     * Views existing memory as a complex array in native byte order, without copying.
     *
     * @param segment the memory, element {@code [0, ..., 0]} first
     * @param order   the memory layout
     * @param shape   the extents
     * @return a view of the first {@code size() * 8} bytes of {@code segment}
     * @throws IllegalArgumentException if {@code segment} is too small for the shape
     */
    public static ComplexFloatArray wrap(MemorySegment segment, Order order, long... shape) {
        Layout layout = Layout.contiguous(order, shape);
        return new ComplexFloatArray(wrapped(segment, ElementType.COMPLEX_FLOAT, layout), layout,
                ByteOrder.nativeOrder());
    }

    /**
     * Views a Java array of interleaved {@code re, im} pairs as a rank-1 complex array, without
     * copying; only critical downcalls may receive it (see {@link ArrayRequirement#check}).
     *
     * @param interleaved the pairs; its length must be even
     * @return a rank-1 view of {@code interleaved.length / 2} elements
     * @throws IllegalArgumentException if the length is odd
     */
    public static ComplexFloatArray ofHeap(float[] interleaved) {
        Objects.requireNonNull(interleaved, "interleaved");
        if (interleaved.length % 2 != 0) {
            throw new IllegalArgumentException("interleaved has odd length " + interleaved.length
                    + "; expected re, im pairs");
        }
        Layout layout = Layout.contiguous(Order.C, new long[] {interleaved.length / 2});
        return new ComplexFloatArray(MemorySegment.ofArray(interleaved), layout, ByteOrder.nativeOrder());
    }

    // ---- element access ------------------------------------------------------------------------

    /** {@return {@link ElementType#COMPLEX_FLOAT}} */
    @Override
    public ElementType elementType() {
        return ElementType.COMPLEX_FLOAT;
    }

    /**
     * Reads element {@code i} of a rank-1 array.
     *
     * @param i the index, {@code 0 <= i < shape(0)}
     * @return the element
     * @throws IllegalArgumentException  if the array is not rank 1
     * @throws IndexOutOfBoundsException if {@code i} is out of bounds
     */
    public Complex get(long i) {
        return read(offset1(i));
    }

    /**
     * Reads element {@code [i, j]} of a rank-2 array.
     *
     * @param i the row index
     * @param j the column index
     * @return the element
     * @throws IllegalArgumentException  if the array is not rank 2
     * @throws IndexOutOfBoundsException if an index is out of bounds
     */
    public Complex get(long i, long j) {
        return read(offset2(i, j));
    }

    /**
     * Reads the element at {@code index}, one coordinate per dimension.
     *
     * @param index the coordinates
     * @return the element
     * @throws IllegalArgumentException  if the number of coordinates is not the rank
     * @throws IndexOutOfBoundsException if a coordinate is out of bounds
     */
    public Complex get(long... index) {
        return read(offsetN(index));
    }

    /**
     * Reads the real part of element {@code i} of a rank-1 array, without allocating.
     *
     * @param i the index
     * @return the real part
     */
    public float getRe(long i) {
        return part(offset1(i));
    }

    /**
     * Reads the imaginary part of element {@code i} of a rank-1 array, without allocating.
     *
     * @param i the index
     * @return the imaginary part
     */
    public float getIm(long i) {
        return part(offset1(i) + IM);
    }

    /**
     * Reads the real part of element {@code [i, j]} of a rank-2 array.
     *
     * @param i the row index
     * @param j the column index
     * @return the real part
     */
    public float getRe(long i, long j) {
        return part(offset2(i, j));
    }

    /**
     * Reads the imaginary part of element {@code [i, j]} of a rank-2 array.
     *
     * @param i the row index
     * @param j the column index
     * @return the imaginary part
     */
    public float getIm(long i, long j) {
        return part(offset2(i, j) + IM);
    }

    /**
     * Reads the real part of the element at {@code index}.
     *
     * @param index the coordinates
     * @return the real part
     */
    public float getRe(long... index) {
        return part(offsetN(index));
    }

    /**
     * Reads the imaginary part of the element at {@code index}.
     *
     * @param index the coordinates
     * @return the imaginary part
     */
    public float getIm(long... index) {
        return part(offsetN(index) + IM);
    }

    /**
     * Writes element {@code i} of a rank-1 array.
     *
     * @param i the index
     * @param v the value
     */
    public void set(long i, Complex v) {
        write(offset1(i), (float) v.re(), (float) v.im());
    }

    /**
     * Writes element {@code i} of a rank-1 array from its parts, without allocating.
     *
     * @param i  the index
     * @param re the real part
     * @param im the imaginary part
     */
    public void set(long i, float re, float im) {
        write(offset1(i), re, im);
    }

    /**
     * Writes element {@code [i, j]} of a rank-2 array.
     *
     * @param i the row index
     * @param j the column index
     * @param v the value
     */
    public void set(long i, long j, Complex v) {
        write(offset2(i, j), (float) v.re(), (float) v.im());
    }

    /**
     * Writes element {@code [i, j]} of a rank-2 array from its parts.
     *
     * @param i  the row index
     * @param j  the column index
     * @param re the real part
     * @param im the imaginary part
     */
    public void set(long i, long j, float re, float im) {
        write(offset2(i, j), re, im);
    }

    /**
     * Writes the element at {@code index}.
     *
     * @param index the coordinates
     * @param v     the value
     */
    public void set(long[] index, Complex v) {
        write(offsetN(index), (float) v.re(), (float) v.im());
    }

    /**
     * Writes the element at {@code index} from its parts.
     *
     * @param index the coordinates
     * @param re    the real part
     * @param im    the imaginary part
     */
    public void set(long[] index, float re, float im) {
        write(offsetN(index), re, im);
    }

    /**
     * Reads the {@code k}-th element in memory order of a contiguous array.
     *
     * @param k the position in memory, {@code 0 <= k < size()}
     * @return the element
     * @throws IllegalStateException if the array is not contiguous
     */
    public Complex getFlat(long k) {
        return read(flatIndex(k) * ELEMENT_BYTES);
    }

    /**
     * Reads the real part of the {@code k}-th element in memory order, without allocating.
     *
     * @param k the position in memory
     * @return the real part
     */
    public float getFlatRe(long k) {
        return part(flatIndex(k) * ELEMENT_BYTES);
    }

    /**
     * Reads the imaginary part of the {@code k}-th element in memory order, without allocating.
     *
     * @param k the position in memory
     * @return the imaginary part
     */
    public float getFlatIm(long k) {
        return part(flatIndex(k) * ELEMENT_BYTES + IM);
    }

    /**
     * Writes the {@code k}-th element in memory order of a contiguous array.
     *
     * @param k the position in memory
     * @param v the value
     */
    public void setFlat(long k, Complex v) {
        write(flatIndex(k) * ELEMENT_BYTES, (float) v.re(), (float) v.im());
    }

    /**
     * Writes the {@code k}-th element in memory order from its parts.
     *
     * @param k  the position in memory
     * @param re the real part
     * @param im the imaginary part
     */
    public void setFlat(long k, float re, float im) {
        write(flatIndex(k) * ELEMENT_BYTES, re, im);
    }

    private Complex read(long byteOffset) {
        return new Complex(part(byteOffset), part(byteOffset + IM));
    }

    private float part(long byteOffset) {
        if (swapped) {
            return Float.intBitsToFloat(Integer.reverseBytes(segment.get(BITS, byteOffset)));
        }
        return segment.get(VALUE, byteOffset);
    }

    private void write(long byteOffset, float re, float im) {
        if (swapped) {
            segment.set(BITS, byteOffset, Integer.reverseBytes(Float.floatToRawIntBits(re)));
            segment.set(BITS, byteOffset + IM, Integer.reverseBytes(Float.floatToRawIntBits(im)));
        } else {
            segment.set(VALUE, byteOffset, re);
            segment.set(VALUE, byteOffset + IM, im);
        }
    }

    // ---- bulk copies ---------------------------------------------------------------------------

    /**
     * Copies the elements into a new array of {@link Complex}, in {@link #order()}.
     *
     * @return the elements
     */
    public Complex[] toArray() {
        int length = javaLength() / 2;
        Complex[] values = new Complex[length];
        layout.forEach(order(), (k, offset) -> values[(int) k] = read(offset * ELEMENT_BYTES));
        return values;
    }

    /**
     * Copies the elements into a new Java array of interleaved {@code re, im} pairs, in
     * {@link #order()}.
     *
     * @return {@code 2 * size()} floats
     */
    public float[] toInterleavedArray() {
        float[] values = new float[javaLength()];
        copyToJava(values, values.length);
        return values;
    }

    /**
     * Overwrites every element from interleaved {@code re, im} pairs, read in {@link #order()}.
     *
     * @param interleaved {@code 2 * size()} floats
     * @throws IllegalArgumentException if the length is not {@code 2 * size()}
     */
    public void copyFrom(float[] interleaved) {
        Objects.requireNonNull(interleaved, "interleaved");
        copyFromJava(interleaved, javaLength("interleaved", interleaved.length));
    }

    /**
     * Overwrites every element from {@code src}, read in {@link #order()}.
     *
     * @param src one value per element
     * @throws IllegalArgumentException if {@code src.length != size()}
     */
    public void copyFrom(Complex[] src) {
        Objects.requireNonNull(src, "src");
        if (src.length != javaLength() / 2) {
            throw new IllegalArgumentException("src has length " + src.length + ", expected " + size
                    + " for shape " + Layout.format(layout.shape));
        }
        layout.forEach(order(), (k, offset) -> {
            Complex v = Objects.requireNonNull(src[(int) k], "src[" + k + "]");
            write(offset * ELEMENT_BYTES, (float) v.re(), (float) v.im());
        });
    }

    /**
     * Copies every element into {@code interleaved} as {@code re, im} pairs, in {@link #order()}.
     *
     * @param interleaved receives {@code 2 * size()} floats
     * @throws IllegalArgumentException if the length is not {@code 2 * size()}
     */
    public void copyTo(float[] interleaved) {
        Objects.requireNonNull(interleaved, "interleaved");
        copyToJava(interleaved, javaLength("interleaved", interleaved.length));
    }

    /**
     * Sets every element to {@code v}.
     *
     * @param v the value
     */
    public void fill(Complex v) {
        float re = (float) v.re();
        float im = (float) v.im();
        layout.forEach(order(), (k, offset) -> write(offset * ELEMENT_BYTES, re, im));
    }

    /**
     * Copies this array (or view) into new contiguous, native-order memory in {@code arena}, laid
     * out in {@link #order()}.
     *
     * @param arena the arena that owns the copy
     * @return the copy
     */
    public ComplexFloatArray copy(Arena arena) {
        return (ComplexFloatArray) copyInto(arena);
    }

    // ---- views ---------------------------------------------------------------------------------

    /**
     * Views {@code start <= index < end} along {@code dim}, without copying.
     *
     * @param dim   the dimension to cut
     * @param start the first index kept
     * @param end   one past the last index kept
     * @return the view
     */
    public ComplexFloatArray slice(int dim, long start, long end) {
        return (ComplexFloatArray) sliceView(dim, start, end, 1);
    }

    /**
     * Views every {@code step}-th index of {@code start <= index < end} along {@code dim}.
     *
     * @param dim   the dimension to cut
     * @param start the first index kept
     * @param end   one past the last index considered
     * @param step  the distance between kept indices, {@code >= 1}
     * @return the view
     */
    public ComplexFloatArray slice(int dim, long start, long end, long step) {
        return (ComplexFloatArray) sliceView(dim, start, end, step);
    }

    /**
     * Reverses the axes without copying.
     *
     * @return the transposed view
     */
    public ComplexFloatArray transpose() {
        return (ComplexFloatArray) transposeView();
    }

    /**
     * Views the same memory with another shape, in {@link #order()}, without copying.
     *
     * @param shape the new extents; their product must equal {@code size()}
     * @return the reshaped view
     * @throws IllegalStateException if this array is not contiguous
     */
    public ComplexFloatArray reshape(long... shape) {
        return (ComplexFloatArray) reshapeView(order(), shape);
    }

    /**
     * Views the same memory with another shape laid out in {@code order}, without copying.
     *
     * @param order the order in which the elements are read
     * @param shape the new extents
     * @return the reshaped view
     * @throws IllegalStateException if this array is not contiguous in {@code order}
     */
    public ComplexFloatArray reshape(Order order, long... shape) {
        return (ComplexFloatArray) reshapeView(order, shape);
    }

    @Override
    ComplexFloatArray newView(MemorySegment viewSegment, Layout viewLayout) {
        return new ComplexFloatArray(viewSegment, viewLayout, byteOrder);
    }

    @Override
    ValueLayout unitLayout() {
        return VALUE;
    }

    @Override
    int unitsPerElement() {
        return 2;
    }
}
