// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A gatun directive written in a comment, attached to one parameter (f2py's vocabulary).
 *
 * <p>See the package documentation for the syntax. Every directive keeps the position of its
 * comment, so a later pass can point at it when the directive does not fit the parameter.
 */
public sealed interface CDirective {

    /** Returns where the directive was written. */
    SourcePosition position();

    /** The intent flags of f2py. */
    enum IntentFlag {
        /** Read by the callee. */
        IN,
        /** Written by the callee; the friendly layer returns it. */
        OUT,
        /** Read and written. */
        INOUT,
        /** Not a Java parameter: computed from others (an extent, usually). */
        HIDE,
        /** Passed by value even where a pointer would be expected. */
        C
    }

    /**
     * {@code intent(in,out)}, or the short forms {@code in}, {@code out}, {@code inout}, {@code hide}.
     *
     * @param flags    the flags, never empty
     * @param position where it was written
     */
    record Intent(Set<IntentFlag> flags, SourcePosition position) implements CDirective {
        /** Validates and copies the components. */
        public Intent {
            flags = Set.copyOf(flags);
            if (flags.isEmpty()) {
                throw new IllegalArgumentException("intent needs at least one flag");
            }
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * {@code dimension(n, m)}: the extents of the array a pointer points to.
     *
     * @param extents  one C expression per dimension, as written ({@code n}, {@code 2*n}, {@code *})
     * @param position where it was written
     */
    record Dimension(List<String> extents, SourcePosition position) implements CDirective {
        /** Validates and copies the components. */
        public Dimension {
            extents = List.copyOf(extents);
            if (extents.isEmpty()) {
                throw new IllegalArgumentException("dimension needs at least one extent");
            }
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * {@code depend(n, m)}: this parameter is computed after those.
     *
     * @param names    the parameters it depends on
     * @param position where it was written
     */
    record Depend(List<String> names, SourcePosition position) implements CDirective {
        /** Validates and copies the components. */
        public Depend {
            names = List.copyOf(names);
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * {@code check(n > 0)}: a condition verified before the native call.
     *
     * @param expression the C expression, as written
     * @param position   where it was written
     */
    record Check(String expression, SourcePosition position) implements CDirective {
        /** Validates the components. */
        public Check {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(position, "position");
        }
    }

    /** Element order of a multi-dimensional array. */
    enum ArrayOrder {
        /** Row-major, last index fastest. */
        C,
        /** Column-major, first index fastest. */
        FORTRAN
    }

    /**
     * {@code order(c)} or {@code order(fortran)}.
     *
     * @param order    the order
     * @param position where it was written
     */
    record Order(ArrayOrder order, SourcePosition position) implements CDirective {
        /** Validates the components. */
        public Order {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * {@code device}: the pointer is a CUDA device pointer, never a host array.
     *
     * @param position where it was written
     */
    record Device(SourcePosition position) implements CDirective {
        /** Validates the component. */
        public Device {
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * {@code retain}: the function keeps the callback after it returns ({@code gsl_set_error_handler}, registration
     * APIs), so its upcall stub must never be freed.
     *
     * @param position where it was written
     */
    record Retain(SourcePosition position) implements CDirective {
        /** Validates the component. */
        public Retain {
            Objects.requireNonNull(position, "position");
        }
    }
}
