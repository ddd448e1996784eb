// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Splits preprocessor output into tokens, following its line markers ({@code # 12 "file.h" 1 3}) so
 * that every token carries its original position.
 *
 * <p>Ordinary comments are dropped; {@code gatun:} comments ride on the next token. {@code #define}
 * lines (printed by {@code cc -dD}) are collected as {@link MacroLine}s, {@code #pragma pack} becomes
 * a token, other directives are skipped.
 */
final class CLexer {

    /**
     * An object-like macro definition line.
     *
     * @param name        the macro name
     * @param replacement its replacement text, or null for {@code #undef}
     * @param position    where it was defined
     * @param userFile    whether a user-named file defined it
     */
    record MacroLine(String name, String replacement, SourcePosition position, boolean userFile) {
    }

    private static final String[] PUNCTUATORS = {
        "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=",
        "+=", "-=", "&=", "^=", "|=", "##"
    };

    private final String src;
    private final Predicate<Path> isUserFile;
    private final List<CToken> tokens = new ArrayList<>();
    private final List<MacroLine> macros = new ArrayList<>();
    private final List<CToken.Comment> pendingComments = new ArrayList<>();
    private int pos;
    private int lineStart;
    private int line = 1;
    private Path file;
    private boolean user;

    /**
     * @param src        preprocessed text
     * @param firstFile  the file to report until the first line marker
     * @param isUserFile which files the user named
     */
    CLexer(String src, Path firstFile, Predicate<Path> isUserFile) {
        this.src = src;
        this.file = firstFile;
        this.isUserFile = isUserFile;
        this.user = isUserFile.test(firstFile);
    }

    /** Tokenizes the whole input; the list ends with an {@link CToken.Kind#END} token. */
    List<CToken> tokenize() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                newline(pos + 1);
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
                pos++;
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
                newline(pos);
            } else if (c == '#' && atLineStart()) {
                directiveLine();
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '/' && peek(1) == '/') {
                lineComment();
            } else {
                token();
            }
        }
        tokens.add(new CToken(CToken.Kind.END, "", position(pos), user, List.copyOf(pendingComments)));
        return tokens;
    }

    /** Returns the macro lines seen, in order. */
    List<MacroLine> macros() {
        return macros;
    }

    private void newline(int next) {
        line++;
        lineStart = next;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private boolean atLineStart() {
        for (int i = lineStart; i < pos; i++) {
            if (!Character.isWhitespace(src.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private SourcePosition position(int at) {
        // GCC starts with '# 0 "<built-in>"', so the line may briefly be 0 or below.
        return new SourcePosition(file, Math.max(0, line), at - lineStart + 1);
    }

    private void directiveLine() {
        int end = src.indexOf('\n', pos);
        if (end < 0) {
            end = src.length();
        }
        String text = src.substring(pos + 1, end).strip();
        SourcePosition where = position(pos);
        if (!text.isEmpty() && Character.isDigit(text.charAt(0)) || text.startsWith("line ")) {
            lineMarker(text.startsWith("line ") ? text.substring(5).strip() : text, end);
            return;
        }
        if (text.startsWith("define ")) {
            defineLine(text.substring(7).strip(), where);
        } else if (text.startsWith("undef ")) {
            macros.add(new MacroLine(text.substring(6).strip(), null, where, user));
        } else if (text.startsWith("pragma ")) {
            String p = text.substring(7).strip();
            if (p.startsWith("pack")) {
                tokens.add(new CToken(CToken.Kind.PRAGMA_PACK, p.substring(4).strip(), where, user, List.of()));
            }
        }
        pos = end;
    }

    /** {@code # 12 "file.h" 1 3}: the next line is line 12 of file.h. */
    private void lineMarker(String text, int end) {
        int sp = 0;
        while (sp < text.length() && Character.isDigit(text.charAt(sp))) {
            sp++;
        }
        // #line 4294967295 is legal C; lines past Integer.MAX_VALUE are clamped (no header is that long).
        int next = sp == 0 ? line : sp > 10 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(text.substring(0, sp)));
        int q = text.indexOf('"', sp);
        if (q >= 0) {
            int close = q + 1;
            StringBuilder name = new StringBuilder();
            while (close < text.length() && text.charAt(close) != '"') {
                char ch = text.charAt(close);
                if (ch == '\\' && close + 1 < text.length()) {
                    close++;
                    ch = text.charAt(close);
                }
                name.append(ch);
                close++;
            }
            // A NUL cannot be in a path (Path.of throws); a marker carrying one names no real file anyway.
            file = Path.of(name.toString().replace('\0', '?'));
            user = isUserFile.test(file);
        }
        // The newline that ends the marker line brings the count to `next`.
        pos = end;
        line = next - 1;
    }

    private void defineLine(String text, SourcePosition where) {
        int i = 0;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        if (i == 0 || i < text.length() && text.charAt(i) == '(') {
            return;
        }
        macros.add(new MacroLine(text.substring(0, i), text.substring(i).strip(), where, user));
    }

    private void blockComment() {
        int start = pos;
        SourcePosition where = position(pos);
        int end = src.indexOf("*/", pos + 2);
        end = end < 0 ? src.length() : end + 2;
        for (int i = pos; i < end; i++) {
            if (src.charAt(i) == '\n') {
                newline(i + 1);
            }
        }
        pos = end;
        comment(src.substring(start, end), where);
    }

    private void lineComment() {
        int end = src.indexOf('\n', pos);
        end = end < 0 ? src.length() : end;
        String text = src.substring(pos, end);
        SourcePosition where = position(pos);
        pos = end;
        if (!GatunDirectiveParser.isDirective(text)) {
            return;
        }
        // A // comment that ends a line of code belongs to that code: "double *x,  // gatun: in".
        CToken last = tokens.isEmpty() ? null : tokens.getLast();
        if (last != null && last.kind() != CToken.Kind.PRAGMA_PACK && last.position().line() == where.line()
                && last.position().file().equals(where.file())) {
            List<CToken.Comment> all = new ArrayList<>(last.directives());
            all.add(new CToken.Comment(text, where));
            tokens.set(tokens.size() - 1, new CToken(last.kind(), last.text(), last.position(), last.userFile(),
                    List.copyOf(all)));
        } else {
            comment(text, where);
        }
    }

    private void comment(String text, SourcePosition where) {
        if (GatunDirectiveParser.isDirective(text)) {
            pendingComments.add(new CToken.Comment(text, where));
        }
    }

    private void token() {
        int start = pos;
        char c = src.charAt(pos);
        CToken.Kind kind;
        if (Character.isLetter(c) || c == '_' || c == '$') {
            while (pos < src.length() && isIdentChar(src.charAt(pos))) {
                pos++;
            }
            if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'')
                    && isEncodingPrefix(src.substring(start, pos))) {
                kind = quoted(src.charAt(pos));
            } else {
                kind = CToken.Kind.IDENTIFIER;
            }
        } else if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
            pos++;
            while (pos < src.length()) {
                char d = src.charAt(pos);
                char prev = src.charAt(pos - 1);
                if (isIdentChar(d) || d == '.' || (d == '+' || d == '-') && "eEpP".indexOf(prev) >= 0) {
                    pos++;
                } else {
                    break;
                }
            }
            kind = CToken.Kind.NUMBER;
        } else if (c == '"' || c == '\'') {
            kind = quoted(c);
        } else {
            kind = CToken.Kind.PUNCT;
            pos++;
            for (String p : PUNCTUATORS) {
                if (src.startsWith(p, start)) {
                    pos = start + p.length();
                    break;
                }
            }
        }
        tokens.add(new CToken(kind, src.substring(start, pos), position(start), user, List.copyOf(pendingComments)));
        pendingComments.clear();
    }

    private CToken.Kind quoted(char quote) {
        pos++;
        while (pos < src.length() && src.charAt(pos) != quote && src.charAt(pos) != '\n') {
            pos += src.charAt(pos) == '\\' ? 2 : 1;
        }
        pos = Math.min(pos + 1, src.length());
        return quote == '"' ? CToken.Kind.STRING : CToken.Kind.CHAR;
    }

    private static boolean isEncodingPrefix(String s) {
        return s.equals("L") || s.equals("u") || s.equals("U") || s.equals("u8");
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
