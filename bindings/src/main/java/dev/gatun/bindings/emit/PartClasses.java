// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Splits a binding class too large for one class file (javac stops at 65,535 constant-pool entries with
 * {@code too many constants}) into a chain of package-private part classes, as jextract does:
 * {@code Name extends Name_1}, {@code Name_1 extends Name_2}, ..., and the last part holds the native library and
 * the helpers every part uses. Static methods, fields and member types are inherited, so user code keeps writing
 * {@code Name.f()}, {@code Name.CONSTANT}, {@code Name.Point}, and {@code Name.Raw.f()} through
 * {@code Name.Raw extends Name_1.Raw extends ...}. A part sees only the parts above it, so members are laid out by
 * what they use: functions in the first parts, then constants, function-pointer interfaces and structs, and last
 * what everything uses. The sizes are estimated from the emitted text, so the same input gives the same files.
 */
final class PartClasses {

    /**
     * Estimated constant-pool entries ({@link #estimate}) a class may take before it is split. Measured, javac wrote
     * 0.45 to 0.77 entries per estimated one (a synthetic header of small functions; {@code lapacke.h}, whose 2,406
     * functions estimate 50,980 and take 39,085), so a full part stays near 43,000 of the 65,535 a class file holds.
     */
    static final int BUDGET = 56_000;

    /** What a movable piece is, in the order of the parts: each kind uses only its own and the later kinds. */
    enum Kind { FUNCTION, CONSTANT, CALLBACK, STRUCT }

    /**
     * Members that move together, as [from, to) of each section of the single class (fields, friendly methods,
     * nested types, raw methods, holders); pieces of one group (structs held by value) share a part.
     *
     * @param kind  what the members are
     * @param group pieces with equal kind and group go to one part
     * @param from  the section lengths before the members were emitted
     * @param to    the section lengths after
     */
    record Piece(Kind kind, String group, int[] from, int[] to) {
    }

    private static final int FIELDS = 0;
    private static final int FRIENDLY = 1;
    private static final int NESTED = 2;
    private static final int RAW = 3;
    private static final int HOLDERS = 4;

    private final String cls;
    private final int budget;

    PartClasses(String cls, int budget) {
        this.cls = cls;
        this.budget = budget;
    }

    /** The lengths of the sections now: where the next piece starts, or where the last one ended. */
    static int[] mark(CharSequence... sections) {
        int[] at = new int[sections.length];
        for (int i = 0; i < sections.length; i++) {
            at[i] = sections[i].length();
        }
        return at;
    }

    /** Each struct's group: the first-collected struct of the structs linked to it by by-value members. */
    static Map<String, String> byValueGroups(Collection<Type.Struct> structs) {
        var root = new HashMap<String, String>();
        for (Type.Struct s : structs) {
            root.putIfAbsent(s.name(), s.name());
            for (Type.Field f : s.fields()) {
                if (f.type() instanceof Type.Struct inner) {
                    root.putIfAbsent(inner.name(), inner.name());
                    String a = find(root, s.name());
                    String b = find(root, inner.name());
                    if (!a.equals(b)) {
                        root.put(b, a);
                    }
                }
            }
        }
        var out = new HashMap<String, String>();
        structs.forEach(s -> out.put(s.name(), find(root, s.name())));
        return out;
    }

    private static String find(Map<String, String> root, String name) {
        String r = name;
        while (!root.get(r).equals(r)) {
            r = root.get(r);
        }
        return r;
    }

    /**
     * Splits the class if its members or its raw layer would pass the budget.
     *
     * @param preamble    header comment, package and imports
     * @param description the first sentence of the public class's Javadoc
     * @param loaded      the expression loading the native library
     * @param sections    fields, friendly methods, nested types, raw methods and holders of the single class
     * @param pieces      what may move, in emission order
     * @param helpers     the helpers of the last part, given the class declaring them and the prefix reaching the
     *                    binding's methods (empty, or the public class's {@code Name.})
     * @return the sources by simple class name, the public class first; empty when one class holds it all
     */
    Optional<SequencedMap<String, String>> split(String preamble, String description, String loaded, String[] sections,
                                                 List<Piece> pieces, BiFunction<String, String, String> helpers) {
        var groups = new LinkedHashMap<String, List<Piece>>();
        for (Kind kind : Kind.values()) {
            for (Piece p : pieces) {
                if (p.kind() == kind) {
                    groups.computeIfAbsent(kind + " " + p.group(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        // Each group's names and literals: [0] in the part class, [1] in its raw layer.
        var tokens = new LinkedHashMap<String, List<Set<String>>>();
        var all = List.<Set<String>>of(new HashSet<>(), new HashSet<>());
        for (var g : groups.entrySet()) {
            var top = new HashSet<String>();
            var raw = new HashSet<String>();
            for (Piece p : g.getValue()) {
                for (int s : new int[] {FIELDS, FRIENDLY, NESTED, HOLDERS}) {
                    tokens(slice(sections, p, s), top);
                }
                tokens(slice(sections, p, RAW), raw);
            }
            tokens.put(g.getKey(), List.of(top, raw));
            all.get(0).addAll(top);
            all.get(1).addAll(raw);
        }
        String[] last = remainder(sections, pieces);
        var fixed = new HashSet<String>();
        for (int s : new int[] {FIELDS, FRIENDLY, NESTED, HOLDERS}) {
            tokens(last[s], fixed);
        }
        tokens(ClassFrame.INFRASTRUCTURE, fixed);
        tokens(helpers.apply(cls, ""), fixed);
        var lastRaw = tokens(last[RAW], new HashSet<>());
        all.get(0).addAll(fixed);
        all.get(1).addAll(lastRaw);
        if (estimate(all.get(0)) <= budget && estimate(all.get(1)) <= budget) {
            return Optional.empty();
        }
        return Optional.of(render(preamble, description, loaded, sections, groups, pack(tokens), last, helpers));
    }

    /** Greedy, in order: a part takes groups while both of its classes stay within the budget. */
    private List<List<String>> pack(Map<String, List<Set<String>>> tokens) {
        var parts = new ArrayList<List<String>>();
        List<Set<String>> used = List.of();
        int[] estimates = new int[2];
        for (var g : tokens.entrySet()) {
            var top = g.getValue().get(0);
            var raw = g.getValue().get(1);
            if (used.isEmpty() || grown(used.get(0), estimates[0], top) > budget || grown(used.get(1), estimates[1], raw) > budget) {
                parts.add(new ArrayList<>());
                used = List.of(new HashSet<>(), new HashSet<>());
                estimates = new int[2];
            }
            parts.getLast().add(g.getKey());
            estimates[0] = grown(used.get(0), estimates[0], top);
            estimates[1] = grown(used.get(1), estimates[1], raw);
            used.get(0).addAll(top);
            used.get(1).addAll(raw);
        }
        return parts;
    }

    /** The public class, the parts holding the groups as packed, and the last part holding the rest. */
    private SequencedMap<String, String> render(String preamble, String description, String loaded, String[] sections,
                                                Map<String, List<Piece>> groups, List<List<String>> parts, String[] last,
                                                BiFunction<String, String, String> helpers) {
        String prefix = partPrefix(String.join("", sections));
        int n = parts.size();
        String base = prefix + (n + 1);
        // The first part with a raw layer is the one the public Raw extends; each part's Raw extends the next one's.
        var rawParts = new ArrayList<Integer>();
        var bodies = new ArrayList<String[]>();
        for (int i = 0; i < n; i++) {
            String[] body = new String[5];
            for (int s = 0; s < 5; s++) {
                var sb = new StringBuilder();
                for (String key : parts.get(i)) {
                    for (Piece p : groups.get(key)) {
                        sb.append(slice(sections, p, s));
                    }
                }
                body[s] = sb.toString();
            }
            bodies.add(body);
            if (!body[RAW].isEmpty()) {
                rawParts.add(i + 1);
            }
        }
        if (!last[RAW].isEmpty()) {
            rawParts.add(n + 1);
        }
        var out = new LinkedHashMap<String, String>();
        out.put(cls, publicClass(preamble, description, rawParts.isEmpty() ? null : prefix + rawParts.getFirst(), prefix + 1));
        for (int i = 1; i <= n; i++) {
            int next = rawParts.indexOf(i) + 1;
            String rawSuper = next > 0 && next < rawParts.size() ? prefix + rawParts.get(next) : null;
            out.put(prefix + i, part(preamble, prefix + i, prefix + (i + 1), i, n + 1, bodies.get(i - 1), rawSuper));
        }
        out.put(base, lastPart(preamble, base, loaded, n + 1, last, helpers.apply(base, cls + ".")));
        return out;
    }

    private static String slice(String[] sections, Piece p, int section) {
        return sections[section].substring(p.from()[section], p.to()[section]);
    }

    /** The sections without the pieces: what stays in the last part. */
    private static String[] remainder(String[] sections, List<Piece> pieces) {
        String[] out = new String[sections.length];
        for (int s = 0; s < sections.length; s++) {
            var sb = new StringBuilder();
            int at = 0;
            for (Piece p : pieces) {
                sb.append(sections[s], at, p.from()[s]);
                at = p.to()[s];
            }
            sb.append(sections[s], at, sections[s].length());
            out[s] = sb.toString();
        }
        return out;
    }

    private static final Pattern DECLARED_TYPE = Pattern.compile("\\b(?:class|interface|record|enum) ([\\w$]+)");

    /**
     * {@code Name_}, or {@code Name__} (and so on) where a nested type of the bindings already has a name of the
     * form {@code Name_<n>}: that type would hide the part class in the other parts' {@code extends} clauses.
     */
    private String partPrefix(String text) {
        Set<String> declared = new HashSet<>();
        DECLARED_TYPE.matcher(text).results().forEach(m -> declared.add(m.group(1)));
        String prefix = cls + "_";
        while (true) {
            String p = prefix;
            if (declared.stream().noneMatch(d -> d.startsWith(p) && d.length() > p.length() && d.substring(p.length()).chars().allMatch(Character::isDigit))) {
                return prefix;
            }
            prefix += "_";
        }
    }

    private String publicClass(String preamble, String description, String firstRaw, String first) {
        return """
                %s
                /**
                 * %s
                 *
                 * <p>The static methods of this class take Gatun arrays and Java values, infer extents from
                 * array shapes and check every argument before the native call. {@link Raw} holds the
                 * downcall handles and methods that take the native arguments as they are.
                 *
                 * <p>The library is too large for one class file: its members are declared in the part classes
                 * {@code %s} and above, and inherited here, so they are used as members of this class.
                 */
                public final class %s extends %s {

                    private %s() {
                    }

                    /** The raw layer: one downcall handle per native symbol, arguments as the C ABI sees them. */
                    public static final class Raw%s {

                        private Raw() {
                        }
                    }
                }
                """.formatted(preamble, description, first, cls, first, cls, firstRaw == null ? "" : " extends " + firstRaw + ".Raw");
    }

    private String part(String preamble, String name, String superclass, int index, int count, String[] body, String rawSuper) {
        String raw = body[RAW].isEmpty() ? "" : """

                    /** Part %d of the raw layer {@link %s.Raw}. */
                    static class Raw%s {

                        Raw() {
                        }
                %s    }
                """.formatted(index, cls, rawSuper == null ? "" : " extends " + rawSuper + ".Raw", body[RAW]);
        return """
                %s
                /** Part %d of %d of {@link %s}: members one class file cannot hold with the others. */
                @SuppressWarnings("restricted") // upcall stubs for callbacks; native access is the point of this class
                class %s extends %s {
                %s
                    %s() {
                    }
                %s%s%s%s}
                """.formatted(preamble, index, count, cls, name, superclass, body[FIELDS], name, body[FRIENDLY], body[NESTED], raw,
                body[HOLDERS]);
    }

    /** The last part: the native library, what could not move, and the helpers, package-private for the other parts. */
    private String lastPart(String preamble, String name, String loaded, int count, String[] body, String helpers) {
        String raw = body[RAW].isEmpty() ? "" : """

                    /** Part %d of the raw layer {@link %s.Raw}. */
                    static class Raw {

                        Raw() {
                        }
                %s    }
                """.formatted(count, cls, body[RAW]);
        return """
                %s
                /** Part %d of %d of {@link %s}: the native library and the helpers every part uses. */
                @SuppressWarnings("restricted") // upcall stubs for callbacks; native access is the point of this class
                class %s {

                    static final NativeLibrary LIBRARY = %s;
                %s
                    %s() {
                    }
                %s%s%s%s%s%s}
                """.formatted(preamble, count, count, cls, name, loaded, shared(body[FIELDS]), name, shared(body[FRIENDLY]), body[NESTED], raw,
                body[HOLDERS], shared(ClassFrame.INFRASTRUCTURE.formatted(name)), shared(helpers));
    }

    private static final Pattern PRIVATE_MEMBER = Pattern.compile("(?m)^    private static ");

    /**
     * Top-level members made package-private, for the parts below; a type-bound procedure's dispatching method too,
     * which its handle class calls as {@code Name.dispatch$...}: a private method is not inherited by {@code Name}.
     */
    private static String shared(String members) {
        return PRIVATE_MEMBER.matcher(members).replaceAll("    static ");
    }

    private static final Set<String> KEYWORDS = Set.of("public", "private", "static", "final", "class", "interface", "record",
            "return", "new", "try", "catch", "finally", "if", "else", "for", "throw", "throws", "void", "int", "long", "double",
            "float", "short", "byte", "char", "boolean", "var", "null", "true", "false", "this", "extends", "case", "default",
            "switch", "yield", "instanceof", "import", "package");

    /**
     * An upper estimate of the constant-pool entries of a class whose code holds these tokens ({@link #tokens}):
     * three per name or literal, two more per name called or declared as a method (its reference and descriptor).
     */
    static int estimate(Set<String> tokens) {
        int entries = 0;
        for (String t : tokens) {
            entries += weight(t);
        }
        return entries;
    }

    private static int weight(String token) {
        return token.endsWith("(") ? 2 : 3;
    }

    /** The estimate of a part class's pool with a group's tokens added, without adding them. */
    private static int grown(Set<String> part, int estimate, Set<String> group) {
        int entries = estimate;
        for (String t : group) {
            if (!part.contains(t)) {
                entries += weight(t);
            }
        }
        return entries;
    }

    /**
     * Adds the names and literals of a slice of generated code to {@code out}, comments and Javadoc excluded, and
     * {@code name(} for each name followed by an argument list.
     */
    static Set<String> tokens(String text, Set<String> out) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != '"') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(text.substring(i, Math.min(n, j + 1)));
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isJavaIdentifierPart(text.charAt(j)) || text.charAt(j) == '.' && Character.isDigit(c))) {
                    j++;
                }
                String token = text.substring(i, j);
                if (!KEYWORDS.contains(token)) {
                    out.add(token);
                    if (j < n && text.charAt(j) == '(') {
                        out.add(token + "(");
                    }
                }
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }
}
