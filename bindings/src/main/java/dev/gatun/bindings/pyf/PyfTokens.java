// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one signature-file statement and a cursor over them. Signature files mix Fortran
 * ({@code real*8}, {@code .and.}, {@code /=}) with the C of f2py's expressions ({@code &&},
 * {@code ?:}, {@code !=}), so the lexer knows both sets of operators.
 */
final class PyfTokens {

    /** Token kinds. */
    enum Kind { NAME, INT, REAL, STRING, OP, END }

    /**
     * One token.
     *
     * @param kind  its kind
     * @param text  names as written (compare with {@link #is}, which ignores case), strings without quotes
     * @param index where it starts in the statement text
     */
    record Token(Kind kind, String text, int index) {
        /** True when this is the name or operator {@code s}, ignoring case. */
        boolean is(String s) {
            return kind != Kind.STRING && kind != Kind.END && text.equalsIgnoreCase(s);
        }

        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }

        String describe() {
            return kind == Kind.END ? "end of statement" : "'" + text + "'";
        }
    }

    /** A syntax error at a known position; the parser turns it into a diagnostic and skips the construct. */
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SourcePosition position;

        SyntaxError(SourcePosition position, String message) {
            super(message, null, false, false);
            this.position = position;
        }

        SourcePosition position() {
            return position;
        }
    }

    private static final List<String> TWO = List.of("::", "=>", "==", "!=", "/=", "<=", ">=", "&&", "||", "**");
    private static final List<String> DOTTED = List.of(".and.", ".or.", ".not.", ".eq.", ".ne.", ".lt.", ".le.", ".gt.",
            ".ge.", ".true.", ".false.", ".eqv.", ".neqv.");

    private final PyfStatement statement;
    private final List<Token> tokens;
    private int at;

    PyfTokens(PyfStatement statement) {
        this.statement = statement;
        this.tokens = lex(statement);
    }

    PyfStatement statement() {
        return statement;
    }

    Token peek() {
        return tokens.get(at);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Kind.END;
    }

    boolean accept(String s) {
        if (peek().is(s)) {
            at++;
            return true;
        }
        return false;
    }

    Token expect(String s, String context) {
        if (!peek().is(s)) {
            throw error(peek(), "expected '" + s + "' " + context + ", found " + peek().describe());
        }
        return next();
    }

    Token expectName(String what) {
        if (peek().kind() != Kind.NAME) {
            throw error(peek(), "expected " + what + ", found " + peek().describe());
        }
        return next();
    }

    /** True when {@code s} appears at the top level (outside parentheses) from the cursor on. */
    boolean aheadAtTopLevel(String s) {
        int depth = 0;
        for (int i = at; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.is(s)) {
                return true;
            }
        }
        return false;
    }

    /** The statement text from the current token to the end, as written. */
    String rest() {
        return atEnd() ? "" : statement.text().substring(peek().index()).strip();
    }

    int mark() {
        return at;
    }

    void reset(int mark) {
        at = mark;
    }

    SourcePosition position(Token t) {
        return statement.positionAt(t.index());
    }

    SyntaxError error(Token t, String message) {
        return new SyntaxError(position(t), message);
    }

    private static List<Token> lex(PyfStatement s) {
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
                out.add(new Token(Kind.NAME, t.substring(i, j), i));
                i = j;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1)))) {
                i = number(t, i, out);
            } else if (c == '\'' || c == '"') {
                i = string(s, t, i, out);
            } else if (c == '.' && dotted(t, i) != null) {
                String op = dotted(t, i);
                out.add(new Token(Kind.OP, op, i));
                i += op.length();
            } else if (i + 1 < t.length() && TWO.contains(t.substring(i, i + 2))) {
                out.add(new Token(Kind.OP, t.substring(i, i + 2), i));
                i += 2;
            } else if ("(),:=+-*/%<>!?[]{}&|".indexOf(c) >= 0) {
                out.add(new Token(Kind.OP, String.valueOf(c), i));
                i++;
            } else {
                throw new SyntaxError(s.positionAt(i), "unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Kind.END, "", t.length()));
        return out;
    }

    private static String dotted(String t, int i) {
        String rest = t.substring(i).toLowerCase(Locale.ROOT);
        return DOTTED.stream().filter(rest::startsWith).findFirst().orElse(null);
    }

    private static int number(String t, int i, List<Token> out) {
        int j = i;
        boolean real = false;
        while (j < t.length() && Character.isDigit(t.charAt(j))) {
            j++;
        }
        if (j < t.length() && t.charAt(j) == '.' && dotted(t, j) == null) {
            real = true;
            j++;
            while (j < t.length() && Character.isDigit(t.charAt(j))) {
                j++;
            }
        }
        if (j + 1 < t.length() && "eEdD".indexOf(t.charAt(j)) >= 0 && (Character.isDigit(t.charAt(j + 1))
                || ((t.charAt(j + 1) == '+' || t.charAt(j + 1) == '-') && j + 2 < t.length() && Character.isDigit(t.charAt(j + 2))))) {
            real = true;
            j += 2;
            while (j < t.length() && Character.isDigit(t.charAt(j))) {
                j++;
            }
        }
        String text = t.substring(i, j);
        // A Fortran kind suffix (1.0_dp) or a C suffix (1.0f, 10L) does not change the value.
        while (j < t.length() && (Character.isLetterOrDigit(t.charAt(j)) || t.charAt(j) == '_')) {
            j++;
        }
        out.add(new Token(real ? Kind.REAL : Kind.INT, text.toLowerCase(Locale.ROOT), i));
        return j;
    }

    private static int string(PyfStatement s, String t, int i, List<Token> out) {
        char quote = t.charAt(i);
        var sb = new StringBuilder();
        int j = i + 1;
        while (true) {
            if (j >= t.length()) {
                throw new SyntaxError(s.positionAt(i), "character string is not closed; add the closing " + quote);
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
        out.add(new Token(Kind.STRING, sb.toString(), i));
        return j + 1;
    }
}
