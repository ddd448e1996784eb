// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

/**
 * The memory layout of a contiguous array: which index varies fastest in memory.
 *
 * <p>C and Java code index row-major arrays ({@link #C}); Fortran, BLAS and LAPACK index
 * column-major arrays ({@link #FORTRAN}). A binding passes an array to a Fortran routine without a
 * copy only when the array is already in Fortran order.
 */
public enum Order {
    /** Row-major: the last index varies fastest in memory. */
    C,
    /** Column-major: the first index varies fastest in memory. */
    FORTRAN;

    /** {@return how this order reads in messages: {@code "C order"} or {@code "Fortran order"}} */
    String label() {
        return this == C ? "C order" : "Fortran order";
    }
}
