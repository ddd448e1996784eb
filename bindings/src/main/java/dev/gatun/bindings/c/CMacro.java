// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An object-like {@code #define} seen by the preprocessor ({@code cc -E -dD} reports them).
 *
 * <p>Two kinds matter for bindings: integer constants ({@code #define CUDA_VERSION 12040}) and
 * aliases of functions ({@code #define cuMemAlloc cuMemAlloc_v2}), which
 * {@link CTranslationUnit#function(String)} follows.
 *
 * @param name         the macro name
 * @param replacement  its replacement text, whitespace-trimmed
 * @param value        its value when the replacement is an integer constant expression
 * @param position     where it was defined
 * @param fromUserFile whether a file the user named defined it
 */
public record CMacro(String name, String replacement, OptionalLong value, SourcePosition position,
                     boolean fromUserFile) implements CDeclaration {

    /** Validates the components. */
    public CMacro {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }
}
