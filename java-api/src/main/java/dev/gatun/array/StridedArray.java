// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

/**
 * What every Gatun array has, wherever its memory lives: an element type, a shape and element
 * strides.
 *
 * <p>Host arrays ({@link NdArray}) add a {@code MemorySegment}; device arrays (in
 * {@code dev.gatun.cuda}) implement this interface too but have no host segment. Generated
 * bindings check an argument against an {@link ArrayRequirement} through this interface only.
 *
 * <p>Element {@code [i0, ..., iN]} lies {@code i0*strides[0] + ... + iN*strides[N]} elements after
 * element {@code [0, ..., 0]}. Strides are never negative.
 */
public interface StridedArray {

    /** {@return the type of every element} */
    ElementType elementType();

    /** {@return the number of dimensions; 0 for a scalar} */
    int rank();

    /** {@return a copy of the extents, one per dimension} */
    long[] shape();

    /**
     * Returns the extent of one dimension.
     *
     * @param dim the dimension, {@code 0 <= dim < rank()}
     * @return the number of elements along {@code dim}
     * @throws IndexOutOfBoundsException if {@code dim} is not a dimension of this array
     */
    long shape(int dim);

    /** {@return a copy of the strides in elements (not bytes), one per dimension} */
    long[] strides();

    /** {@return the number of elements: the product of the shape, 1 for a scalar} */
    long size();

    /**
     * {@return whether the elements lie one after another in row-major order} Dimensions of extent
     * 1 do not count, and an empty array is contiguous in both orders (as in NumPy).
     */
    boolean isCContiguous();

    /** {@return whether the elements lie one after another in column-major order} */
    boolean isFortranContiguous();

    /**
     * Returns the layout of this array.
     *
     * <ul>
     *   <li>A C-contiguous array returns {@link Order#C}, a Fortran-contiguous one
     *       {@link Order#FORTRAN}.
     *   <li>An array that is both (rank 0 or 1, or all extents but one equal to 1) returns the
     *       order it was created with, flipped by each {@code transpose()}.
     *   <li>A non-contiguous view (a slice with a step, a column range of a C matrix) returns the
     *       order its strides follow: {@code FORTRAN} when strides grow with the dimension index,
     *       as in a slice of a Fortran array, {@code C} when they shrink, the creation order when
     *       only one dimension has an extent above 1. Such a view is not contiguous, so a
     *       requirement for either order still refuses it.
     * </ul>
     *
     * <p>Element-by-element copies ({@code toArray}, {@code copyFrom}, {@code copy}) visit the
     * elements in this order.
     *
     * @return {@link Order#C} or {@link Order#FORTRAN}
     */
    Order order();

    /** {@return where the elements live} */
    Location location();

    /** {@return whether the memory can still be accessed: false once its arena is closed} */
    boolean isAlive();
}
