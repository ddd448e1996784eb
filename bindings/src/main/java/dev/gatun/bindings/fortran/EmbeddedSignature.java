// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A procedure of a Fortran source whose {@code !f2py} lines hold a {@code callstatement}: f2py reads such a
 * procedure's declarations and {@code !f2py} lines as one signature, with C in its expressions, so Gatun hands
 * them to the signature-file frontend as they are, instead of binding the procedure through a Fortran shim.
 *
 * @param module     the Fortran module holding the procedure, or null
 * @param statements the header, the specification statements and {@code !f2py} lines (without their
 *                   {@code !f2py}), and the {@code end} statement, in source order
 */
public record EmbeddedSignature(String module, List<Text> statements) {

    /** Copies the list. */
    public EmbeddedSignature {
        statements = List.copyOf(statements);
    }

    /**
     * One statement, continuation lines joined, with where each character was written.
     *
     * @param text    the statement
     * @param file    its file
     * @param lines   the 1-based line of each character
     * @param columns the 1-based column of each character
     */
    public record Text(String text, Path file, int[] lines, int[] columns) {

        /** Validates the positions. */
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(file, "file");
            if (lines.length != text.length() || columns.length != text.length()) {
                throw new IllegalArgumentException("a position for each character is needed");
            }
        }

        /**
         * Returns where the statement starts.
         *
         * @return its first character's position
         */
        public SourcePosition start() {
            return new SourcePosition(file, lines.length == 0 ? 0 : lines[0], columns.length == 0 ? 1 : columns[0]);
        }
    }
}
