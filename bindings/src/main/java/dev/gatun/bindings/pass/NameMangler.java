package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives procedures and parameters Java names: {@code my_sum} becomes {@code mySum}, Fortran's
 * upper case is folded ({@code FIB} becomes {@code fib}), and Java keywords get a trailing
 * underscore. Two procedures mapping to one Java name are an error naming both.
 */
public final class NameMangler {

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
            "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
            "null", "var", "record", "yield", "sealed", "permits", "when", "_");

    private final Annotations notes;
    private final Diagnostics diagnostics;

    NameMangler(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    void run(Library library) {
        Map<String, Procedure> taken = new HashMap<>();
        for (Procedure proc : library.procedures()) {
            if (notes.get(proc, Notes.Unsupported.class).isPresent()) {
                continue;
            }
            String name = javaName(proc.name(), false);
            Procedure previous = taken.putIfAbsent(name, proc);
            if (previous != null) {
                diagnostics.error(proc.position(), "procedure '" + proc.name() + "' and '" + previous.name() + "' (at "
                        + previous.position() + ") both become Java method '" + name + "'; rename one or bind them in separate libraries");
            }
            notes.put(proc, new Notes.JavaName(name));
            for (Parameter p : proc.parameters()) {
                notes.put(p, new Notes.JavaName(javaName(p.name(), false)));
            }
        }
    }

    /**
     * Converts a Fortran or C name to a Java identifier.
     *
     * @param source   the name as written
     * @param typeName true for a class name (upper-case first letter)
     * @return the Java identifier
     */
    static String javaName(String source, boolean typeName) {
        boolean allUpper = source.equals(source.toUpperCase(Locale.ROOT));
        String base = allUpper ? source.toLowerCase(Locale.ROOT) : source;
        var sb = new StringBuilder();
        boolean upperNext = typeName;
        for (char c : base.toCharArray()) {
            if (c == '_' && sb.length() > 0) {
                upperNext = true;
            } else if (c != '_') {
                sb.append(upperNext ? Character.toUpperCase(c) : sb.isEmpty() ? Character.toLowerCase(c) : c);
                upperNext = false;
            }
        }
        if (typeName && !sb.isEmpty()) {
            sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        }
        String name = sb.isEmpty() ? "x" : sb.toString();
        if (Character.isDigit(name.charAt(0))) {
            name = "n" + name;
        }
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    /**
     * Returns the Java class name for a library: {@code fib} becomes {@code Fib}.
     *
     * @param library the library name
     * @return a Java type name
     */
    public static String className(String library) {
        return javaName(library, true);
    }
}
