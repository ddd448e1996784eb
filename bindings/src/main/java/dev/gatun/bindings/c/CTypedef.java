// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.Objects;

/**
 * {@code typedef type name;}.
 *
 * @param name         the new name
 * @param type         the type it stands for
 * @param alignment    the alignment it requests with {@code __attribute__((aligned(n)))}, or 0
 * @param position     where it was declared
 * @param fromUserFile whether a file the user named declared it
 */
public record CTypedef(String name, CType type, long alignment, SourcePosition position, boolean fromUserFile)
        implements CDeclaration {

    /** Validates the components. */
    public CTypedef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(position, "position");
    }

    /** Returns the type that uses this typedef by name. */
    public CType.TypedefRef reference() {
        return new CType.TypedefRef(name, type, alignment);
    }
}
