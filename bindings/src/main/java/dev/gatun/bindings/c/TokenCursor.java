// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import java.util.List;

/** A position in a token list, with the look-ahead and expectations the parsers need. */
final class TokenCursor {

    private final List<CToken> tokens;
    private int index;

    TokenCursor(List<CToken> tokens) {
        this.tokens = tokens;
    }

    CToken peek() {
        return tokens.get(index);
    }

    CToken peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    CToken next() {
        CToken t = tokens.get(index);
        if (t.kind() != CToken.Kind.END) {
            index++;
        }
        return t;
    }

    boolean at(String text) {
        return peek().is(text);
    }

    boolean atEnd() {
        return peek().kind() == CToken.Kind.END;
    }

    /** Consumes the token when it is {@code text}. */
    boolean accept(String text) {
        if (at(text)) {
            index++;
            return true;
        }
        return false;
    }

    /** Consumes {@code text} or abandons the declaration with "expected 'text' ...". */
    CToken expect(String text, String context) {
        if (!at(text)) {
            throw error("expected '" + text + "' " + context + ", found " + peek());
        }
        return next();
    }

    ParseError error(String message) {
        return new ParseError(peek().position(), message, false);
    }

    int index() {
        return index;
    }

    void reset(int to) {
        index = to;
    }

    CToken get(int i) {
        return tokens.get(i);
    }

    /** Skips a balanced group that starts at the current {@code (}, {@code [} or <code>{</code>. */
    void skipBalanced() {
        CToken open = next();
        String close = switch (open.text()) {
            case "(" -> ")";
            case "[" -> "]";
            default -> "}";
        };
        int depth = 1;
        while (depth > 0) {
            CToken t = peek();
            if (t.kind() == CToken.Kind.END) {
                throw new ParseError(open.position(), "unbalanced '" + open.text() + "': no matching '" + close
                        + "' before the end of the input", false);
            }
            next();
            if (t.is(open.text())) {
                depth++;
            } else if (t.is(close)) {
                depth--;
            }
        }
    }
}
