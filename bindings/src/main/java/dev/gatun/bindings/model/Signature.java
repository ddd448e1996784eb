// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a callable: what a {@link Type.Callback} expects the Java side to implement.
 *
 * @param result     the result type, {@link Type#VOID} for a subroutine
 * @param parameters its parameters, in order
 */
public record Signature(Type result, List<Parameter> parameters) {

    /** Validates and copies the components. */
    public Signature {
        Objects.requireNonNull(result, "result");
        parameters = List.copyOf(parameters);
    }

    /** Returns {@code (double x, double y) -> double}-style text for Javadoc and diagnostics. */
    public String describe() {
        return "(" + String.join(", ", parameters.stream().map(p -> p.type().describe() + " " + p.name()).toList())
                + ") -> " + result.describe();
    }
}
