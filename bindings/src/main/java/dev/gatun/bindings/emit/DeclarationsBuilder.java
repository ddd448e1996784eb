// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Declarations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.pass.NameMangler;
import dev.gatun.bindings.pass.Notes;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds what a C header declares besides functions: constants as {@code static final} fields, accessors for global
 * variables (getter, setter, a zero-copy array view, {@code name$address}), a functional interface per
 * function-pointer type (with an upcall factory and an invoker for a pointer C hands back), and an invoker per call
 * shape for variadic functions. Reads only the model and the names {@link dev.gatun.bindings.pass.NameMangler} chose.
 */
final class DeclarationsBuilder {

    private final Annotations notes;

    DeclarationsBuilder(Annotations notes) {
        this.notes = notes;
    }

    private String name(Object declaration) {
        return notes.require(declaration, Notes.JavaName.class).name();
    }

    private static String where(dev.gatun.bindings.diag.SourcePosition p) {
        return p.file().getFileName() + ":" + p.line();
    }

    /** {@code public static final int LAPACK_ROW_MAJOR = 101;} */
    String constant(Declarations.Constant c) {
        String type;
        String literal;
        switch (c.value()) {
            case Long l when l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE -> {
                type = "int";
                literal = Long.toString(l);
            }
            case Long l -> {
                type = "long";
                literal = l + "L";
            }
            case Double d -> {
                type = "double";
                literal = d.isNaN() ? "Double.NaN" : d.isInfinite() ? (d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY")
                        : Double.toString(d);
            }
            default -> {
                type = "String";
                literal = javaString((String) c.value());
            }
        }
        return """

                    /** C constant {@code %s}, defined at {@code %s}. */
                    public static final %s %s = %s;
                """.formatted(c.name(), where(c.position()), type, name(c), literal);
    }

    static String javaString(String s) {
        var sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Accessors of one global variable. */
    String global(Declarations.Global g) {
        String m = name(g);
        String doc = "C global {@code " + g.name() + "}, declared at {@code " + where(g.position()) + "}";
        var sb = new StringBuilder("""

                    /**
                     * Returns the address of %s.
                     *
                     * @return a zero-length segment at the variable
                     * @throws dev.gatun.load.NativeSymbolNotFoundException when the library does not define it
                     */
                    public static MemorySegment %s$address() {
                        return LIBRARY.find("%s");
                    }
                """.formatted(doc, m, g.symbol()));
        Type t = g.type();
        if (t instanceof Type.Void) {
            return sb.toString(); // an incomplete type or an array of unknown length: its address is all there is
        }
        if (!g.dimensions().isEmpty()) {
            long count = 1;
            var extents = new ArrayList<String>();
            for (Dimension d : g.dimensions()) {
                long e = extent(d);
                count *= e;
                extents.add(Long.toString(e));
            }
            boolean typed = t instanceof Type.Scalar && arrayClass(t) != null;
            String size = count + "L * " + byteSize(t);
            if (typed) {
                String cls = arrayClass(t);
                sb.append("""

                            /**
                             * Returns %s as an array view of its %s elements, in C order: no copy, writes reach the library.
                             *
                             * @return the view
                             */
                            public static %s %s() {
                                return %s.wrap(global$("%s", %s), Order.C, %s);
                            }
                        """.formatted(doc, count, cls, m, cls, g.symbol(), size, String.join(", ", extents)));
            } else {
                sb.append("""

                            /**
                             * Returns the memory of %s (%s elements), shared with the library.
                             *
                             * @return the segment
                             */
                            public static MemorySegment %s() {
                                return global$("%s", %s);
                            }
                        """.formatted(doc, count, m, g.symbol(), size));
            }
            return sb.toString();
        }
        if (t instanceof Type.Struct s) {
            String cls = StructBuilder.className(s);
            return sb.append("""

                        /**
                         * Returns %s as a view: no copy, writes reach the library.
                         *
                         * @return the view
                         */
                        public static %s %s() {
                            return %s.of(global$("%s", %s.LAYOUT.byteSize()));
                        }
                    """.formatted(doc, cls, m, cls, g.symbol(), cls)).toString();
        }
        String javaType = StructBuilder.javaType(t);
        String layout = StructBuilder.valueLayout(t, false);
        String size = Long.toString(byteSize(t));
        sb.append("""

                    /**
                     * Returns the value of %s.
                     *
                     * @return the value
                     */
                    public static %s %s() {
                        MemorySegment segment = global$("%s", %sL);
                        return %s;
                    }
                """.formatted(doc, javaType, m, g.symbol(), size, StructBuilder.load(t, layout, "0L")));
        if (!g.readOnly()) {
            sb.append("""

                        /**
                         * Sets %s.
                         *
                         * @param value the new value
                         */
                        public static void %s(%s value) {
                            MemorySegment segment = global$("%s", %sL);
                            %s;
                        }
                    """.formatted(doc, m, javaType, g.symbol(), size, StructBuilder.store(t, layout, "0L")));
        }
        return sb.toString();
    }

    /** The helper the global accessors share; only emitted when there are globals. */
    static final String GLOBAL_HELPER = """

                /** The memory of a global variable, {@code size} bytes at its symbol. */
                private static MemorySegment global$(String symbol, long size) {
                    return LIBRARY.find(symbol).reinterpret(size);
                }
            """;

    /** The functional interface of a function-pointer type. */
    String functionPointer(Declarations.FunctionPointer fp) {
        String iface = name(fp);
        Signature s = fp.signature();
        List<String> names = NameMangler.unique(s.parameters().stream().map(Parameter::name).toList(), java.util.Set.of("handle", "t"));
        var params = new ArrayList<String>();
        var docs = new StringBuilder();
        var layouts = new ArrayList<String>();
        for (int i = 0; i < names.size(); i++) {
            Parameter p = s.parameters().get(i);
            params.add(carrier(p.type()) + " " + names.get(i));
            layouts.add(layout(p.type()));
            docs.append("         * @param ").append(names.get(i)).append(" argument {@code ").append(p.name()).append("}")
                    .append(carrier(p.type()).equals("MemorySegment") && !(p.type() instanceof Type.Pointer) ? " (by value: view it with its class's of)" : "")
                    .append('\n');
        }
        boolean isVoid = s.result() instanceof Type.Void;
        String result = isVoid ? "void" : carrier(s.result());
        String descriptor = isVoid ? "FunctionDescriptor.ofVoid(" + String.join(", ", layouts) + ")"
                : "FunctionDescriptor.of(" + layout(s.result()) + (layouts.isEmpty() ? "" : ", " + String.join(", ", layouts)) + ")";
        String call = "handle.invokeExact(" + String.join(", ", names) + ")";
        // A struct returned by value needs memory for the result: the invoker allocates it in automatic memory.
        boolean structResult = s.result() instanceof Type.Struct || s.result() instanceof Type.Scalar sc && sc.kind().isComplex();
        if (structResult) {
            call = "handle.invokeExact((SegmentAllocator) Arena.ofAuto()" + (names.isEmpty() ? "" : ", ") + String.join(", ", names) + ")";
        }
        String body = isVoid ? call + ";" : "return (" + result + ") " + call + ";";
        return """

                    /**
                     * C function pointer type {@code %s}: {@code %s}, declared at {@code %s}.
                     * {@link #allocate} makes a C function pointer from Java code; {@link #invoker} calls one C hands back.
                     */
                    @FunctionalInterface
                    public interface %s {

                        /** The C signature. */
                        FunctionDescriptor DESCRIPTOR = %s;

                        /** The Java method C calls through an upcall stub. */
                        MethodHandle UPCALL$ = upcallTarget(%s.class, "apply", DESCRIPTOR.toMethodType());

                        /**
                         * Called by the native code.
                         *
                %s%s         */
                        %s apply(%s);

                        /**
                         * Makes a C function pointer that calls {@code fn}, valid while {@code arena} is open. What {@code fn} throws
                         * is recorded by {@code guard} and rethrown when it closes (C sees zero), never unwound through C frames.
                         *
                         * @param fn    the Java code
                         * @param guard records what {@code fn} throws
                         * @param arena owns the stub
                         * @return the function pointer
                         */
                        static MemorySegment allocate(%s fn, CallbackGuard guard, Arena arena) {
                            return Linker.nativeLinker().upcallStub(guard.protect(UPCALL$.bindTo(Objects.requireNonNull(fn, "fn"))), DESCRIPTOR, arena);
                        }

                        /**
                         * Returns Java code that calls the C function at {@code address} (read from a struct field, a global or a result).
                         *
                         * @param address a function of this type
                         * @return the invoker
                         */
                        static %s invoker(MemorySegment address) {
                            MethodHandle handle = Linker.nativeLinker().downcallHandle(Objects.requireNonNull(address, "address"), DESCRIPTOR);
                            return (%s) -> {
                                try {
                                    %s
                                } catch (Throwable t) {
                                    throw unexpected(t);
                                }
                            };
                        }
                    }
                """.formatted(fp.name(), s.describe(), where(fp.position()), iface, descriptor, iface, docs,
                isVoid ? "" : "         * @return the value the native code receives\n", result, String.join(", ", params), iface, iface,
                String.join(", ", names), body);
    }

    /** A variadic function: an invoker per call shape, and a call that infers the shape from the arguments. */
    String variadic(Declarations.Variadic v) {
        String m = name(v);
        Signature s = v.signature();
        List<String> names = NameMangler.unique(s.parameters().stream().map(Parameter::name).toList(),
                java.util.Set.of("variadic", "handle", "arena", "arguments", "layouts", "t", "i", "a", "all"));
        var layouts = new ArrayList<String>();
        var params = new ArrayList<String>();
        for (int i = 0; i < names.size(); i++) {
            Type t = s.parameters().get(i).type();
            layouts.add(layout(t));
            params.add(carrier(t) + " " + names.get(i));
        }
        boolean isVoid = s.result() instanceof Type.Void;
        String descriptor = isVoid ? "FunctionDescriptor.ofVoid(" + String.join(", ", layouts) + ")"
                : "FunctionDescriptor.of(" + layout(s.result()) + (layouts.isEmpty() ? "" : ", " + String.join(", ", layouts)) + ")";
        String result = isVoid ? "void" : carrier(s.result());
        boolean structResult = s.result() instanceof Type.Struct;
        return """

                    /**
                     * A downcall handle for variadic {@code %s} called with arguments of these layouts after its %d fixed
                     * ones, declared at {@code %s}: one handle per call shape, as C's default argument promotions require
                     * ({@code float} passes as {@code JAVA_DOUBLE}, {@code char} and {@code short} as {@code JAVA_INT}).
                     *
                     * @param variadic the layouts of the arguments in place of {@code ...}
                     * @return the handle: fixed arguments, then one per layout
                     */
                    public static MethodHandle %s$invoker(MemoryLayout... variadic) {
                        FunctionDescriptor descriptor = %s.appendArgumentLayouts(variadic);
                        return downcall$("%s", descriptor, Linker.Option.firstVariadicArg(%d));
                    }

                    /**
                     * Calls variadic {@code %s}: each of {@code arguments} is an {@code Integer}, {@code Long}, {@code Double},
                     * {@code Float} (promoted to double), {@code MemorySegment} or {@code String} (passed as a NUL-terminated copy).
                     *
                %s     * @param arguments what C receives in place of {@code ...}
                     * @return what it returns%s
                     * @throws IllegalArgumentException for an argument of another type, naming its position
                     */
                    public static %s %s(%sObject... arguments) {
                        try (Arena arena = Arena.ofConfined()) {
                            MemoryLayout[] layouts = new MemoryLayout[arguments.length];
                            Object[] all = new Object[%d + arguments.length];
                %s            for (int i = 0; i < arguments.length; i++) {
                                Object a = arguments[i];
                                switch (a) {
                                    case Integer x -> layouts[i] = JAVA_INT;
                                    case Long x -> layouts[i] = JAVA_LONG;
                                    case Double x -> layouts[i] = JAVA_DOUBLE;
                                    case Float x -> {
                                        layouts[i] = JAVA_DOUBLE;
                                        a = x.doubleValue();
                                    }
                                    case MemorySegment x -> layouts[i] = ADDRESS;
                                    case String x -> {
                                        layouts[i] = ADDRESS;
                                        a = arena.allocateFrom(x);
                                    }
                                    case null, default -> throw new IllegalArgumentException("argument " + (i + %d) + " of %s: expected an Integer,"
                                            + " Long, Double, Float, MemorySegment or String, got " + a);
                                }
                                all[%d + i] = a;
                            }
                            %s%s$invoker(layouts).invokeWithArguments(all);
                        } catch (Throwable t) {
                            throw unexpected(t);
                        }
                    }
                """.formatted(v.name(), names.size(), where(v.position()), m, descriptor, v.symbol(), names.size(),
                v.name(), paramDocs(names, s), isVoid ? "" : "", result, m, params.isEmpty() ? "" : String.join(", ", params) + ", ",
                names.size() + (structResult ? 1 : 0), fixedArguments(names, structResult), names.size() + 1, v.name(),
                names.size() + (structResult ? 1 : 0), isVoid ? "" : "return (" + result + ") ", m);
    }

    private static String paramDocs(List<String> names, Signature s) {
        var sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append("     * @param ").append(names.get(i)).append(" fixed argument {@code ").append(s.parameters().get(i).name()).append("}\n");
        }
        return sb.toString();
    }

    private static String fixedArguments(List<String> names, boolean structResult) {
        var sb = new StringBuilder();
        int at = 0;
        if (structResult) {
            sb.append("                all[0] = Arena.ofAuto();\n");
            at = 1;
        }
        for (String n : names) {
            sb.append("                all[").append(at++).append("] = ").append(n).append(";\n");
        }
        return sb.toString();
    }

    /** The layout of a value crossing the C ABI by value. */
    static String layout(Type t) {
        return switch (t) {
            case Type.Scalar s when s.kind().isComplex() -> StructBuilder.valueLayout(t, false);
            case Type.Scalar s -> JavaTypes.layout(JavaTypes.scalar(s));
            case Type.Logical l -> JavaTypes.layout(JavaTypes.rawValue(l, false));
            case Type.Struct s -> StructBuilder.className(s) + ".LAYOUT";
            default -> "ADDRESS";
        };
    }

    /** The Java carrier FFM uses for that layout. */
    static String carrier(Type t) {
        return switch (t) {
            case Type.Scalar s when s.kind().isComplex() -> "MemorySegment";
            case Type.Scalar s -> JavaTypes.scalar(s);
            case Type.Logical l -> JavaTypes.rawValue(l, false);
            default -> "MemorySegment";
        };
    }

    private static String arrayClass(Type t) {
        try {
            return JavaTypes.arrayClass(t);
        } catch (IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    private static long byteSize(Type t) {
        return t instanceof Type.Struct s ? s.size() : StructBuilder.elementSize(t);
    }

    private static long extent(Dimension d) {
        var e = (Dimension.Explicit) d;
        return ((Expr.IntConst) e.upper()).value() - ((Expr.IntConst) e.lower()).value() + 1;
    }
}
