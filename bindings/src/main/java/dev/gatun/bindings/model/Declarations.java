// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * What a C header declares besides the functions a {@link Unit} calls: constants, global variables, every struct
 * and union, function-pointer types and variadic functions. Fortran units have none.
 *
 * @param structs   every complete struct and union the header defines, in declaration order
 * @param constants object-like macros that are numbers or strings, and enumeration constants
 * @param globals   {@code extern} variables the library defines
 * @param callbacks function-pointer typedefs, each a Java functional interface
 * @param variadics functions ending in {@code ...}, called through an invoker per call shape
 * @param statuses  the {@code gatun: status(...)} rules of the header and of the {@code .gatun} side files
 */
public record Declarations(List<Type.Struct> structs, List<Constant> constants, List<Global> globals,
                           List<FunctionPointer> callbacks, List<Variadic> variadics, List<StatusRule> statuses) {

    /** No declarations: what a Fortran unit has. */
    public static final Declarations NONE = new Declarations(List.of(), List.of(), List.of(), List.of(), List.of());

    /** Validates and copies the components. */
    public Declarations {
        structs = List.copyOf(structs);
        constants = List.copyOf(constants);
        globals = List.copyOf(globals);
        callbacks = List.copyOf(callbacks);
        variadics = List.copyOf(variadics);
        statuses = List.copyOf(statuses);
    }

    /**
     * Declarations without status rules.
     *
     * @param structs   every complete struct and union
     * @param constants the constants
     * @param globals   the globals
     * @param callbacks the function-pointer typedefs
     * @param variadics the variadic functions
     */
    public Declarations(List<Type.Struct> structs, List<Constant> constants, List<Global> globals,
                        List<FunctionPointer> callbacks, List<Variadic> variadics) {
        this(structs, constants, globals, callbacks, variadics, List.of());
    }

    /**
     * Returns these declarations with status rules.
     *
     * @param rules the rules
     * @return the new declarations
     */
    public Declarations withStatuses(List<StatusRule> rules) {
        return new Declarations(structs, constants, globals, callbacks, variadics, rules);
    }

    /** Returns true when there is nothing here. */
    public boolean isEmpty() {
        return structs.isEmpty() && constants.isEmpty() && globals.isEmpty() && callbacks.isEmpty() && variadics.isEmpty()
                && statuses.isEmpty();
    }

    /**
     * A named constant: {@code #define LAPACK_ROW_MAJOR 101}, {@code #define GSL_CONST_MKSA_SPEED_OF_LIGHT (2.99e8)},
     * {@code #define VERSION "1.2"} or an enumerator.
     *
     * @param name     the C name
     * @param value    a {@link Long}, {@link Double} or {@link String}
     * @param position where it was defined
     */
    public record Constant(String name, Object value, SourcePosition position) {
        /** Validates the components. */
        public Constant {
            Objects.requireNonNull(name, "name");
            if (!(value instanceof Long || value instanceof Double || value instanceof String)) {
                throw new IllegalArgumentException("constant '" + name + "': the value must be a Long, Double or String, got " + value);
            }
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * An {@code extern} variable.
     *
     * @param name       the C name
     * @param symbol     the symbol the library exports
     * @param type       a scalar, pointer or struct type; the element type of an array; {@link Type#VOID} when only
     *                   the address is known (an incomplete struct, an array of unknown length)
     * @param dimensions the extents of a fixed-size array, empty otherwise
     * @param readOnly   declared {@code const}: no setter
     * @param position   where it was declared
     */
    public record Global(String name, String symbol, Type type, List<Dimension> dimensions, boolean readOnly,
                         SourcePosition position) {
        /** Validates and copies the components. */
        public Global {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(type, "type");
            dimensions = List.copyOf(dimensions);
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * A function-pointer type the header names: {@code typedef int (*gsl_comparison_fn_t)(const void *, const void *)}.
     *
     * @param name      the typedef name
     * @param signature what the function takes and returns
     * @param position  where it was declared
     */
    public record FunctionPointer(String name, Signature signature, SourcePosition position) {
        /** Validates the components. */
        public FunctionPointer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * A variadic function: its fixed parameters, and the C promotions apply to what the caller passes after them.
     *
     * @param name      the C name
     * @param symbol    the symbol
     * @param signature the fixed parameters and the result
     * @param position  where it was declared
     */
    public record Variadic(String name, String symbol, Signature signature, SourcePosition position) {
        /** Validates the components. */
        public Variadic {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(position, "position");
        }
    }
}
