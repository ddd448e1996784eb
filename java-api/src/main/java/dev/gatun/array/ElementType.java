package dev.gatun.array;

import java.nio.ByteOrder;

/**
 * The element types an array can hold, with their sizes and their NumPy type codes.
 *
 * <p>Each one maps to one Java array class and one native type: {@link #DOUBLE} is
 * {@link DoubleArray}, {@code double} in C and {@code real(8)} in Fortran, and so on.
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
    COMPLEX_DOUBLE(16, "c16", "complex double");

    private final long byteSize;
    private final String npyCode;
    private final String displayName;

    ElementType(long byteSize, String npyCode, String displayName) {
        this.byteSize = byteSize;
        this.npyCode = npyCode;
        this.displayName = displayName;
    }

    /** {@return the size of one element in bytes: 8, 4, 4, 8 or 16} */
    public long byteSize() {
        return byteSize;
    }

    /**
     * {@return the alignment one element needs in native code, in bytes} A complex double needs the
     * alignment of its parts (8), not its size.
     */
    public long alignment() {
        return this == COMPLEX_DOUBLE ? 8 : byteSize;
    }

    /** {@return the little-endian NumPy type string, for example {@code "<f8"}} */
    public String npyDescr() {
        return npyDescr(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Returns the NumPy type string for the given byte order, for example {@code ">f8"}.
     *
     * @param order the byte order of the data
     * @return {@code '<'} or {@code '>'} followed by the type code
     */
    public String npyDescr(ByteOrder order) {
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
