// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Type;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Fortran kind rules for other frontends (f2py signature files): the named kinds of
 * {@code iso_c_binding} and {@code iso_fortran_env}, kind inquiries, and the model type of an
 * intrinsic type and kind. A window on {@link KindTable}, so there is one table.
 */
public final class FortranKinds {

    private FortranKinds() {
    }

    /**
     * Returns the intrinsic-module kind constants ({@code c_double}, {@code real64}, ...), as a fresh mutable map.
     *
     * @return name to kind value
     */
    public static Map<String, Expr> intrinsicConstants() {
        return KindTable.intrinsicConstants();
    }

    /**
     * Evaluates a constant integer expression, kind inquiries included ({@code selected_real_kind(15)}).
     *
     * @param e the expression, named constants already substituted
     * @return its value, or empty when it is not constant
     */
    public static OptionalLong evaluate(Expr e) {
        return KindTable.evaluate(e);
    }

    /**
     * Maps an intrinsic type and kind to a model type, by gfortran's convention (kind = bytes).
     *
     * @param base {@code integer}, {@code real}, {@code complex} or {@code logical}
     * @param kind the kind number
     * @return the type, or empty when Java has no counterpart ({@code real(16)})
     */
    public static Optional<Type> typeOf(String base, long kind) {
        return Optional.ofNullable(KindTable.typeOf(base, kind));
    }
}
