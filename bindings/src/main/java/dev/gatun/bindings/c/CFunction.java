// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A function prototype (or a definition whose body was skipped).
 *
 * @param name         the name as declared
 * @param linkName     the symbol to look up: the {@code __asm__("label")} when there is one, else the name
 * @param returnType   what it returns
 * @param parameters   its parameters in order, each with its gatun directives
 * @param variadic     true when the parameter list ends with {@code ...}
 * @param hasBody      true for definitions in the header (usually {@code static inline}); they have
 *                     no symbol in a library unless also declared {@code extern}
 * @param isStatic     true when declared {@code static}: not exported from any library
 * @param position     where it was declared
 * @param fromUserFile whether a file the user named declared it
 */
public record CFunction(String name, String linkName, CType returnType, List<CParameter> parameters,
                        boolean variadic, boolean hasBody, boolean isStatic, SourcePosition position,
                        boolean fromUserFile) implements CDeclaration {

    /** Validates and copies the components. */
    public CFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(linkName, "linkName");
        Objects.requireNonNull(returnType, "returnType");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(position, "position");
    }

    /** Returns a copy with other parameters (the same ones with more directives, from a signature file). */
    CFunction withParameters(List<CParameter> newParameters) {
        return new CFunction(name, linkName, returnType, newParameters, variadic, hasBody, isStatic, position, fromUserFile);
    }

    /** Returns the function type: return type, parameters, variadic. */
    public CType.Function type() {
        return new CType.Function(returnType, parameters, variadic);
    }

    /**
     * Returns the parameter with the given name.
     *
     * @param parameterName the name as declared
     * @return the parameter, or empty when there is none of that name
     */
    public Optional<CParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /** Returns the prototype as C would spell it, with the link name. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(returnType.spelling()).append(' ').append(name).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(parameters.get(i));
        }
        if (variadic) {
            s.append(parameters.isEmpty() ? "..." : ", ...");
        } else if (parameters.isEmpty()) {
            s.append("void");
        }
        return s.append(')').toString();
    }
}
