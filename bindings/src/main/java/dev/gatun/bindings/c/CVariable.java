// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.Objects;

/**
 * An {@code extern} global variable (a library symbol that is data, such as {@code ompi_mpi_comm_world}).
 *
 * @param name         the name as declared
 * @param linkName     the symbol: the {@code __asm__} label when there is one, else the name
 * @param type         its type
 * @param position     where it was declared
 * @param fromUserFile whether a file the user named declared it
 */
public record CVariable(String name, String linkName, CType type, SourcePosition position, boolean fromUserFile)
        implements CDeclaration {

    /** Validates the components. */
    public CVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(linkName, "linkName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(position, "position");
    }
}
