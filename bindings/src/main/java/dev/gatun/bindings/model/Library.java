// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything bound into one native library and one generated Java class: {@code gatun build -m NAME}.
 *
 * @param name  the library name ({@code lib<name>.so}, and the Java class name derived from it)
 * @param units the parsed sources, in command-line order
 */
public record Library(String name, List<Unit> units) {

    /** Validates and copies the components. */
    public Library {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("library name '" + name + "' must be a C identifier (letters, digits, '_')");
        }
        units = List.copyOf(units);
    }

    /** Returns every procedure of every unit, in order. */
    public List<Procedure> procedures() {
        return units.stream().flatMap(u -> u.procedures().stream()).toList();
    }
}
