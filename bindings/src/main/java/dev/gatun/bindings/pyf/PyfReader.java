// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the lines of an f2py signature file into {@link PyfStatement}s.
 *
 * <p>Signature files are free-form Fortran with three twists this reader handles: {@code '''}
 * blocks ({@code usercode}, {@code pymethoddef}, {@code callstatement}) span lines and keep their C
 * text verbatim; {@code callstatement} C code continued with {@code &} keeps its {@code ;} and
 * {@code !}; and elsewhere {@code ;} separates statements and {@code !} starts a comment, outside
 * strings. (f2py once split a {@code ';'} inside a usercode block: its TestMultiline.)
 */
final class PyfReader {

    private static final String TRIPLE = "'''";

    private final Diagnostics diagnostics;
    private final List<PyfStatement> out = new ArrayList<>();
    private final Pending pending = new Pending();
    /** Open parentheses of the statement being read, across continuation lines. */
    private int depth;

    PyfReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The statement being joined from continuation lines, with each character's origin. */
    private static final class Pending {
        final StringBuilder text = new StringBuilder();
        final List<int[]> origins = new ArrayList<>();
        boolean raw;

        void append(String s, int line, int firstColumn) {
            for (int i = 0; i < s.length(); i++) {
                text.append(s.charAt(i));
                origins.add(new int[] {line, firstColumn + i});
            }
        }

        boolean isEmpty() {
            return text.isEmpty();
        }
    }

    List<PyfStatement> read(Path file, List<String> lines) {
        boolean continued = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            int lineNo = i + 1;
            String stripped = raw.strip();
            if (!continued && startsTripleBlock(stripped)) {
                i = tripleBlock(file, lines, i);
                continue;
            }
            int start = raw.length() - raw.stripLeading().length();
            if (continued && start < raw.length() && raw.charAt(start) == '&') {
                start++;
            }
            if (!continued) {
                if (stripped.isEmpty() || stripped.startsWith("!")) {
                    continue;
                }
                pending.raw = keyword(stripped).equals("callstatement");
            }
            continued = appendLine(file, raw, lineNo, start);
        }
        flush(file);
        return out;
    }

    /** Appends one physical line; returns whether it ends with a continuation {@code &}. */
    private boolean appendLine(Path file, String raw, int lineNo, int start) {
        int end = pending.raw ? raw.length() : codeEnd(raw, start);
        String code = raw.substring(start, end);
        int trimmed = code.stripTrailing().length();
        boolean continued = trimmed > 0 && code.charAt(trimmed - 1) == '&';
        code = code.substring(0, continued ? trimmed - 1 : trimmed);
        if (pending.raw) {
            pending.append(code.isEmpty() || pending.isEmpty() ? code : " " + code.strip(), lineNo, start + 1);
            if (!continued) {
                flush(file);
            }
            return continued;
        }
        // Split on ';' outside strings; a statement continued with '&' stays pending.
        int from = 0;
        char quote = 0;
        for (int j = 0; j < code.length(); j++) {
            char c = code.charAt(j);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ';') {
                pending.append(code.substring(from, j), lineNo, start + from + 1);
                flush(file);
                from = j + 1;
            }
        }
        pending.append(code.substring(from), lineNo, start + from + 1);
        if (!continued) {
            flush(file);
        }
        return continued;
    }

    /**
     * Where the code of a line ends: at a {@code !} outside strings and parentheses. Inside parentheses a
     * {@code !} is C's negation or {@code !=} of an f2py {@code check(...)} or default, not a comment.
     */
    private int codeEnd(String line, int start) {
        char quote = 0;
        for (int j = start; j < line.length(); j++) {
            char c = line.charAt(j);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == '!' && depth == 0) {
                return j;
            }
        }
        return line.length();
    }

    private static boolean startsTripleBlock(String stripped) {
        int at = stripped.indexOf(TRIPLE);
        return at > 0 && List.of("usercode", "pymethoddef", "callstatement").contains(keyword(stripped));
    }

    private static String keyword(String stripped) {
        int end = 0;
        while (end < stripped.length() && (Character.isLetterOrDigit(stripped.charAt(end)) || stripped.charAt(end) == '_')) {
            end++;
        }
        return stripped.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** Reads {@code keyword '''...'''} verbatim; returns the index of its last line. */
    private int tripleBlock(Path file, List<String> lines, int first) {
        String line = lines.get(first);
        int open = line.indexOf(TRIPLE);
        String word = line.substring(0, open).strip();
        int column = open + TRIPLE.length();
        var body = new StringBuilder();
        int i = first;
        String rest = line.substring(column);
        while (true) {
            int close = rest.indexOf(TRIPLE);
            if (close >= 0) {
                body.append(rest, 0, close);
                break;
            }
            body.append(rest).append('\n');
            if (++i >= lines.size()) {
                diagnostics.error(new SourcePosition(file, first + 1, open + 1), "the " + word + " block opened here has no closing '''");
                return lines.size() - 1;
            }
            rest = lines.get(i);
        }
        int indent = line.length() - line.stripLeading().length();
        out.add(PyfStatement.block(word, body.toString(), new SourcePosition(file, first + 1, indent + 1)));
        return i;
    }

    private void flush(Path file) {
        String text = pending.text.toString();
        if (!text.isBlank()) {
            int[] ls = new int[text.length()];
            int[] cs = new int[text.length()];
            for (int k = 0; k < text.length(); k++) {
                ls[k] = pending.origins.get(k)[0];
                cs[k] = pending.origins.get(k)[1];
            }
            out.add(new PyfStatement(text, file, ls, cs, null));
        }
        pending.text.setLength(0);
        pending.origins.clear();
        pending.raw = false;
        depth = 0;
    }
}
