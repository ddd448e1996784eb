// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.pass.Notes;

/** How model types appear in generated Java: Java types, value layouts and C spellings. */
final class JavaTypes {

    private JavaTypes() {
    }

    /** The friendly-layer Java type of a scalar. */
    static String scalar(Type t) {
        return switch (t) {
            case Type.Scalar s -> switch (s.kind()) {
                case INT8, UINT8 -> "byte";
                case INT16, UINT16 -> "short";
                case INT32, UINT32 -> "int";
                case INT64, UINT64 -> "long";
                case FLOAT -> "float";
                case DOUBLE -> "double";
                case COMPLEX_FLOAT, COMPLEX_DOUBLE -> "Complex";
            };
            case Type.Logical l -> "boolean";
            case Type.Character c -> "String";
            case Type.Pointer p -> "MemorySegment";
            case Type.Struct s -> "MemorySegment";
            default -> throw new IllegalArgumentException("no Java scalar type for " + t.describe());
        };
    }

    /** The friendly-layer Java type of a value: the wrapper class for a struct by value or behind a pointer. */
    static String friendly(Type t) {
        if (t instanceof Type.Derived d) {
            return HandleBuilder.className(d);
        }
        Type.Struct s = StructBuilder.wrapped(t);
        return s != null ? StructBuilder.className(s) : scalar(t);
    }

    /**
     * The layout of a value passed or returned by value: a struct's own layout; for a C complex number the struct of
     * its two parts, which is how the x86-64 SysV and AArch64 ABIs pass and return {@code float/double _Complex};
     * else the value layout.
     */
    static String valueLayout(Type t, boolean shim) {
        if (isComplex(t)) {
            return StructBuilder.valueLayout(t, false);
        }
        return t instanceof Type.Struct s ? StructBuilder.className(s) + ".LAYOUT" : layout(rawValue(t, shim));
    }

    /** Whether the type is {@code float _Complex} or {@code double _Complex}. */
    static boolean isComplex(Type t) {
        return t instanceof Type.Scalar s && s.kind().isComplex();
    }

    /** The boxed type, for optional scalars (null means absent). */
    static String boxed(Type t) {
        if (t instanceof Type.Derived || StructBuilder.wrapped(t) != null) {
            return friendly(t);
        }
        return switch (scalar(t)) {
            case "byte" -> "Byte";
            case "short" -> "Short";
            case "int" -> "Integer";
            case "long" -> "Long";
            case "float" -> "Float";
            case "double" -> "Double";
            case "boolean" -> "Boolean";
            default -> scalar(t);
        };
    }

    /**
     * The element kind an array of this type is stored as: a {@code logical(k)} array is the signed integer of
     * its size (the runtime's element table has no row of its own for logicals: .false. is 0), and an array of
     * {@code character} (length 1) is bytes.
     */
    static ScalarKind arrayKind(Type element) {
        if (element instanceof Type.Character) {
            return ScalarKind.INT8; // character(len=1) arrays: f2py's 'c' arrays, one byte per element
        }
        if (element instanceof Type.Logical l) {
            return switch (l.bytes()) {
                case 1 -> ScalarKind.INT8;
                case 2 -> ScalarKind.INT16;
                case 8 -> ScalarKind.INT64;
                default -> ScalarKind.INT32;
            };
        }
        return ((Type.Scalar) element).kind();
    }

    /** The Gatun array class for an element type. */
    static String arrayClass(Type element) {
        ScalarKind k = arrayKind(element);
        return switch (k) {
            case DOUBLE -> "DoubleArray";
            case FLOAT -> "FloatArray";
            case INT32, UINT32 -> "IntArray";
            case INT64, UINT64 -> "LongArray";
            case COMPLEX_DOUBLE -> "ComplexDoubleArray";
            case INT8, UINT8 -> "ByteArray";
            case INT16, UINT16 -> "ShortArray";
            case COMPLEX_FLOAT -> "ComplexFloatArray";
            default -> throw new IllegalArgumentException("no array class for " + k);
        };
    }

    /** The heap Java array type for critical overloads, or null when there is none. */
    static String heapArray(Type element) {
        return switch (arrayKind(element)) {
            case DOUBLE -> "double[]";
            case FLOAT -> "float[]";
            case INT32, UINT32 -> "int[]";
            case INT64, UINT64 -> "long[]";
            case INT16, UINT16 -> "short[]";
            case INT8, UINT8 -> "byte[]";
            default -> null;
        };
    }

    /** The {@code ElementType} constant for an array element. */
    static String elementType(Type element) {
        return switch (arrayKind(element)) {
            case DOUBLE -> "DOUBLE";
            case FLOAT -> "FLOAT";
            case INT32, UINT32 -> "INT";
            case INT64, UINT64 -> "LONG";
            case INT16, UINT16 -> "INT16";
            case INT8, UINT8 -> "INT8";
            case COMPLEX_FLOAT -> "COMPLEX_FLOAT";
            default -> "COMPLEX_DOUBLE";
        };
    }

    /** Bytes a logical occupies on the native side: shims use C int, bind(C) its own kind. */
    static int logicalBytes(Type.Logical l, boolean shim) {
        return shim ? 4 : l.bytes();
    }

    /** The raw-layer Java type carrying a scalar value of this type across the boundary. */
    static String rawValue(Type t, boolean shim) {
        if (t instanceof Type.Logical l) {
            return switch (logicalBytes(l, shim)) {
                case 1 -> "byte";
                case 2 -> "short";
                case 8 -> "long";
                default -> "int";
            };
        }
        // A handle-type result is the address of the object the shim allocated; a complex number by value is a struct.
        return t instanceof Type.Derived || isComplex(t) ? "MemorySegment" : scalar(t);
    }

    /** The ValueLayout constant for a raw value type. */
    static String layout(String rawType) {
        return switch (rawType) {
            case "byte" -> "JAVA_BYTE";
            case "short" -> "JAVA_SHORT";
            case "int" -> "JAVA_INT";
            case "long" -> "JAVA_LONG";
            case "float" -> "JAVA_FLOAT";
            case "double" -> "JAVA_DOUBLE";
            default -> "ADDRESS";
        };
    }

    /** The C spelling of a raw type, for the native signature quoted in Javadoc. */
    static String cName(Type t, boolean shim) {
        if (t instanceof Type.Scalar s) {
            return switch (s.kind()) {
                case INT8 -> "int8_t";
                case INT16 -> "int16_t";
                case INT32 -> "int";
                case INT64 -> "int64_t";
                case UINT8 -> "uint8_t";
                case UINT16 -> "uint16_t";
                case UINT32 -> "unsigned";
                case UINT64 -> "uint64_t";
                case FLOAT -> "float";
                case DOUBLE -> "double";
                case COMPLEX_FLOAT -> "float _Complex";
                case COMPLEX_DOUBLE -> "double _Complex";
            };
        }
        if (t instanceof Type.Logical l) {
            return shim ? "int" : l.bytes() == 1 ? "_Bool" : "int" + (l.bytes() * 8) + "_t";
        }
        if (t instanceof Type.Character) {
            return "char";
        }
        if (t instanceof Type.Struct s) {
            return s.describe();
        }
        if (t instanceof Type.Pointer p && !(p.pointee() instanceof Type.Void)) {
            return cName(p.pointee(), shim) + " *";
        }
        if (t instanceof Type.Derived) {
            return "void *";
        }
        return t instanceof Type.Void ? "void" : "void *";
    }

    /** The raw Java type of one native slot. */
    static String rawSlot(Notes.Slot slot, boolean shim) {
        return switch (slot.kind()) {
            case VALUE -> rawValue(slot.parameter().type(), shim);
            case EXTENT, STRING_LENGTH -> "long";
            case TYPE_TAG -> "int";
            case CALLBACK_SLOT -> "int";
            default -> "MemorySegment";
        };
    }

    /** The C spelling of one native slot. */
    static String cSlot(Notes.Slot slot, boolean shim, Type result) {
        Parameter p = slot.parameter();
        return switch (slot.kind()) {
            case VALUE -> cName(p.type(), shim);
            // A logical array keeps its Fortran storage size in the shim; only logical scalars become C ints.
            case ARRAY_POINTER -> cName(p.type(), shim && !(p.type() instanceof Type.Logical)) + " *";
            case SCALAR_POINTER, STRING_POINTER -> cName(p.type(), shim) + " *";
            case EXTENT -> "int64_t";
            case STRING_LENGTH -> "int64_t";
            case TYPE_TAG -> "int";
            case CALLBACK -> "void (*)(...)";
            case CALLBACK_SLOT -> "int";
            case RESULT -> cName(result, shim) + " *";
            case OBJECT -> p.type() instanceof Type.Derived ? "void *" : cName(p.type(), shim) + " *";
        };
    }

    /** Bytes of scratch a by-reference scalar needs. */
    static int scratchBytes(Type t, boolean shim) {
        return switch (t) {
            case Type.Scalar s -> s.kind().bytes();
            case Type.Logical l -> logicalBytes(l, shim);
            default -> 8;
        };
    }
}
