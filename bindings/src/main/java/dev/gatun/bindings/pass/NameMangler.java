// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Declarations;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives procedures and parameters Java names: {@code my_sum} becomes {@code mySum}, Fortran's
 * upper case is folded ({@code FIB} becomes {@code fib}), and Java keywords get a trailing
 * underscore. Names never collide ({@link #unique}): where two source names give one camelCase
 * name, both keep their exact source names; a parameter named like a local of the generated code
 * ({@code t}, {@code allocator}) gets a trailing underscore. A binding class name equal to a class
 * nested in it ({@code Raw}, a callback interface, a result record) is an error: Java forbids a member
 * type with its enclosing class's name, and only the user can rename the library.
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
        List<Procedure> bound = library.procedures().stream()
                .filter(proc -> notes.get(proc, Notes.Unsupported.class).isEmpty()).toList();
        Map<String, Integer> uses = new HashMap<>();
        for (Procedure proc : bound) {
            uses.merge(javaName(proc.name(), false), 1, Integer::sum);
        }
        String cls = className(library.name());
        // Fortran modules are namespaces: a module procedure whose name is used elsewhere too is named after its
        // module at the top level (module_name) and reached by its own name only through its module's class.
        var sources = new ArrayList<String>();
        for (Procedure proc : bound) {
            String simple = javaName(proc.name(), false);
            boolean shared = uses.get(simple) > 1;
            if (proc.module().isPresent()) {
                notes.put(proc, new Notes.Namespace(moduleClassName(proc.module().get(), cls), simple, !shared));
            }
            sources.add(proc.module().isPresent() && shared ? proc.module().get() + "_" + proc.name() : proc.name());
        }
        // Procedures, globals and variadic functions share the binding class's method namespace.
        int procedures = sources.size();
        List<Declarations.Global> globals = library.units().stream().flatMap(u -> u.declarations().globals().stream()).toList();
        List<Declarations.Variadic> variadics = library.units().stream().flatMap(u -> u.declarations().variadics().stream()).toList();
        globals.forEach(g -> sources.add(g.name()));
        variadics.forEach(v -> sources.add(v.name()));
        List<String> all = unique(sources, GENERATED_METHODS);
        List<String> methods = all.subList(0, procedures);
        for (int i = 0; i < globals.size(); i++) {
            notes.put(globals.get(i), new Notes.JavaName(all.get(procedures + i)));
        }
        for (int i = 0; i < variadics.size(); i++) {
            notes.put(variadics.get(i), new Notes.JavaName(all.get(procedures + globals.size() + i)));
        }
        // An escaped constant (NAME$) must not take a holder class's name: the field would obscure the class.
        var holders = new HashSet<String>();
        bound.forEach(proc -> holders.addAll(List.of(proc.symbol().toUpperCase(Locale.ROOT) + "$", exactName(proc.symbol()) + "$")));
        nameConstants(library, holders);
        nameTypes(library);
        Map<String, Integer> handles = new HashMap<>();
        bound.forEach(proc -> handles.merge(proc.symbol().toUpperCase(Locale.ROOT), 1, Integer::sum));
        for (Procedure proc : bound) {
            if (proc.interop() == Procedure.Interop.DIRECT && handles.get(proc.symbol().toUpperCase(Locale.ROOT)) > 1) {
                notes.put(proc, new Notes.HandleName(exactName(proc.symbol())));
            }
        }
        for (int i = 0; i < bound.size(); i++) {
            Procedure proc = bound.get(i);
            notes.put(proc, new Notes.JavaName(methods.get(i)));
            List<String> params = unique(proc.parameters().stream().map(Parameter::name).toList(), GENERATED_LOCALS);
            for (int j = 0; j < params.size(); j++) {
                notes.put(proc.parameters().get(j), new Notes.JavaName(params.get(j)));
            }
            checkNestedNames(library, proc, methods.get(i));
        }
        checkTypeNames(library, cls);
        if (cls.equals("Raw")) {
            SourcePosition where = library.units().isEmpty() ? SourcePosition.NONE : new SourcePosition(library.units().getFirst().source(), 1, 1);
            diagnostics.error(where, "library name '" + library.name() + "' gives class 'Raw', which is the name of its nested raw layer;"
                    + " choose another name with -m");
        }
    }

    /** Static helpers every binding class declares; a procedure of the same name would hide them from the raw layer. */
    static final Set<String> GENERATED_METHODS = Set.of("unexpected", "requireExtent", "requireExactExtent", "requireStructs", "upcallTarget", "logical",
            "logicalArguments", "upcallBridge");

    /**
     * Names that generated method bodies declare themselves ({@code Arena arena}, {@code catch (Throwable t)}, the
     * raw layer's {@code SegmentAllocator allocator}), and the fields of a procedure's holder class besides its
     * parameters' array requirements ({@code HANDLE}, {@code CRITICAL}, {@code CALLS}); a parameter with one of these
     * names gets a trailing {@code _}.
     */
    static final Set<String> GENERATED_LOCALS = Set.of("arena", "guard", "scratch", "t", "allocator", "result", "segment",
            "value", "e", "HANDLE", "CRITICAL", "CALLS");

    /**
     * The naming rule, one list of source names at a time (the procedures of a library, the parameters of one
     * procedure). Each name becomes its camelCase form ({@link #javaName}); where two or more names give the same
     * camelCase form ({@code gsl_sf_bessel_j0_e} and {@code gsl_sf_bessel_J0_e}), each of them keeps its exact
     * source name instead (C names are unique, so these differ); a name in {@code reserved} or a Java keyword gets a
     * trailing {@code _}; and a name still taken after that (only possible for Fortran, whose names are
     * case-insensitive across modules) gets {@code $2}, {@code $3}, ... in declaration order. The result never
     * holds two equal names and depends only on the list, not on anything else in the library.
     *
     * @param sources  the names as written, in declaration order
     * @param reserved Java names the generated code uses itself
     * @return one distinct valid Java identifier per source name, in the same order
     */
    public static List<String> unique(List<String> sources, Set<String> reserved) {
        Map<String, Integer> camelCount = new HashMap<>();
        for (String source : sources) {
            camelCount.merge(javaName(source, false), 1, Integer::sum);
        }
        var out = new ArrayList<String>();
        var taken = new HashSet<String>();
        for (String source : sources) {
            String camel = javaName(source, false);
            String name = camelCount.get(camel) > 1 ? exactName(source) : camel;
            if (reserved.contains(name)) {
                name = name + "_";
            }
            String candidate = name;
            for (int n = 2; !taken.add(candidate); n++) {
                candidate = name + "$" + n;
            }
            out.add(candidate);
        }
        return out;
    }

    /** The source name itself as a Java identifier: only keywords and a leading digit are changed. */
    static String exactName(String source) {
        var sb = new StringBuilder();
        for (char c : source.toCharArray()) {
            sb.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        String name = sb.isEmpty() ? "x" : sb.toString();
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            name = "n" + name;
        }
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    /** Fields every binding class declares; a constant of the same name gets a trailing {@code $}. */
    static final Set<String> GENERATED_FIELDS = Set.of("LIBRARY", "SCRATCH", "LINKER");

    /**
     * Constants keep their C names ({@code LAPACK_ROW_MAJOR}), which are unique; only a clash with a generated field is
     * escaped, with a trailing {@code $} (more where that names a holder class).
     */
    private void nameConstants(Library library, Set<String> holders) {
        var taken = new HashSet<String>();
        for (var u : library.units()) {
            for (Declarations.Constant c : u.declarations().constants()) {
                String name = exactName(c.name());
                if (GENERATED_FIELDS.contains(name) || !taken.add(name)) {
                    name = name + "$";
                    while (holders.contains(name) || !taken.add(name)) {
                        name = name + "$";
                    }
                }
                notes.put(c, new Notes.JavaName(name));
            }
        }
    }

    /** Function-pointer types become nested interfaces named like classes ({@code gsl_function} gives {@code GslFunction}). */
    private void nameTypes(Library library) {
        List<Declarations.FunctionPointer> callbacks = library.units().stream()
                .flatMap(u -> u.declarations().callbacks().stream()).toList();
        var sources = callbacks.stream().map(Declarations.FunctionPointer::name).toList();
        var camel = new HashMap<String, Integer>();
        sources.forEach(s -> camel.merge(javaName(s, true), 1, Integer::sum));
        var taken = new HashSet<>(List.of("Raw", className(library.name())));
        for (int i = 0; i < callbacks.size(); i++) {
            String name = camel.get(javaName(sources.get(i), true)) > 1 ? exactName(sources.get(i)) : nestedClassName(sources.get(i));
            String candidate = name;
            for (int n = 2; !taken.add(candidate); n++) {
                candidate = name + "$" + n;
            }
            notes.put(callbacks.get(i), new Notes.JavaName(candidate));
        }
    }

    /**
     * Reports a Fortran derived type whose Java class would be named like the binding class, {@code Raw} or a module's class:
     * Java forbids the first, and the others would make two nested classes of one name.
     */
    private void checkTypeNames(Library library, String cls) {
        var modules = new HashSet<String>();
        library.procedures().forEach(p -> p.module().ifPresent(m -> modules.add(moduleClassName(m, cls))));
        library.units().forEach(u -> u.variables().forEach(v -> modules.add(moduleClassName(v.module(), cls))));
        for (var u : library.units()) {
            for (var t : u.types()) {
                String name = nestedClassName(t.name());
                if (name.equals(cls) || name.equals("Raw") || modules.contains(name)) {
                    SourcePosition where = t.type() instanceof Type.Struct s ? s.position() : ((Type.Derived) t.type()).position();
                    diagnostics.error(where, "the Java class of type '" + t.name() + "' would be named '" + name + "', like "
                            + (name.equals(cls) ? "the binding class; choose another library name with -m"
                            : name.equals("Raw") ? "the raw layer; rename the type" : "the class of a module; rename the type or the module"));
                }
            }
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
     * Returns the accessor names of a struct's members under the naming rule of {@link #unique}: distinct even
     * where two members differ only in case or underscores.
     *
     * @param members the member names, in declaration order
     * @return one distinct Java method name per member
     */
    public static List<String> memberNames(List<String> members) {
        return unique(members, STRUCT_RESERVED);
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
            "ComplexDoubleArray", "StridedArray", "NdArray", "HostArray", "Layout", "Npy", "StructArray");

    /**
     * Returns the Java class name for a type nested in a binding class (a C struct or union, a function-pointer
     * interface): {@code gsl_function} becomes {@code GslFunction}; a name of a type the generated code refers to
     * (a C {@code struct string}) gets a trailing {@code $}, since the nested class would shadow it.
     *
     * @param source the C name
     * @return a Java type name
     */
    public static String nestedClassName(String source) {
        String name = javaName(source, true);
        return JAVA_TYPES_USED.contains(name) ? name + "$" : name;
    }

    /**
     * Simple names of the types generated code refers to: a nested class of one of these names (a C
     * {@code struct string}) would shadow it, so such classes get a trailing {@code $}.
     */
    static final Set<String> JAVA_TYPES_USED = java.util.stream.Stream.concat(TYPES_IN_SCOPE.stream(), java.util.stream.Stream.of(
            "ByteArray", "ShortArray", "ComplexFloatArray", "String", "Object", "Objects", "Math", "MemorySegment", "Arena", "Linker",
            "MethodHandle", "MethodHandles", "MethodType", "FunctionDescriptor", "SegmentAllocator", "MemoryLayout", "StructLayout",
            "UnionLayout", "ValueLayout", "AddressLayout", "StandardCharsets", "NativeLibrary", "CallbackGuard", "Complex", "DoubleArray",
            "FloatArray", "IntArray", "LongArray", "ComplexDoubleArray", "ArrayRequirement", "ElementType", "Order", "Integer", "Long",
            "Double", "Float", "Byte", "Short", "Boolean", "Throwable", "RuntimeException", "Error", "IllegalArgumentException",
            "IllegalStateException", "ExceptionInInitializerError", "ReflectiveOperationException", "ThreadLocal", "Class", "System",
            "Character", "Override", "SuppressWarnings", "FunctionalInterface", "Raw", "Deprecated", "Record", "Enum", "Void"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
}
