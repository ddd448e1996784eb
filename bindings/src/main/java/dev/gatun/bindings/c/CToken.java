// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;

/**
 * One token of preprocessed C, with where it came from.
 *
 * @param kind       what kind of token
 * @param text       its text (for strings and chars: as written, quotes included)
 * @param position   its original file:line:col, recovered from the preprocessor's line markers
 * @param userFile   true when that file is one the user named
 * @param directives the {@code gatun:} comments written just before this token
 */
record CToken(Kind kind, String text, SourcePosition position, boolean userFile, List<Comment> directives) {

    /** Token kinds. */
    enum Kind {
        IDENTIFIER, NUMBER, CHAR, STRING, PUNCT, PRAGMA_PACK, END
    }

    /**
     * A {@code gatun:} comment.
     *
     * @param text     the comment, delimiters included
     * @param position where it starts
     */
    record Comment(String text, SourcePosition position) {
    }

    boolean is(String s) {
        return (kind == Kind.PUNCT || kind == Kind.IDENTIFIER) && text.equals(s);
    }

    boolean isIdentifier() {
        return kind == Kind.IDENTIFIER;
    }

    @Override
    public String toString() {
        return kind == Kind.END ? "end of input" : "'" + text + "'";
    }
}
