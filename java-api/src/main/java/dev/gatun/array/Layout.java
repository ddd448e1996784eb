// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.util.Arrays;
import java.util.Objects;

/**
 * The shape and element strides of an array, and the views derived from them. Immutable; the
 * arrays are never handed out without a copy.
 */
final class Layout {

    final long[] shape;
    final long[] strides;
    final long size;
    /** The order the array was created in; decides {@link #order()} when both orders fit. */
    final Order declared;
    // Computed once: every checked call asks, and a view's strides never change.
    private final boolean cContiguous;
    private final boolean fortranContiguous;

    private Layout(long[] shape, long[] strides, long size, Order declared) {
        this.shape = shape;
        this.strides = strides;
        this.size = size;
        this.declared = declared;
        this.cContiguous = isContiguous(Order.C);
        this.fortranContiguous = isContiguous(Order.FORTRAN);
    }

    /** A contiguous layout in {@code order}; checks the shape and names the bad extent. */
    static Layout contiguous(Order order, long[] shape) {
        Objects.requireNonNull(order, "order");
        long[] extents = Objects.requireNonNull(shape, "shape").clone();
        long size = checkedSize(extents);
        long[] strides = new long[extents.length];
        long stride = 1;
        for (int k = 0; k < extents.length; k++) {
            int dim = order == Order.C ? extents.length - 1 - k : k;
            strides[dim] = stride;
            // Overflow is impossible: stride stays <= size, which checkedSize bounded.
            stride *= Math.max(extents[dim], 1);
        }
        return new Layout(extents, strides, size, order);
    }

    /** Product of the extents; refuses negative extents and products past {@code Long.MAX_VALUE}. */
    static long checkedSize(long[] shape) {
        long size = 1;
        long nonZero = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                throw new IllegalArgumentException(
                        "shape[" + d + "] must be >= 0, got " + shape[d] + " in shape " + format(shape));
            }
            size *= shape[d];
            try {
                // Checked on the non-zero extents: (0, 2^40, 2^40) is empty, not an overflow.
                nonZero = Math.multiplyExact(nonZero, Math.max(shape[d], 1));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + format(shape)
                        + " has more than " + Long.MAX_VALUE + " elements");
            }
        }
        return size;
    }

    int rank() {
        return shape.length;
    }

    boolean isCContiguous() {
        return cContiguous;
    }

    boolean isFortranContiguous() {
        return fortranContiguous;
    }

    private boolean isContiguous(Order order) {
        if (size == 0) {
            return true;
        }
        long expected = 1;
        for (int k = 0; k < shape.length; k++) {
            int dim = order == Order.C ? shape.length - 1 - k : k;
            // Extent-1 dimensions are never stepped over, so their stride does not matter.
            if (shape[dim] != 1 && strides[dim] != expected) {
                return false;
            }
            expected *= shape[dim];
        }
        return true;
    }

    /** See {@link StridedArray#order()} for the rule. */
    Order order() {
        boolean c = isCContiguous();
        boolean f = isFortranContiguous();
        if (c && f) {
            return declared;
        }
        if (c || f) {
            return c ? Order.C : Order.FORTRAN;
        }
        // Non-contiguous: follow the strides of the dimensions that are actually stepped over.
        long previous = -1;
        boolean growing = false;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] > 1) {
                if (strides[d] < previous) {
                    return Order.C;
                }
                growing |= previous >= 0 && strides[d] > previous;
                previous = strides[d];
            }
        }
        return growing ? Order.FORTRAN : declared;
    }

    /** Elements from the first to one past the last reachable element; 0 when empty. */
    long span() {
        if (size == 0) {
            return 0;
        }
        long last = 0;
        for (int d = 0; d < shape.length; d++) {
            last += (shape[d] - 1) * strides[d];
        }
        return last + 1;
    }

    /** Element offset of {@code index}, each coordinate checked against its extent. */
    long offsetOf(long[] index) {
        Objects.requireNonNull(index, "index");
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index has " + index.length + " coordinates "
                    + Arrays.toString(index) + ", but the array has rank " + shape.length
                    + " (shape " + format(shape) + ")");
        }
        long offset = 0;
        for (int d = 0; d < shape.length; d++) {
            checkIndex(d, index[d]);
            offset += index[d] * strides[d];
        }
        return offset;
    }

    void checkIndex(int dim, long index) {
        if (index < 0 || index >= shape[dim]) {
            throw outOfBounds(dim, index);
        }
    }

    IndexOutOfBoundsException outOfBounds(int dim, long index) {
        return new IndexOutOfBoundsException("index " + index + " out of bounds for extent "
                + shape[dim] + " in dimension " + dim + " (shape " + format(shape) + ")");
    }

    int checkDim(int dim, String parameter) {
        if (dim < 0 || dim >= shape.length) {
            throw new IndexOutOfBoundsException(parameter + " = " + dim
                    + " is not a dimension of a rank-" + shape.length + " array; expected 0 <= "
                    + parameter + " < " + shape.length);
        }
        return dim;
    }

    /** The view of {@code [start, end)} with {@code step} along {@code dim}; see {@link #sliceOffset}. */
    Layout slice(int dim, long start, long end, long step) {
        checkDim(dim, "dim");
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1, got " + step);
        }
        if (start < 0 || start > end || end > shape[dim]) {
            throw new IndexOutOfBoundsException("slice [" + start + ", " + end + ") of dimension "
                    + dim + " must satisfy 0 <= start <= end <= " + shape[dim]);
        }
        // Not (end - start + step - 1) / step: that overflows for a step near Long.MAX_VALUE.
        long extent = end == start ? 0 : (end - start - 1) / step + 1;
        long[] newShape = shape.clone();
        long[] newStrides = strides.clone();
        newShape[dim] = extent;
        // With at most one element the stride is never used; skipping the product avoids overflow.
        if (extent > 1) {
            newStrides[dim] = strides[dim] * step;
        }
        long newSize = size == 0 ? 0 : size / shape[dim] * extent;
        return new Layout(newShape, newStrides, newSize, declared);
    }

    /** Element offset at which {@link #slice} starts; 0 for an empty view, which reads nothing. */
    long sliceOffset(int dim, long start, long extent) {
        return size == 0 || extent == 0 ? 0 : start * strides[dim];
    }

    Layout transpose() {
        int rank = shape.length;
        long[] newShape = new long[rank];
        long[] newStrides = new long[rank];
        for (int d = 0; d < rank; d++) {
            newShape[d] = shape[rank - 1 - d];
            newStrides[d] = strides[rank - 1 - d];
        }
        return new Layout(newShape, newStrides, size, declared == Order.C ? Order.FORTRAN : Order.C);
    }

    /** Same memory, new shape, in this layout's order; only for contiguous layouts. */
    Layout reshape(Order order, long[] newShape) {
        Objects.requireNonNull(newShape, "shape");
        if (!isContiguous(order)) {
            throw new IllegalStateException("reshape in " + order.label() + " needs an array that is "
                    + "contiguous in " + order.label() + "; this one (shape " + format(shape)
                    + ", strides " + format(strides) + ") is not: copy it first with copy(arena)");
        }
        long newSize = checkedSize(newShape);
        if (newSize != size) {
            throw new IllegalArgumentException("shape " + format(newShape) + " has " + newSize
                    + " elements, but the array has " + size + " (shape " + format(shape) + ")");
        }
        return contiguous(order, newShape);
    }

    /** Visits every element in {@code order}, passing its position in that order and its offset. */
    void forEach(Order order, ElementVisitor visitor) {
        if (size == 0) {
            return;
        }
        int rank = shape.length;
        long[] index = new long[rank];
        long offset = 0;
        for (long k = 0; k < size; k++) {
            visitor.visit(k, offset);
            // Odometer step: bump the fastest dimension, carry into the slower ones.
            for (int j = 0; j < rank; j++) {
                int d = order == Order.C ? rank - 1 - j : j;
                if (++index[d] < shape[d]) {
                    offset += strides[d];
                    break;
                }
                offset -= (shape[d] - 1) * strides[d];
                index[d] = 0;
            }
        }
    }

    /** Receives one element of a traversal. */
    @FunctionalInterface
    interface ElementVisitor {
        /** Called with the element's position in the traversal and its offset in elements. */
        void visit(long position, long offset);
    }

    static String format(long[] values) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return text.append(values.length == 1 ? ",)" : ")").toString();
    }
}
