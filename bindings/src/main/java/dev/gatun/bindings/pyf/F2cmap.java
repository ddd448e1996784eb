// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An f2py kind map ({@code .f2py_f2cmap}): a Python dict literal from Fortran type to kind name to C
 * type, {@code {'real': {'sp': 'float', 'dp': 'double'}, 'integer': {'i8': 'long_long'}}}, or the
 * same written with {@code dict(real=dict(sp='float'))}. Only that literal subset is read (f2py
 * evaluates the file as Python; nothing here executes anything).
 *
 * <p>Gatun uses it where f2py does: for kind names it cannot evaluate itself, such as a kind
 * constant of a module whose source is not given. A kind the sources define wins over the map,
 * because the compiled code uses the real kind.
 *
 * @param types Fortran type ({@code real}, {@code integer}, {@code complex}, {@code logical}) to kind
 *              name to C type name, all lower case
 * @param file  where it was read from
 */
public record F2cmap(Map<String, Map<String, String>> types, Path file) {

    /** f2py's C type names and their size in bytes (for complex: of one component), gfortran's kind. */
    private static final Map<String, Long> C_KINDS = Map.ofEntries(
            Map.entry("char", 1L), Map.entry("signed_char", 1L), Map.entry("unsigned_char", 1L), Map.entry("short", 2L),
            Map.entry("unsigned_short", 2L), Map.entry("int", 4L), Map.entry("unsigned", 4L), Map.entry("long", 8L),
            Map.entry("long_long", 8L), Map.entry("unsigned_long_long", 8L), Map.entry("float", 4L), Map.entry("double", 8L),
            Map.entry("long_double", 16L), Map.entry("complex_float", 4L), Map.entry("complex_double", 8L),
            Map.entry("complex_long_double", 16L), Map.entry("string", 1L), Map.entry("bool", 1L));

    /** An empty map. */
    public static final F2cmap EMPTY = new F2cmap(Map.of(), Path.of("<none>"));

    /** Validates and copies the components. */
    public F2cmap {
        var copy = new LinkedHashMap<String, Map<String, String>>();
        types.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        types = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Reads a kind map file; errors are reported as {@code file:line:col} and give an empty map.
     *
     * @param file        the file
     * @param diagnostics where errors go
     * @return the map
     */
    public static F2cmap read(Path file, Diagnostics diagnostics) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.error(new SourcePosition(file, 0, 0), "cannot read the f2cmap file: " + e);
            return EMPTY;
        }
        return parse(file, text, diagnostics);
    }

    /**
     * Parses kind-map text.
     *
     * @param file        the name to report
     * @param text        the dict literal
     * @param diagnostics where errors go
     * @return the map, empty on errors
     */
    public static F2cmap parse(Path file, String text, Diagnostics diagnostics) {
        var reader = new LiteralReader(file, text);
        try {
            Object value = reader.value();
            reader.skipBlanks();
            if (!reader.atEnd()) {
                throw reader.error("unexpected text after the dict");
            }
            if (!(value instanceof Map<?, ?> outer)) {
                throw reader.error("expected a dict such as {'real': {'sp': 'float'}}");
            }
            var types = new LinkedHashMap<String, Map<String, String>>();
            for (var e : outer.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> inner)) {
                    throw reader.error("the value for '" + e.getKey() + "' must be a dict of kind name to C type");
                }
                var kinds = new LinkedHashMap<String, String>();
                for (var k : inner.entrySet()) {
                    if (!(k.getValue() instanceof String cType)) {
                        throw reader.error("the C type for kind '" + k.getKey() + "' must be a string");
                    }
                    kinds.put(((String) k.getKey()).toLowerCase(Locale.ROOT), cType.toLowerCase(Locale.ROOT));
                }
                types.put(((String) e.getKey()).toLowerCase(Locale.ROOT), kinds);
            }
            return new F2cmap(types, file);
        } catch (LiteralReader.LiteralError e) {
            diagnostics.error(e.position, e.getMessage());
            return EMPTY;
        }
    }

    /**
     * Returns the kind value of each mapped kind name (gfortran's convention: bytes), for the frontends'
     * named constants. Unknown C types and a name mapped to two different sizes are reported.
     *
     * @param diagnostics where problems go
     * @return kind name to kind value
     */
    public Map<String, Long> kindNames(Diagnostics diagnostics) {
        var out = new LinkedHashMap<String, Long>();
        types.forEach((type, kinds) -> kinds.forEach((name, cType) -> {
            Long kind = C_KINDS.get(cType);
            SourcePosition at = new SourcePosition(file, 1, 1);
            if (kind == null) {
                diagnostics.warning(at, "f2cmap: '" + type + "(kind=" + name + ")' maps to unknown C type '" + cType
                        + "'; expected one of " + new java.util.TreeSet<>(C_KINDS.keySet()));
                return;
            }
            Long earlier = out.putIfAbsent(name, kind);
            if (earlier != null && !earlier.equals(kind)) {
                diagnostics.warning(at, "f2cmap: kind '" + name + "' maps to " + earlier + " bytes for one type and " + kind
                        + " for '" + type + "'; using " + earlier);
            }
        }));
        return out;
    }

    /** Reads the Python literal subset: dicts ({@code {}} or {@code dict(k=v)}) and strings. */
    private static final class LiteralReader {
        private final Path file;
        private final String text;
        private int at;

        LiteralReader(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        static final class LiteralError extends RuntimeException {
            private static final long serialVersionUID = 1L;
            final transient SourcePosition position;

            LiteralError(SourcePosition position, String message) {
                super(message, null, false, false);
                this.position = position;
            }
        }

        LiteralError error(String message) {
            int line = 1;
            int col = 1;
            for (int i = 0; i < Math.min(at, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new LiteralError(new SourcePosition(file, line, col), "f2cmap: " + message);
        }

        boolean atEnd() {
            return at >= text.length();
        }

        void skipBlanks() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '#') {
                    while (at < text.length() && text.charAt(at) != '\n') {
                        at++;
                    }
                } else if (Character.isWhitespace(c)) {
                    at++;
                } else {
                    return;
                }
            }
        }

        boolean accept(char c) {
            skipBlanks();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void expect(char c, String context) {
            if (!accept(c)) {
                throw error("expected '" + c + "' " + context);
            }
        }

        Object value() {
            skipBlanks();
            if (accept('{')) {
                var map = new LinkedHashMap<String, Object>();
                while (!accept('}')) {
                    String key = string();
                    expect(':', "after the key '" + key + "'");
                    map.put(key, value());
                    if (!accept(',')) {
                        expect('}', "to close the dict");
                        break;
                    }
                }
                return map;
            }
            if (text.startsWith("dict", at)) {
                at += 4;
                expect('(', "after 'dict'");
                var map = new LinkedHashMap<String, Object>();
                while (!accept(')')) {
                    String key = name();
                    expect('=', "after the keyword '" + key + "'");
                    map.put(key, value());
                    if (!accept(',')) {
                        expect(')', "to close dict(...)");
                        break;
                    }
                }
                return map;
            }
            return string();
        }

        String name() {
            skipBlanks();
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            if (start == at) {
                throw error("expected a name");
            }
            return text.substring(start, at);
        }

        String string() {
            skipBlanks();
            if (at >= text.length() || (text.charAt(at) != '\'' && text.charAt(at) != '"')) {
                throw error("expected a quoted string");
            }
            char quote = text.charAt(at++);
            int start = at;
            while (at < text.length() && text.charAt(at) != quote) {
                at++;
            }
            if (at >= text.length()) {
                throw error("string is not closed");
            }
            return text.substring(start, at++);
        }
    }
}
