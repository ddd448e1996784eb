// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a {@link Statement} into {@link Token}s.
 *
 * <p>Blanks separate tokens (fixed-form code that glues keywords together, such as
 * {@code DOUBLEPRECISION} or {@code ENDDO}, is recognised by the parser instead).
 */
final class Lexer {

    private Lexer() {
    }

    /**
     * Tokenises a statement.
     *
     * @param s the statement
     * @return its tokens, ending with an {@link Token.Kind#END} token
     * @throws LexException when a character cannot start a token or a string is not closed
     */
    static List<Token> tokens(Statement s) {
        String t = s.text();
        var out = new ArrayList<Token>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int j = i;
                while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '_' || t.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(Token.Kind.NAME, t.substring(i, j).toLowerCase(Locale.ROOT), i));
                i = j;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1)))) {
                i = number(t, i, out, s.fixed());
            } else if (c == '\'' || c == '"') {
                i = string(t, i, out);
            } else if (c == '.') {
                int end = dottedOperatorEnd(t, i, s.fixed());
                if (end < 0) {
                    throw new LexException(i, "unknown operator starting with '.'");
                }
                out.add(new Token(Token.Kind.OP, squeeze(t.substring(i, end)), i));
                i = end;
            } else {
                String two = i + 1 < t.length() ? t.substring(i, i + 2) : "";
                if (s.directive() && List.of("&&", "||", "!=").contains(two)) {
                    // f2py copies check() expressions into C, so !f2py lines may use C's operators.
                    out.add(new Token(Token.Kind.OP, two.equals("&&") ? ".and." : two.equals("||") ? ".or." : "/=", i));
                    i += 2;
                } else if (List.of("::", "**", "//", "==", "/=", "<=", ">=", "=>").contains(two)) {
                    out.add(new Token(Token.Kind.OP, two, i));
                    i += 2;
                } else if ("(),:=+-*/<>%".indexOf(c) >= 0) {
                    out.add(new Token(Token.Kind.OP, String.valueOf(c), i));
                    i++;
                } else {
                    throw new LexException(i, "unexpected character '" + c + "'");
                }
            }
        }
        out.add(new Token(Token.Kind.END, "", t.length()));
        return out;
    }

    /**
     * Returns where the dotted operator at {@code i} ends, or -1. In fixed form blanks inside it are
     * insignificant ({@code M. LT. 0}).
     */
    private static int dottedOperatorEnd(String t, int i, boolean fixed) {
        var sb = new StringBuilder(".");
        for (int j = i + 1; j < t.length() && sb.length() <= 32; j++) {
            char c = t.charAt(j);
            if (c == ' ' && fixed) {
                continue;
            }
            if (c == '.') {
                // The intrinsic ones, or a user-defined operator such as .item. (letters only, up to 31).
                return sb.length() > 1 ? j + 1 : -1;
            }
            if (!Character.isLetter(c)) {
                return -1;
            }
            sb.append(c);
        }
        return -1;
    }

    private static String squeeze(String op) {
        return op.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** Skips digits; in fixed form, blanks between digits too ({@code 220.20 68679}). */
    private static int digits(String t, int j, boolean fixed) {
        while (j < t.length()) {
            if (Character.isDigit(t.charAt(j))) {
                j++;
            } else if (fixed && t.charAt(j) == ' ' && j > 0 && Character.isDigit(t.charAt(j - 1))) {
                int k = j;
                while (k < t.length() && t.charAt(k) == ' ') {
                    k++;
                }
                if (k < t.length() && Character.isDigit(t.charAt(k))) {
                    j = k;
                } else {
                    return j;
                }
            } else {
                return j;
            }
        }
        return j;
    }

    private static int number(String t, int i, List<Token> out, boolean fixed) {
        int j = digits(t, i, fixed);
        boolean real = false;
        // "1." is real, but "1.eq." is the integer 1 followed by an operator.
        if (j < t.length() && t.charAt(j) == '.' && dottedOperatorEnd(t, j, fixed) < 0) {
            real = true;
            j = digits(t, j + 1, fixed);
        }
        if (j < t.length() && "eEdDqQ".indexOf(t.charAt(j)) >= 0 && j + 1 < t.length()
                && (Character.isDigit(t.charAt(j + 1)) || ((t.charAt(j + 1) == '+' || t.charAt(j + 1) == '-')
                && j + 2 < t.length() && Character.isDigit(t.charAt(j + 2))))) {
            real = true;
            j += 2;
            while (j < t.length() && Character.isDigit(t.charAt(j))) {
                j++;
            }
        }
        String text = t.substring(i, j).replace(" ", "");
        if (j < t.length() && t.charAt(j) == '_') {
            // Kind suffix (1.0_dp, 8_int64): the value is what matters for extents and defaults.
            j++;
            while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '_')) {
                j++;
            }
        }
        out.add(new Token(real ? Token.Kind.REAL : Token.Kind.INT, text.toLowerCase(Locale.ROOT), i));
        return j;
    }

    private static int string(String t, int i, List<Token> out) {
        char quote = t.charAt(i);
        var sb = new StringBuilder();
        int j = i + 1;
        while (true) {
            if (j >= t.length()) {
                throw new LexException(i, "character string is not closed; add the closing " + quote);
            }
            char c = t.charAt(j);
            if (c == quote) {
                if (j + 1 < t.length() && t.charAt(j + 1) == quote) {
                    sb.append(quote);
                    j += 2;
                    continue;
                }
                break;
            }
            sb.append(c);
            j++;
        }
        out.add(new Token(Token.Kind.STRING, sb.toString(), i));
        return j + 1;
    }

    /** A character that cannot start a token; {@code index} points into the statement text. */
    static final class LexException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int index;

        LexException(int index, String message) {
            super(message, null, false, false);
            this.index = index;
        }

        int index() {
            return index;
        }
    }
}
