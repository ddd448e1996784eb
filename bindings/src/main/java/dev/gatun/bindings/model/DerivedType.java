// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import java.util.Objects;

/**
 * A derived type a Fortran module defines: a {@code bind(C)} type, which Java sees as a struct with the C
 * compiler's layout ({@link Type.Struct}), or any other type, which Java sees only through a handle
 * ({@link Type.Derived}).
 *
 * @param module the module that defines it; shims {@code use} it to name the type
 * @param type   a {@link Type.Struct} or a {@link Type.Derived}
 */
public record DerivedType(String module, Type type) {

    /** Validates the components. */
    public DerivedType {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(type, "type");
        if (!(type instanceof Type.Struct || type instanceof Type.Derived)) {
            throw new IllegalArgumentException("derived type in module '" + module + "': expected a struct or a handle type, got "
                    + type.describe());
        }
    }

    /** Returns the type's name as the source spells it. */
    public String name() {
        return type instanceof Type.Struct s ? s.name() : ((Type.Derived) type).name();
    }
}
