// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

/**
 * The numeric scalar kinds Gatun can pass across the native boundary, with their size in bytes.
 *
 * <p>Fortran kinds ({@code integer(c_int)}, {@code real*8}, {@code real(real64)}) and C types
 * ({@code int}, {@code double}, {@code int64_t}) both lower to one of these.
 */
public enum ScalarKind {
    /** 8-bit signed integer ({@code int8_t}, {@code integer(int8)}). */
    INT8(1),
    /** 16-bit signed integer. */
    INT16(2),
    /** 32-bit signed integer ({@code int}, default {@code integer}). */
    INT32(4),
    /** 64-bit signed integer ({@code long} on LP64, {@code integer(8)}). */
    INT64(8),
    /** 8-bit unsigned integer (C only). */
    UINT8(1),
    /** 16-bit unsigned integer (C only). */
    UINT16(2),
    /** 32-bit unsigned integer (C only). */
    UINT32(4),
    /** 64-bit unsigned integer ({@code size_t} on LP64; C only). */
    UINT64(8),
    /** IEEE single precision ({@code float}, default {@code real}). */
    FLOAT(4),
    /** IEEE double precision ({@code double}, {@code real*8}, {@code double precision}). */
    DOUBLE(8),
    /** Two single-precision floats, real part first ({@code float _Complex}, {@code complex}). */
    COMPLEX_FLOAT(8),
    /** Two doubles, real part first ({@code double _Complex}, {@code complex*16}). */
    COMPLEX_DOUBLE(16);

    private final int bytes;

    ScalarKind(int bytes) {
        this.bytes = bytes;
    }

    /** Returns the size of one value in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Returns true for the integer kinds, signed or unsigned. */
    public boolean isInteger() {
        return ordinal() <= UINT64.ordinal();
    }

    /** Returns true for the two complex kinds. */
    public boolean isComplex() {
        return this == COMPLEX_FLOAT || this == COMPLEX_DOUBLE;
    }
}
