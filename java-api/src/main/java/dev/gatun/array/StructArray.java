// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * An array of C structs of any rank in Fortran (column-major) order: native memory holding whole elements of one
 * {@link MemoryLayout}, and the array's shape. Generated bindings take it where a Fortran procedure declares a
 * {@code bind(C)} derived type array of rank 2 or more ({@code type(pt) :: g(n, m)}, {@code g(:, :)}, {@code g(n, *)}):
 * the extents come from {@link #shape()}, and {@code Pt.of(g.element(i, j))} reads and writes one element in place,
 * without copies. A rank-1 array of structs is a plain {@code MemorySegment}; {@link #segment()} is that segment here.
 */
public final class StructArray {

    private final MemorySegment segment;
    private final MemoryLayout element;
    private final long[] shape;
    private final long length;

    private StructArray(MemorySegment segment, MemoryLayout element, long[] shape, long length) {
        this.segment = segment;
        this.element = element;
        this.shape = shape;
        this.length = length;
    }

    /**
     * Allocates a zeroed array of the given shape in {@code arena}, aligned as the element requires.
     *
     * @param arena   owns the memory
     * @param element the layout of one struct, e.g. {@code Pt.LAYOUT}
     * @param shape   the extents, one per dimension, each at least 0
     * @return the array
     * @throws IllegalArgumentException if no extent is given, one is negative, or the array would not fit in memory
     */
    public static StructArray allocate(Arena arena, MemoryLayout element, long... shape) {
        Objects.requireNonNull(arena, "arena");
        Objects.requireNonNull(element, "element");
        long[] extents = extents(shape);
        long length = length(extents, element);
        return new StructArray(arena.allocate(length * element.byteSize(), element.byteAlignment()), element, extents, length);
    }

    /**
     * Views native memory as an array of structs of the given shape (the first {@code length() * element.byteSize()}
     * bytes of it); no copy is made.
     *
     * @param segment native memory, aligned as the element requires, holding at least the array
     * @param element the layout of one struct
     * @param shape   the extents, one per dimension, each at least 0
     * @return the view
     * @throws IllegalArgumentException if the memory is not native, misaligned or too small, or a shape is invalid
     */
    public static StructArray wrap(MemorySegment segment, MemoryLayout element, long... shape) {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(element, "element");
        long[] extents = extents(shape);
        long length = length(extents, element);
        long bytes = length * element.byteSize();
        if (!segment.isNative() || segment.address() % element.byteAlignment() != 0 || segment.byteSize() < bytes) {
            throw new IllegalArgumentException("segment: expected native memory aligned to " + element.byteAlignment() + " bytes holding "
                    + length + " " + name(element) + " elements of " + element.byteSize() + " bytes (shape " + Arrays.toString(extents)
                    + "), got " + segment);
        }
        return new StructArray(segment.asSlice(0, bytes), element, extents, length);
    }

    /**
     * Checks an argument before a native call: its rank and its element's size and alignment must be the declared ones.
     *
     * @param parameter the parameter's name, for the message
     * @param array     the argument, not null
     * @param rank      the rank the procedure declares
     * @param element   the layout of the declared struct
     * @throws IllegalArgumentException naming the parameter when the array does not match
     */
    public static void require(String parameter, StructArray array, int rank, MemoryLayout element) {
        if (array.rank() != rank) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected a rank-" + rank + " array of " + name(element)
                    + " elements, got rank " + array.rank());
        }
        if (array.element.byteSize() != element.byteSize() || array.element.byteAlignment() != element.byteAlignment()) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected " + name(element) + " elements of "
                    + element.byteSize() + " bytes aligned to " + element.byteAlignment() + ", got " + name(array.element) + " elements of "
                    + array.element.byteSize() + " bytes aligned to " + array.element.byteAlignment());
        }
    }

    private static String name(MemoryLayout element) {
        return element.name().orElse("struct");
    }

    private static long[] extents(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length == 0) {
            throw new IllegalArgumentException("shape: expected at least one extent, got none");
        }
        long[] extents = shape.clone();
        for (int d = 0; d < extents.length; d++) {
            if (extents[d] < 0) {
                throw new IllegalArgumentException("shape: expected extent >= 0 in dimension " + d + ", got " + extents[d]);
            }
        }
        return extents;
    }

    private static long length(long[] extents, MemoryLayout element) {
        long length = 1;
        for (long extent : extents) {
            if (extent != 0 && length > Long.MAX_VALUE / extent) {
                throw new IllegalArgumentException("shape: " + Arrays.toString(extents) + " holds more elements than fit in memory");
            }
            length *= extent;
        }
        if (element.byteSize() > 0 && length > Long.MAX_VALUE / element.byteSize()) {
            throw new IllegalArgumentException("shape: " + Arrays.toString(extents) + " of " + element.byteSize()
                    + "-byte elements does not fit in memory");
        }
        return length;
    }

    /**
     * Returns the memory of the whole array, element after element in Fortran order.
     *
     * @return the segment
     */
    public MemorySegment segment() {
        return segment;
    }

    /**
     * Returns the layout of one element.
     *
     * @return the layout
     */
    public MemoryLayout elementLayout() {
        return element;
    }

    /**
     * Returns the number of dimensions.
     *
     * @return the rank, at least 1
     */
    public int rank() {
        return shape.length;
    }

    /**
     * Returns the extents.
     *
     * @return a copy of the extents, one per dimension
     */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Returns the extent of one dimension.
     *
     * @param dim 0-based dimension, below {@link #rank()}
     * @return its extent
     * @throws IndexOutOfBoundsException if there is no such dimension
     */
    public long shape(int dim) {
        return shape[Objects.checkIndex(dim, shape.length)];
    }

    /**
     * Returns the number of elements of every dimension.
     *
     * @return the product of the extents
     */
    public long length() {
        return length;
    }

    /**
     * Returns the memory of one element by its flat index in Fortran's array element order (the first index varies fastest).
     *
     * @param index 0-based, below {@link #length()}
     * @return a slice of {@link #segment()} of the element's size
     * @throws IndexOutOfBoundsException if the index is outside the array
     */
    public MemorySegment element(long index) {
        Objects.checkIndex(index, length);
        return segment.asSlice(index * element.byteSize(), element.byteSize(), element.byteAlignment());
    }

    /**
     * Returns the memory of the element at one 0-based index per dimension: {@code element(i, j)} is Fortran's
     * {@code g(i + 1, j + 1)}.
     *
     * @param indices one index per dimension, each below that dimension's extent
     * @return a slice of {@link #segment()} of the element's size
     * @throws IllegalArgumentException if the number of indices is not the rank
     * @throws IndexOutOfBoundsException if an index is outside its dimension
     */
    public MemorySegment element(long... indices) {
        Objects.requireNonNull(indices, "indices");
        if (indices.length != shape.length) {
            throw new IllegalArgumentException("indices: expected " + shape.length + " (the rank), got " + indices.length);
        }
        long flat = 0;
        long stride = 1;
        for (int d = 0; d < shape.length; d++) {
            flat += Objects.checkIndex(indices[d], shape[d]) * stride;
            stride *= shape[d];
        }
        return element(flat);
    }

    @Override
    public String toString() {
        return "StructArray[" + name(element) + " " + Arrays.toString(shape) + " at 0x" + Long.toHexString(segment.address()) + "]";
    }
}
