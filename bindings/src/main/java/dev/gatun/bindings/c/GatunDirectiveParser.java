// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.StatusRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the text of a {@code gatun:} comment into {@link CDirective}s.
 *
 * <p>Two forms: inside a parameter list the comment applies to the parameter it sits in
 * (<code>double *x /* gatun: in, dimension(n) *&#47;</code>); before a prototype each clause starts with
 * the parameter it applies to, clauses separated by {@code ;}
 * ({@code // gatun: a dimension(n,m) intent(inout); n hide}). Unknown words are reported, not thrown.
 * A clause starting with {@code status(...)} is no parameter's: it is a library-wide {@link StatusRule}, collected
 * in {@link #statusRules()}.
 */
final class GatunDirectiveParser {

    /** The marker that makes a comment a directive. */
    static final String MARKER = "gatun:";

    private static final String KNOWN = "in, out, inout, hide, intent(...), dimension(...), depend(...), "
            + "check(...), order(c|fortran), device, retain";

    private final Diagnostics diagnostics;
    private final List<StatusRule> statusRules = new ArrayList<>();

    GatunDirectiveParser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Returns true when the comment text is a gatun directive. */
    static boolean isDirective(String comment) {
        return comment.contains(MARKER);
    }

    /** Returns true when the directive is a {@code status(...)} rule rather than a parameter's. */
    static boolean isStatusRule(String comment) {
        int at = comment.indexOf(MARKER);
        return at >= 0 && comment.substring(at + MARKER.length()).stripLeading().matches("(?s)status\\s*\\(.*");
    }

    /**
     * Parses a comment written inside a parameter: every item applies to that parameter.
     *
     * @param comment the whole comment, delimiters included
     * @param start   where the comment starts
     */
    List<CDirective> parseInline(String comment, SourcePosition start) {
        List<CDirective> out = new ArrayList<>();
        for (Item item : items(comment, start, comment.indexOf(MARKER) + MARKER.length(), comment.length())) {
            directive(item, comment, start, out);
        }
        return out;
    }

    /**
     * Parses a comment written before a prototype: each {@code ;}-separated clause names its parameter first.
     *
     * @param comment the whole comment, delimiters included
     * @param start   where the comment starts
     * @return directives per parameter name, in the order written
     */
    Map<String, List<CDirective>> parseLeading(String comment, SourcePosition start) {
        Map<String, List<CDirective>> out = new LinkedHashMap<>();
        int from = comment.indexOf(MARKER) + MARKER.length();
        int end = bodyEnd(comment);
        while (from < end) {
            int semi = clauseEnd(comment, from, end);
            List<Item> items = items(comment, start, from, semi);
            if (!items.isEmpty()) {
                Item target = items.getFirst();
                if (target.word().equals("status") && target.args() != null) {
                    status(items, comment, start);
                } else if (target.args() != null || !isIdentifier(target.word())) {
                    diagnostics.warning(at(start, comment, target.offset()), "gatun directive before a prototype "
                            + "must start with the parameter it applies to, e.g. 'gatun: x dimension(n)'; got '"
                            + target.word() + "'");
                } else {
                    List<CDirective> list = out.computeIfAbsent(target.word(), k -> new ArrayList<>());
                    for (Item item : items.subList(1, items.size())) {
                        directive(item, comment, start, list);
                    }
                }
            }
            from = semi + 1;
        }
        return out;
    }

    /** Returns the {@code status(...)} rules read so far, in the order written. @return the rules */
    List<StatusRule> statusRules() {
        return List.copyOf(statusRules);
    }

    /**
     * Reads {@code status(globs) param(name) ok(values) names(globs) message(function)}: a library-wide rule, not a parameter's
     * directive. A clause without function patterns is reported and dropped.
     */
    private void status(List<Item> items, String comment, SourcePosition start) {
        SourcePosition pos = at(start, comment, items.getFirst().offset());
        List<String> functions = splitArgs(items.getFirst().args());
        List<String> ok = List.of();
        List<String> names = List.of();
        Optional<String> message = Optional.empty();
        Optional<String> parameter = Optional.empty();
        for (Item item : items.subList(1, items.size())) {
            List<String> args = item.args() == null ? List.of() : splitArgs(item.args());
            switch (item.word()) {
                case "ok" -> ok = args;
                case "names" -> names = args;
                case "message" -> {
                    if (args.size() == 1 && isIdentifier(args.getFirst())) {
                        message = Optional.of(args.getFirst());
                    } else {
                        diagnostics.warning(at(start, comment, item.offset()), "gatun directive 'message' takes one function "
                                + "name, e.g. message(nc_strerror); got '" + (item.args() == null ? "" : item.args()) + "'");
                    }
                }
                case "param" -> {
                    if (args.size() == 1 && isIdentifier(args.getFirst())) {
                        parameter = Optional.of(args.getFirst());
                    } else {
                        diagnostics.warning(at(start, comment, item.offset()), "gatun directive 'param' takes the name of the "
                                + "int * parameter that receives the status, e.g. param(status); got '"
                                + (item.args() == null ? "" : item.args()) + "'");
                    }
                }
                default -> diagnostics.warning(at(start, comment, item.offset()), "unknown word '" + item.word()
                        + "' in a gatun status directive (known: status(functions) param(name) ok(values) names(constants) "
                        + "message(function)); it is ignored");
            }
        }
        functions = functions.stream().filter(f -> !f.isEmpty()).toList();
        if (functions.isEmpty()) {
            diagnostics.warning(pos, "gatun directive 'status' needs function patterns, e.g. status(nc_*); it is ignored");
            return;
        }
        if (parameter.isPresent() && ok.equals(List.of(StatusRule.NON_NEGATIVE))) {
            diagnostics.warning(pos, "gatun status directive: ok(>= 0) is for statuses returned as results, not through param("
                    + parameter.get() + "); write ok(0) or the successful values; the directive is ignored");
            return;
        }
        statusRules.add(new StatusRule(functions, ok, names, message, parameter, pos));
    }

    private void directive(Item item, String comment, SourcePosition start, List<CDirective> out) {
        SourcePosition pos = at(start, comment, item.offset());
        String word = item.word().toLowerCase(Locale.ROOT);
        List<String> args = item.args() == null ? List.of() : splitArgs(item.args());
        switch (word) {
            case "in", "out", "inout", "hide" -> {
                noArgs(item, pos);
                out.add(new CDirective.Intent(Set.of(CDirective.IntentFlag.valueOf(word.toUpperCase(Locale.ROOT))),
                        pos));
            }
            case "intent" -> intent(args, pos, out);
            case "dimension" -> {
                if (args.isEmpty()) {
                    diagnostics.warning(pos, "gatun directive 'dimension' needs extents, e.g. dimension(n) or "
                            + "dimension(n,m)");
                } else {
                    out.add(new CDirective.Dimension(args, pos));
                }
            }
            case "depend" -> out.add(new CDirective.Depend(args, pos));
            case "check" -> {
                if (item.args() == null || item.args().isBlank()) {
                    diagnostics.warning(pos, "gatun directive 'check' needs a condition, e.g. check(n > 0)");
                } else {
                    out.add(new CDirective.Check(item.args().strip(), pos));
                }
            }
            case "order" -> {
                String o = args.size() == 1 ? args.getFirst().toLowerCase(Locale.ROOT) : "";
                switch (o) {
                    case "c" -> out.add(new CDirective.Order(CDirective.ArrayOrder.C, pos));
                    case "fortran", "f" -> out.add(new CDirective.Order(CDirective.ArrayOrder.FORTRAN, pos));
                    default -> diagnostics.warning(pos, "gatun directive 'order' takes c or fortran, got '"
                            + (item.args() == null ? "" : item.args()) + "'");
                }
            }
            case "device" -> {
                noArgs(item, pos);
                out.add(new CDirective.Device(pos));
            }
            case "retain" -> {
                noArgs(item, pos);
                out.add(new CDirective.Retain(pos));
            }
            default -> diagnostics.warning(pos, "unknown gatun directive '" + item.word() + "' (known: " + KNOWN
                    + "); it is ignored");
        }
    }

    private void intent(List<String> args, SourcePosition pos, List<CDirective> out) {
        Set<CDirective.IntentFlag> flags = EnumSet.noneOf(CDirective.IntentFlag.class);
        for (String a : args) {
            try {
                flags.add(CDirective.IntentFlag.valueOf(a.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                diagnostics.warning(pos, "unknown intent '" + a + "'; use in, out, inout, hide or c");
            }
        }
        if (flags.isEmpty()) {
            diagnostics.warning(pos, "gatun directive 'intent' needs flags, e.g. intent(in) or intent(in,out)");
        } else {
            out.add(new CDirective.Intent(flags, pos));
        }
    }

    private void noArgs(Item item, SourcePosition pos) {
        if (item.args() != null) {
            diagnostics.warning(pos, "gatun directive '" + item.word() + "' takes no arguments; '("
                    + item.args() + ")' is ignored");
        }
    }

    /** One word with its optional parenthesised argument text, and its offset in the comment. */
    private record Item(String word, String args, int offset) {
    }

    private List<Item> items(String s, SourcePosition commentStart, int from, int end) {
        end = Math.min(end, bodyEnd(s));
        List<Item> out = new ArrayList<>();
        int i = from;
        while (i < end) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
                continue;
            }
            int start = i;
            while (i < end && isWordChar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                diagnostics.warning(at(commentStart, s, start), "unexpected '" + c + "' in gatun directive");
                i++;
                continue;
            }
            String word = s.substring(start, i);
            int j = i;
            while (j < end && s.charAt(j) == ' ') {
                j++;
            }
            String args = null;
            if (j < end && s.charAt(j) == '(') {
                int close = matchParen(s, j, end);
                args = s.substring(j + 1, close);
                i = Math.min(close + 1, end);
            }
            out.add(new Item(word, args, start));
        }
        return out;
    }

    private static int matchParen(String s, int open, int end) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            if (s.charAt(i) == '(') {
                depth++;
            } else if (s.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return end;
    }

    private static int clauseEnd(String s, int from, int end) {
        int depth = 0;
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ';' && depth <= 0) {
                return i;
            }
        }
        return end;
    }

    private static List<String> splitArgs(String args) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(args.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = args.substring(start).strip();
        if (!last.isEmpty() || !out.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    /** Returns where the comment's text ends: before a closing delimiter. */
    private static int bodyEnd(String comment) {
        return comment.startsWith("/*") && comment.endsWith("*/") ? comment.length() - 2 : comment.length();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isIdentifier(String w) {
        return !w.isEmpty() && (Character.isLetter(w.charAt(0)) || w.charAt(0) == '_');
    }

    /** The comment whose line starts {@link #lineStarts} holds: one directive comment is parsed at a time. */
    private String indexedComment;
    /** Offsets in {@link #indexedComment} just after each newline, ascending. */
    private int[] lineStarts;

    /**
     * Returns the position of an offset within a comment that starts at {@code start}. The comment's newlines are
     * indexed once, so a comment with thousands of items (or of warnings) costs a binary search per position, not
     * a scan from its start.
     */
    SourcePosition at(SourcePosition start, String comment, int offset) {
        if (comment != indexedComment) {
            int count = 0;
            for (int i = 0; i < comment.length(); i++) {
                if (comment.charAt(i) == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            for (int i = 0, k = 0; i < comment.length(); i++) {
                if (comment.charAt(i) == '\n') {
                    starts[k++] = i + 1;
                }
            }
            indexedComment = comment;
            lineStarts = starts;
        }
        int clamped = Math.max(0, Math.min(offset, comment.length()));
        // Lines before the offset: how many line starts are <= it.
        int lines = java.util.Arrays.binarySearch(lineStarts, clamped);
        lines = lines >= 0 ? lines + 1 : -lines - 1;
        if (lines == 0) {
            return new SourcePosition(start.file(), start.line(), start.column() + clamped);
        }
        return new SourcePosition(start.file(), start.line() + lines, 1 + clamped - lineStarts[lines - 1]);
    }
}
