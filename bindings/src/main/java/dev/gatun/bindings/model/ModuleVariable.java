// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * A public variable of a Fortran module, which Java reads and writes in place (f2py's module data).
 *
 * @param module      the module that declares it
 * @param name        the variable name as written
 * @param type        its scalar type, or the element type of an array
 * @param dimensions  its dimensions in source order, empty for a scalar; deferred ({@code :}) for an allocatable array
 * @param allocatable true for an {@code allocatable} array
 * @param position    where it is declared
 */
public record ModuleVariable(String module, String name, Type type, List<Dimension> dimensions, boolean allocatable,
        SourcePosition position) {

    /** Validates and copies the components. */
    public ModuleVariable {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        dimensions = List.copyOf(dimensions);
        Objects.requireNonNull(position, "position");
        if (allocatable && dimensions.isEmpty()) {
            throw new IllegalArgumentException("module variable '" + name + "': only allocatable arrays are bound");
        }
    }
}
