// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import dev.gatun.array.ArrayRequirement;
import dev.gatun.array.ElementType;
import dev.gatun.array.NdArray;

import java.lang.foreign.MemorySegment;

/**
 * One Gatun array checked for MPI: its segment passed with zero copies, its element count and the
 * shim's datatype code. All checks run before any native call, so a bad argument becomes an
 * exception naming the parameter, never a crash or a hang inside MPI.
 */
record MpiBuffer(MemorySegment segment, int count, int type, ElementType elementType) {

    /**
     * Checks {@code array} for use as an MPI buffer.
     *
     * @param parameter the parameter name used in messages
     * @param array     the array
     * @param written   whether MPI writes into it (a receive buffer)
     */
    static MpiBuffer of(String parameter, NdArray array, boolean written) {
        // Null, closed arena, heap memory (MPI may block while a GC moves it) and byte order.
        ArrayRequirement.host(parameter, array == null ? ElementType.DOUBLE : array.elementType(), -1, null).check(array);
        if (!array.isCContiguous() && !array.isFortranContiguous()) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected a contiguous array, got a view"
                    + " with strides " + java.util.Arrays.toString(array.strides()) + "; copy it with copy(arena) first");
        }
        if (written && array.isReadOnly()) {
            throw new IllegalArgumentException("parameter '" + parameter + "': MPI writes into it, but the array is read-only"
                    + " (mapped from a .npy file); receive into a copy made with copy(arena)");
        }
        if (array.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter '" + parameter + "': " + array.size() + " elements, but an MPI count is"
                    + " an int (at most " + Integer.MAX_VALUE + "); send it in parts");
        }
        return new MpiBuffer(array.segment(), (int) array.size(), typeCode(array.elementType()), array.elementType());
    }

    static int typeCode(ElementType type) {
        return switch (type) {
            case DOUBLE -> Shim.TYPE_DOUBLE;
            case FLOAT -> Shim.TYPE_FLOAT;
            case INT -> Shim.TYPE_INT32;
            case LONG -> Shim.TYPE_INT64;
            case COMPLEX_DOUBLE -> Shim.TYPE_COMPLEX_DOUBLE;
            case INT8, INT16, COMPLEX_FLOAT -> throw new IllegalArgumentException("MPI transfers of " + type.displayName()
                    + " arrays are not supported yet; copy into an int, long or complex double array");
        };
    }

    /** Checks that {@code other} has this buffer's element type. */
    void requireSameType(String parameter, MpiBuffer other, String otherParameter) {
        if (other.elementType != elementType) {
            throw new IllegalArgumentException("parameter '" + otherParameter + "': expected element type "
                    + elementType.displayName() + " like '" + parameter + "', got " + other.elementType.displayName());
        }
    }

    /** Checks that this buffer holds exactly {@code expected} elements. */
    void requireCount(String parameter, long expected, String why) {
        if (count != expected) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected " + expected + " elements (" + why
                    + "), got " + count);
        }
    }
}
