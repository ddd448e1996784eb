// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.Objects;

/**
 * One dimension of an array parameter, as declared: {@code a(n)}, {@code a(0:n-1)}, {@code a(*)}
 * or {@code a(:)}.
 */
public sealed interface Dimension {

    /** Returns the lower bound: 1 unless the source says otherwise (0 for C arrays). */
    Expr lower();

    /** Returns where the dimension was written. */
    SourcePosition position();

    /**
     * Explicit shape, {@code lower:upper}; the extent is {@code upper - lower + 1}.
     *
     * @param lower    the lower bound
     * @param upper    the upper bound
     * @param position where it was written
     */
    record Explicit(Expr lower, Expr upper, SourcePosition position) implements Dimension {
        /** Validates the components. */
        public Explicit {
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(upper, "upper");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * Assumed size, {@code lower:*}: only allowed as the last dimension; the native code does not
     * know the extent, so the binding cannot check it.
     *
     * @param lower    the lower bound
     * @param position where it was written
     */
    record AssumedSize(Expr lower, SourcePosition position) implements Dimension {
        /** Validates the components. */
        public AssumedSize {
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * Assumed shape, {@code lower:} or {@code :}: the extent travels with the actual argument. Not
     * interoperable with C before Fortran 2018 descriptors, so the shim passes it explicitly.
     *
     * @param lower    the lower bound
     * @param position where it was written
     */
    record AssumedShape(Expr lower, SourcePosition position) implements Dimension {
        /** Validates the components. */
        public AssumedShape {
            Objects.requireNonNull(lower, "lower");
            Objects.requireNonNull(position, "position");
        }
    }

    /** Returns the Fortran spelling ({@code 0:n-1}, {@code *}, {@code :}), omitting a lower bound of 1. */
    default String render() {
        String low = lower() instanceof Expr.IntConst c && c.value() == 1 ? "" : lower().render() + ":";
        return switch (this) {
            case Explicit e -> low + e.upper().render();
            case AssumedSize s -> low + "*";
            case AssumedShape s -> low.isEmpty() ? ":" : low;
        };
    }
}
