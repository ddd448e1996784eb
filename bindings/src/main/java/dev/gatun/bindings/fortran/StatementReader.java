// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Fortran source lines into {@link Statement}s: joins continuation lines ({@code &} in free
 * form, column 6 in fixed form), drops comments (but not a {@code !} inside a string), splits on
 * {@code ;}, expands {@code include 'file'} and keeps f2py directive comments ({@code !f2py},
 * {@code Cf2py}, {@code cf2py}, {@code *f2py}) as statements.
 */
final class StatementReader {

    private static final Pattern INCLUDE = Pattern.compile("(?i)\\s*include\\s*(['\"])(.*)\\1\\s*");
    private static final int MAX_INCLUDE_DEPTH = 16;

    private final Diagnostics diagnostics;
    private final List<Statement> out = new ArrayList<>();

    // The statement being assembled, with the origin of each character.
    private final StringBuilder text = new StringBuilder();
    private int[] lines = new int[128];
    private int[] columns = new int[128];
    private Path currentFile;
    private boolean currentDirective;
    private boolean currentFixed;

    StatementReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Reads a file (and what it includes) into statements. */
    List<Statement> read(Path file, List<String> fileLines, SourceForm form) {
        readLines(file, fileLines, form, 0);
        flush();
        return out;
    }

    private void readLines(Path file, List<String> fileLines, SourceForm form, int depth) {
        for (int i = 0; i < fileLines.size(); i++) {
            String raw = fileLines.get(i);
            int lineNo = i + 1;
            if (form == SourceForm.FIXED) {
                readFixedLine(file, raw, lineNo, depth);
            } else {
                readFreeLine(file, raw, lineNo, depth);
            }
        }
    }

    private void readFreeLine(Path file, String raw, int lineNo, int depth) {
        String stripped = raw.stripLeading();
        int indent = raw.length() - stripped.length();
        boolean directive = false;
        int start = indent;
        if (stripped.regionMatches(true, 0, "!f2py", 0, 5)) {
            directive = true;
            start = indent + 5;
        } else if (stripped.startsWith("!") || stripped.isEmpty()) {
            return;
        }
        String code = raw.substring(0, codeEnd(raw, start));
        int end = code.length();
        while (end > start && Character.isWhitespace(code.charAt(end - 1))) {
            end--;
        }
        boolean continued = end > start && code.charAt(end - 1) == '&';
        if (continued) {
            end--;
        }
        boolean continuing = text.length() > 0 && pendingContinuation;
        if (!continuing) {
            flush();
            currentDirective = directive;
            currentFixed = false;
        }
        int from = start;
        while (from < end && Character.isWhitespace(code.charAt(from))) {
            from++;
        }
        if (continuing && from < end && code.charAt(from) == '&') {
            from++;
        }
        if (!continuing && tryInclude(file, code.substring(from, end), lineNo, from + 1, depth, SourceForm.FREE)) {
            return;
        }
        appendSegment(file, code, from, end, lineNo);
        pendingContinuation = continued;
    }

    private boolean pendingContinuation;

    private void readFixedLine(Path file, String raw, int lineNo, int depth) {
        if (raw.isBlank()) {
            return;
        }
        String line = raw.length() > 72 ? raw.substring(0, 72) : raw;
        boolean directive = false;
        if (line.startsWith("\t")) {
            // Tab format: a digit after the tab marks a continuation line.
            boolean cont = line.length() > 1 && line.charAt(1) >= '1' && line.charAt(1) <= '9';
            processFixedCode(file, line, cont ? 2 : 1, cont, lineNo, depth, false);
            return;
        }
        char first = line.charAt(0);
        if (first == 'c' || first == 'C' || first == '*' || first == '!') {
            if (line.length() >= 5 && line.substring(1, 5).equalsIgnoreCase("f2py")) {
                directive = true;
            } else {
                return;
            }
        }
        if (!directive && line.stripLeading().startsWith("!")) {
            return;
        }
        boolean cont = line.length() > 5 && line.charAt(5) != ' ' && line.charAt(5) != '0';
        processFixedCode(file, line, Math.min(6, line.length()), cont, lineNo, depth, directive);
    }

    private void processFixedCode(Path file, String line, int start, boolean cont, int lineNo, int depth, boolean directive) {
        int end = codeEnd(line, start);
        if (!cont) {
            flush();
            currentDirective = directive;
            currentFixed = true;
            String code = line.substring(start, end);
            if (tryInclude(file, code, lineNo, start + 1, depth, SourceForm.FIXED)) {
                return;
            }
        }
        appendSegment(file, line, start, end, lineNo);
    }

    /** Returns the index where the code ends: at a {@code !} that is outside a string, or the end. */
    private static int codeEnd(String line, int start) {
        char quote = 0;
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '!') {
                return i;
            }
        }
        return line.length();
    }

    private boolean tryInclude(Path file, String code, int lineNo, int column, int depth, SourceForm form) {
        Matcher m = INCLUDE.matcher(code);
        if (!m.matches()) {
            return false;
        }
        SourcePosition where = new SourcePosition(file, lineNo, column);
        Path parent = file.toAbsolutePath().getParent();
        Path included = parent == null ? Path.of(m.group(2)) : parent.resolve(m.group(2));
        if (depth >= MAX_INCLUDE_DEPTH) {
            diagnostics.error(where, "include nesting deeper than " + MAX_INCLUDE_DEPTH + " levels; is '" + m.group(2) + "' including itself?");
            return true;
        }
        try {
            List<String> content = Files.readAllLines(included, StandardCharsets.UTF_8);
            Path shown = file.getParent() == null ? Path.of(m.group(2)) : file.getParent().resolve(m.group(2));
            readLines(shown, content, SourceForm.detect(included, content) == SourceForm.FREE ? SourceForm.FREE : form, depth + 1);
            flush();
        } catch (IOException e) {
            diagnostics.error(where, "cannot read included file '" + m.group(2) + "': " + e.getMessage());
        }
        return true;
    }

    private void appendSegment(Path file, String line, int from, int to, int lineNo) {
        currentFile = file;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == ';' && !insideString()) {
                flush();
                continue;
            }
            if (text.length() == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
                columns = Arrays.copyOf(columns, columns.length * 2);
            }
            lines[text.length()] = lineNo;
            columns[text.length()] = i + 1;
            text.append(c == '\t' ? ' ' : c);
        }
    }

    private boolean insideString() {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            }
        }
        return quote != 0;
    }

    private void flush() {
        pendingContinuation = false;
        if (!text.toString().isBlank()) {
            // Trim leading blanks but keep the character-to-position mapping aligned.
            int lead = 0;
            while (Character.isWhitespace(text.charAt(lead))) {
                lead++;
            }
            int end = text.length();
            while (Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            out.add(new Statement(text.substring(lead, end), currentFile, Arrays.copyOfRange(lines, lead, end),
                    Arrays.copyOfRange(columns, lead, end), currentDirective, currentFixed));
        }
        text.setLength(0);
    }

    /** Returns the lower-cased text, for keyword tests that ignore case. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
