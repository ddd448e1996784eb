// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.SourcePosition;
import java.nio.file.Path;

/**
 * One statement of a signature file after continuation lines are joined and comments removed, or
 * one verbatim {@code '''} block ({@code usercode}, {@code pymethoddef}, {@code callstatement}).
 *
 * @param text    the statement text (for a block: its body, without the quotes)
 * @param file    the file it came from
 * @param lines   for each character of {@code text}, its 1-based source line (empty for a block)
 * @param columns for each character of {@code text}, its 1-based source column (empty for a block)
 * @param block   the keyword that opened a {@code '''} block, or null for an ordinary statement
 */
record PyfStatement(String text, Path file, int[] lines, int[] columns, String block) {

    /** A verbatim block: every position is where its keyword was written. */
    static PyfStatement block(String keyword, String body, SourcePosition where) {
        return new PyfStatement(body, where.file(), new int[] {where.line()}, new int[] {where.column()}, keyword.toLowerCase(java.util.Locale.ROOT));
    }

    /** Returns the source position of the character at {@code index} (clamped to the text). */
    SourcePosition positionAt(int index) {
        if (block != null || text.isEmpty()) {
            return new SourcePosition(file, lines.length == 0 ? 0 : lines[0], columns.length == 0 ? 1 : columns[0]);
        }
        int i = Math.max(0, Math.min(index, text.length() - 1));
        return new SourcePosition(file, lines[i], columns[i] + (index >= text.length() ? 1 : 0));
    }
}
