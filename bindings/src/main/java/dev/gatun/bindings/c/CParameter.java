// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a function or callback type.
 *
 * @param name         the name, or {@code ""} when the prototype gives none
 * @param type         the adjusted type the ABI passes: arrays and functions decay to pointers
 * @param declaredType the type as written ({@code double x[static 3]} stays an array of 3)
 * @param directives   the gatun directives written for this parameter (inline or on the lines
 *                     before the prototype)
 * @param position     where the parameter starts
 */
public record CParameter(String name, CType type, CType declaredType, List<CDirective> directives,
                         SourcePosition position) {

    /** Validates and copies the components. */
    public CParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(declaredType, "declaredType");
        directives = List.copyOf(directives);
        Objects.requireNonNull(position, "position");
    }

    /**
     * Returns the first directive of the given kind.
     *
     * @param kind the directive record class, e.g. {@code CDirective.Dimension.class}
     * @param <D>  the directive type
     * @return the directive, or empty when none was written
     */
    public <D extends CDirective> Optional<D> directive(Class<D> kind) {
        return directives.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** Returns a copy with more directives appended. */
    CParameter withDirectives(List<CDirective> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<CDirective> all = new java.util.ArrayList<>(directives);
        all.addAll(more);
        return new CParameter(name, type, declaredType, all, position);
    }

    /** Returns {@code type name}, e.g. {@code const double * x}. */
    @Override
    public String toString() {
        return name.isEmpty() ? declaredType.spelling() : declaredType.spelling() + " " + name;
    }
}
