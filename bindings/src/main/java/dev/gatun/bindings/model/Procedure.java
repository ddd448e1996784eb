// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A subroutine or function the user wants to call from Java.
 *
 * @param name       the name as written in the source
 * @param symbol     the native symbol called: the {@code bind(C, name=...)} or C name for
 *                   {@link Interop#DIRECT}; for {@link Interop#NEEDS_SHIM} the source name in lower
 *                   case (the shim planner decides the shim's own symbol)
 * @param language   the source language
 * @param kind       subroutine or function
 * @param result     the function result type; {@link Type#VOID} for subroutines
 * @param interop    whether the symbol can be called through the C ABI as it stands
 * @param parameters the dummy arguments, in order
 * @param module     the Fortran module that contains it, if any
 * @param position   where it was declared
 */
public record Procedure(
        String name,
        String symbol,
        Language language,
        Kind kind,
        Type result,
        Interop interop,
        List<Parameter> parameters,
        Optional<String> module,
        SourcePosition position) {

    /** Subroutine (no result) or function. */
    public enum Kind {
        /** No result value ({@code subroutine}, C {@code void} function). */
        SUBROUTINE,
        /** Returns a value. */
        FUNCTION
    }

    /** How the procedure is reached from the C ABI that FFM speaks. */
    public enum Interop {
        /** C functions and Fortran {@code bind(C)} procedures: called through their own symbol. */
        DIRECT,
        /** Fortran procedures without {@code bind(C)}: reached through a generated {@code bind(C)} shim. */
        NEEDS_SHIM
    }

    /** Validates and copies the components. */
    public Procedure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(interop, "interop");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(position, "position");
        if ((kind == Kind.SUBROUTINE) != (result instanceof Type.Void)) {
            throw new IllegalArgumentException("procedure '" + name + "': a subroutine has no result and a function has one");
        }
        if (interop == Interop.NEEDS_SHIM && language != Language.FORTRAN) {
            throw new IllegalArgumentException("procedure '" + name + "': only Fortran procedures are reached through shims");
        }
        var seen = new HashSet<String>();
        for (Parameter p : parameters) {
            // Fortran names are case-insensitive, so 'A' and 'a' are the same dummy argument.
            if (!seen.add(p.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("procedure '" + name + "': parameter '" + p.name() + "' is declared twice");
            }
        }
    }

    /** Returns the parameter with this name (case-insensitive), if any. */
    public Optional<Parameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equalsIgnoreCase(parameterName)).findFirst();
    }
}
