// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.diag;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a construct came from: a file and a 1-based line and column.
 *
 * <p>Every model element carries one, so that a diagnostic or a generated Javadoc can point back
 * to the Fortran or C source the user wrote.
 *
 * @param file   the source file as the user named it (or the header the preprocessor reported)
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record SourcePosition(Path file, int line, int column) {

    /** A position for constructs that have no source, such as built-in declarations. */
    public static final SourcePosition NONE = new SourcePosition(Path.of("<builtin>"), 0, 0);

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if {@code file} is null
     * @throws IllegalArgumentException if {@code line} or {@code column} is negative
     */
    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0, got " + line + ":" + column);
        }
    }

    /** Returns {@code file:line:col}, the form compilers and editors understand. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
