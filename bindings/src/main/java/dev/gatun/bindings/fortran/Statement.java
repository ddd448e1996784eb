// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.SourcePosition;
import java.nio.file.Path;

/**
 * One Fortran statement after continuation lines are joined and comments removed.
 *
 * <p>Each character remembers the line and column it came from, so a diagnostic about a token in a
 * continued statement still points at the right place in the file.
 *
 * @param text      the statement text, continuation markers removed
 * @param file      the file it came from (an {@code include}d file keeps its own name)
 * @param lines     for each character of {@code text}, its 1-based source line
 * @param columns   for each character of {@code text}, its 1-based source column
 * @param directive true when the statement came from an f2py directive comment ({@code !f2py})
 * @param fixed     true when it was written in fixed form, where blanks are insignificant
 *                  ({@code IF (M. LT. 0)}, {@code 220.20 68679})
 */
record Statement(String text, Path file, int[] lines, int[] columns, boolean directive, boolean fixed) {

    /** A free-form statement. */
    Statement(String text, Path file, int[] lines, int[] columns, boolean directive) {
        this(text, file, lines, columns, directive, false);
    }

    /** Returns the source position of the character at {@code index} (clamped to the text). */
    SourcePosition positionAt(int index) {
        if (text.isEmpty()) {
            return new SourcePosition(file, lines.length == 0 ? 0 : lines[0], 1);
        }
        int i = Math.max(0, Math.min(index, text.length() - 1));
        return new SourcePosition(file, lines[i], columns[i] + (index >= text.length() ? 1 : 0));
    }

    /** Returns where the statement starts. */
    SourcePosition start() {
        return positionAt(0);
    }
}
