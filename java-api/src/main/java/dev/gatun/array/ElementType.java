// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.nio.ByteOrder;

/**
 * The element types an array can hold, with their sizes and their NumPy type codes: the one element-type
 * table of the runtime.
 *
 * <p>Each one maps to one Java array class and one native type: {@link #DOUBLE} is
 * {@link DoubleArray}, {@code double} in C and {@code real(8)} in Fortran, and so on. The array classes are
 * expanded from one template per kind (real, complex) with a row per type (see {@code ArrayTemplateTest}).
 * Fortran {@code logical(k)} arrays use the integer type of the same size ({@code logical(4)}: {@link #INT},
 * .false. is 0), as the Fortran compiler lays them out.
 */
public enum ElementType {
    /** 64-bit IEEE floating point: C {@code double}, Fortran {@code real(8)}, NumPy {@code f8}. */
    DOUBLE(8, "f8", "double"),
    /** 32-bit IEEE floating point: C {@code float}, Fortran {@code real(4)}, NumPy {@code f4}. */
    FLOAT(4, "f4", "float"),
    /** 32-bit signed integer: C {@code int32_t}, Fortran {@code integer(4)}, NumPy {@code i4}. */
    INT(4, "i4", "int"),
    /** 64-bit signed integer: C {@code int64_t}, Fortran {@code integer(8)}, NumPy {@code i8}. */
    LONG(8, "i8", "long"),
    /**
     * Two 64-bit floats, real part first: C {@code double _Complex}, Fortran {@code complex(8)},
     * NumPy {@code c16}.
     */
    COMPLEX_DOUBLE(16, "c16", "complex double"),
    /** 8-bit signed integer: C {@code int8_t}, Fortran {@code integer(1)} and {@code logical(1)}, NumPy {@code i1}. */
    INT8(1, "i1", "int8"),
    /** 16-bit signed integer: C {@code int16_t}, Fortran {@code integer(2)} and {@code logical(2)}, NumPy {@code i2}. */
    INT16(2, "i2", "int16"),
    /**
     * Two 32-bit floats, real part first: C {@code float _Complex}, Fortran {@code complex(4)}, NumPy
     * {@code c8}.
     */
    COMPLEX_FLOAT(8, "c8", "complex float");

    private final long byteSize;
    private final String npyCode;
    private final String displayName;

    ElementType(long byteSize, String npyCode, String displayName) {
        this.byteSize = byteSize;
        this.npyCode = npyCode;
        this.displayName = displayName;
    }

    /** {@return the size of one element in bytes: 1, 2, 4, 8 or 16} */
    public long byteSize() {
        return byteSize;
    }

    /**
     * {@return the alignment one element needs in native code, in bytes} A complex number needs the
     * alignment of its parts (8 or 4), not its size.
     */
    public long alignment() {
        return isComplex() ? byteSize / 2 : byteSize;
    }

    /** {@return whether an element is a complex number: two floating-point parts, real first} */
    public boolean isComplex() {
        return this == COMPLEX_DOUBLE || this == COMPLEX_FLOAT;
    }

    /** {@return the little-endian NumPy type string, for example {@code "<f8"}} */
    public String npyDescr() {
        return npyDescr(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Returns the NumPy type string for the given byte order, for example {@code ">f8"}; one-byte types
     * have no byte order and are marked {@code '|'} as NumPy marks them ({@code "|i1"}).
     *
     * @param order the byte order of the data
     * @return {@code '<'}, {@code '>'} or {@code '|'} followed by the type code
     */
    public String npyDescr(ByteOrder order) {
        if (byteSize == 1) {
            return "|" + npyCode;
        }
        return (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + npyCode;
    }

    /** {@return the NumPy type code without a byte order mark, for example {@code "f8"}} */
    public String npyTypeCode() {
        return npyCode;
    }

    /** {@return the name used in messages, for example {@code "double"} or {@code "complex double"}} */
    public String displayName() {
        return displayName;
    }
}
