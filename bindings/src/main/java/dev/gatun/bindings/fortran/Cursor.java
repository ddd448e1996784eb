// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;

/** A position in the tokens of one statement, with the small vocabulary the parsers share. */
final class Cursor {

    private final Statement statement;
    private final List<Token> tokens;
    private int at;

    Cursor(Statement statement, List<Token> tokens) {
        this.statement = statement;
        this.tokens = tokens;
    }

    Statement statement() {
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
        if (t.kind() != Token.Kind.END) {
            at++;
        }
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    /** Consumes the token if it is {@code s}; returns whether it did. */
    boolean accept(String s) {
        if (peek().is(s)) {
            at++;
            return true;
        }
        return false;
    }

    /** Consumes {@code s} or fails with "expected 's' ..." at the current token. */
    Token expect(String s, String context) {
        if (!peek().is(s)) {
            throw error(peek(), "expected '" + s + "' " + context + ", found " + describe(peek()));
        }
        return next();
    }

    /** Consumes a name or fails. */
    Token expectName(String what) {
        if (peek().kind() != Token.Kind.NAME) {
            throw error(peek(), "expected " + what + ", found " + describe(peek()));
        }
        return next();
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

    ParseException error(Token t, String message) {
        return new ParseException(position(t), message);
    }

    static String describe(Token t) {
        return t.kind() == Token.Kind.END ? "end of statement" : "'" + t.text() + "'";
    }

    /** A syntax error at a known position; the parser turns it into a diagnostic. */
    static final class ParseException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SourcePosition position;

        ParseException(SourcePosition position, String message) {
            super(message, null, false, false);
            this.position = position;
        }

        SourcePosition position() {
            return position;
        }
    }
}
