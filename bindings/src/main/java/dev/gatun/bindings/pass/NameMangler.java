package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives procedures and parameters Java names: {@code my_sum} becomes {@code mySum}, Fortran's
 * upper case is folded ({@code FIB} becomes {@code fib}), and Java keywords get a trailing
 * underscore. Two procedures mapping to one Java name are an error naming both, and so is a
 * binding class name equal to a class nested in it ({@code Raw}, a callback interface, a result
 * record): Java forbids a member type with its enclosing class's name.
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
        var supported = library.procedures().stream().filter(p -> notes.get(p, Notes.Unsupported.class).isEmpty()).toList();
        Map<String, Integer> uses = new HashMap<>();
        for (Procedure proc : supported) {
            uses.merge(javaName(proc.name(), false), 1, Integer::sum);
        }
        String cls = className(library.name());
        Map<String, Procedure> taken = new HashMap<>();
        for (Procedure proc : supported) {
            String simple = javaName(proc.name(), false);
            boolean shared = uses.get(simple) > 1;
            String name = simple;
            if (proc.module().isPresent()) {
                String nested = moduleClassName(proc.module().get(), cls);
                // Fortran modules are namespaces: a name used elsewhere too is reached only through its module's class.
                notes.put(proc, new Notes.Namespace(nested, simple, !shared));
                if (shared) {
                    name = javaName(proc.module().get(), false) + Character.toUpperCase(simple.charAt(0)) + simple.substring(1);
                }
            }
            Procedure previous = taken.putIfAbsent(name, proc);
            if (previous != null) {
                diagnostics.error(proc.position(), "procedure '" + proc.name() + "' and '" + previous.name() + "' (at "
                        + previous.position() + ") both become Java method '" + name + "'; rename one or bind them in separate libraries");
            }
            notes.put(proc, new Notes.JavaName(name));
            for (Parameter p : proc.parameters()) {
                notes.put(p, new Notes.JavaName(javaName(p.name(), false)));
            }
            checkNestedNames(library, proc, name);
        }
        if (cls.equals("Raw")) {
            SourcePosition where = library.units().isEmpty() ? SourcePosition.NONE : new SourcePosition(library.units().getFirst().source(), 1, 1);
            diagnostics.error(where, "library name '" + library.name() + "' gives class 'Raw', which is the name of its nested raw layer;"
                    + " choose another name with -m");
        }
    }

    /** Reports a nested type of {@code proc} (callback interface, result record) named like the binding class. */
    private void checkNestedNames(Library library, Procedure proc, String method) {
        String cls = className(library.name());
        String capitalised = Character.toUpperCase(method.charAt(0)) + method.substring(1);
        for (Parameter p : proc.parameters()) {
            String param = javaName(p.name(), false);
            if (p.type() instanceof Type.Callback && cls.equals(capitalised + Character.toUpperCase(param.charAt(0)) + param.substring(1))) {
                diagnostics.error(p.position(), "the callback interface of parameter '" + p.name() + "' would be named '" + cls
                        + "', like the binding class; choose another library name with -m");
            }
        }
        long outputs = (proc.kind() == Procedure.Kind.FUNCTION ? 1 : 0) + proc.parameters().stream()
                .filter(p -> !p.isArray() && (p.intent() == Parameter.Intent.OUT || p.intent() == Parameter.Intent.INOUT)).count();
        if (outputs > 1 && cls.equals(capitalised + "Result")) {
            diagnostics.error(proc.position(), "the result record of '" + proc.name() + "' would be named '" + cls
                    + "', like the binding class; choose another library name with -m");
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
        int cut = base.indexOf('_');
        String prefix = cut < 0 ? base : base.substring(0, cut);
        if (!typeName && prefix.length() > 1 && prefix.equals(prefix.toUpperCase(Locale.ROOT))) {
            // An acronym prefix reads as one word: MPI_Get_version becomes mpiGetVersion, not mPIGetVersion.
            base = prefix.toLowerCase(Locale.ROOT) + base.substring(prefix.length());
        }
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

    /** Names a struct wrapper already uses for itself, so a C member cannot take them. */
    private static final Set<String> STRUCT_RESERVED = Set.of("segment", "of", "allocate", "toString", "hashCode",
            "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

    /**
     * Returns the accessor name of a C struct member: {@code n_points} becomes {@code nPoints}; a keyword or a
     * name the wrapper uses itself ({@code segment}, {@code of}) gets a trailing {@code _}.
     *
     * @param member the member name
     * @return a Java method name
     */
    public static String memberName(String member) {
        String name = javaName(member, false);
        return STRUCT_RESERVED.contains(name) ? name + "_" : name;
    }

    /**
     * Returns a Fortran name in upper camel case, for accessor names: {@code long_bn} becomes {@code LongBn}.
     *
     * @param source the name as written
     * @return the identifier part
     */
    public static String upperCamel(String source) {
        return javaName(source, true).replaceAll("_$", "");
    }

    /**
     * Returns the name of the nested class holding a Fortran module's procedures: {@code f90_return_real}
     * becomes {@code F90ReturnReal}; one that would clash with the binding class or {@code Raw} gets a
     * {@code Module} suffix.
     *
     * @param module  the module name
     * @param binding the binding class name
     * @return a Java type name
     */
    public static String moduleClassName(String module, String binding) {
        String name = javaName(module, true);
        return name.equals(binding) || name.equals("Raw") || TYPES_IN_SCOPE.contains(name) ? name + "Module" : name;
    }

    /**
     * Returns the name of the nested class holding a {@code COMMON} block's accessors: {@code block} becomes
     * {@code Block}, blank common {@code Blank}; one that would clash with the binding class, {@code Raw},
     * a type the generated code uses or a module's class gets a {@code Common} suffix.
     *
     * @param block   the block name, empty for blank common
     * @param binding the binding class name
     * @param taken   the nested classes of modules
     * @return a Java type name
     */
    public static String commonClassName(String block, String binding, java.util.Collection<String> taken) {
        String name = block.isEmpty() ? "Blank" : javaName(block, true);
        return name.equals(binding) || name.equals("Raw") || TYPES_IN_SCOPE.contains(name) || taken.contains(name) ? name + "Common" : name;
    }

    /**
     * Returns the Java class name for a library: {@code fib} becomes {@code Fib}.
     *
     * @param library the library name
     * @return a Java type name
     */
    public static String className(String library) {
        String name = javaName(library, true);
        return TYPES_IN_SCOPE.contains(name) ? name + "Library" : name;
    }

    /**
     * Types the generated class names by their simple names (java.lang, its imports, the Gatun array
     * package): a binding or module class of that name would shadow them and the output would not compile.
     */
    private static final Set<String> TYPES_IN_SCOPE = Set.of("String", "Object", "Math", "Objects", "Integer", "Long", "Double",
            "Float", "Boolean", "Byte", "Short", "Character", "Class", "System", "Thread", "ThreadLocal", "Throwable", "Error",
            "RuntimeException", "IllegalArgumentException", "IllegalStateException", "NullPointerException",
            "ExceptionInInitializerError", "SuppressWarnings", "Override", "FunctionalInterface", "Arena", "MemorySegment",
            "Linker", "FunctionDescriptor", "SymbolLookup", "ValueLayout", "MemoryLayout", "StructLayout", "MethodHandle",
            "MethodHandles", "MethodType", "StandardCharsets", "NativeLibrary", "CallbackGuard", "ArrayRequirement", "ElementType",
            "Order", "Location", "Complex", "FortranStrings", "DoubleArray", "FloatArray", "IntArray", "LongArray",
            "ComplexDoubleArray", "StridedArray", "NdArray", "HostArray", "Layout", "Npy");
}
