// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.CommonBlock;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.ModuleVariable;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.pass.GlobalVariableFilter;
import dev.gatun.bindings.pass.NameMangler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the Java accessors of variables with static storage ({@code COMMON} block members and module
 * variables) as static members of a nested class: {@code getX()}/{@code setX(v)} for scalars, a
 * zero-copy view of the Fortran memory for numeric arrays, copies for arrays of strings, and
 * {@code allocateX(...)}/{@code deallocateX()} for allocatable module arrays. The address comes from
 * the shim functions of {@link GlobalShimBuilder} at each access, so an allocatable array's view always
 * shows its current allocation.
 */
final class GlobalAccessorBuilder {

    /**
     * One variable to give accessors.
     *
     * @param symbol      its address function in the shim
     * @param name        the Fortran name
     * @param owner       "common block /b/" or "module m", for Javadoc
     * @param type        element or scalar type
     * @param dimensions  dimensions, empty for a scalar
     * @param allocatable true for an allocatable module array (or an allocatable or pointer array component)
     * @param component   true for a component of a derived-type object: the accessors are instance methods of its
     *                    handle class, whose shim functions take the object's address first
     * @param pointer     true for a pointer array component (no deallocate: its target may not be Gatun's to free)
     */
    record Global(String symbol, String name, String owner, Type type, List<Dimension> dimensions, boolean allocatable,
                  boolean component, boolean pointer) {
    }

    private GlobalAccessorBuilder() {
    }

    static Global of(CommonBlock b, CommonBlock.Member m) {
        return new Global(GlobalShimBuilder.commonSymbol(b, m), m.name(), b.blank() ? "blank common" : "common block /" + b.name() + "/",
                m.type(), m.dimensions(), false, false, false);
    }

    static Global of(ModuleVariable v) {
        return new Global(GlobalShimBuilder.variableSymbol(v), v.name(), "module " + v.module(), v.type(), v.dimensions(), v.allocatable(),
                false, false);
    }

    static Global of(Type.Derived t, Type.Component c) {
        return new Global(HandleShimBuilder.componentSymbol(t, c), c.name(), "this {@code type(" + t.name() + ")} object", c.type(),
                c.dimensions(), c.allocatable() || c.pointer(), true, c.pointer());
    }

    /** The constant extents of a non-allocatable array. */
    private static Optional<List<Long>> extents(Global g) {
        return GlobalVariableFilter.extents(g.dimensions());
    }

    /** The name part of a variable's accessors: {@code getX}; getClass() is Object's (final), so 'class' gives getClass_(). */
    static String accessorBase(String name) {
        String base = NameMangler.upperCamel(name);
        return base.equals("Class") ? "Class_" : base;
    }

    /** The class members for one variable (indented for a nested class's body). */
    static String members(Global g) {
        String base = accessorBase(g.name());
        String handle = g.symbol().toUpperCase(Locale.ROOT);
        String where = "{@code " + g.name() + "} of " + g.owner();
        var sb = new StringBuilder();
        if (g.allocatable()) {
            return allocatable(g, base, handle, where);
        }
        sb.append("\n    private static final MethodHandle ").append(handle).append(" = LIBRARY.downcall(\"").append(g.symbol())
                .append("\", FunctionDescriptor.of(ADDRESS").append(g.component() ? ", ADDRESS" : "").append("));\n");
        Type t = g.type();
        // Module and COMMON variables are static; a component is reached through its object, so its accessors are not.
        String modifier = g.component() ? "" : "static ";
        String address = g.component() ? "member(" : "global(";
        if (g.dimensions().isEmpty()) {
            long bytes = bytes(t);
            String seg = address + handle + ", " + bytes + "L)";
            String java = JavaTypes.scalar(t);
            sb.append("""

                        /**
                         * Returns %s, read from the Fortran memory.
                         *
                         * @return its value%s
                         */
                        public %sget%s() {
                            return %s;
                        }

                        /**
                         * Sets %s in the Fortran memory.
                         *
                         * @param value the new value%s
                         */
                        public %svoid set%s(%s value) {
                            %s;
                        }
                    """.formatted(where, t instanceof Type.Character ? ", without trailing blanks" : "", modifier + java + " ", base, load(t, seg),
                    where, t instanceof Type.Character ? ", blank-padded or cut to the declared length" : "", modifier, base, java, store(t, seg)));
            return sb.toString();
        }
        List<Long> extents = extents(g).orElseThrow();
        long count = extents.stream().reduce(1L, (a, b) -> a * b);
        String shape = String.join(", ", extents.stream().map(e -> e + "L").toList());
        if (t instanceof Type.Character c) {
            long len = ((Expr.IntConst) c.length()).value();
            sb.append("""

                        /**
                         * Returns a copy of %s, %d strings in Fortran order.
                         *
                         * @return the elements without trailing blanks
                         */
                        public %sString[] get%s() {
                            String[] values = new String[%d];
                            FortranStrings.readInto(%s%s, %dL), %dL, values);
                            return values;
                        }

                        /**
                         * Sets element {@code index} (0-based, Fortran order) of %s.
                         *
                         * @param index the element
                         * @param value the new value, blank-padded or cut to %d bytes
                         * @throws IndexOutOfBoundsException if {@code index} is outside the %d elements
                         */
                        public %svoid set%s(int index, String value) {
                            Objects.checkIndex(index, %d);
                            FortranStrings.write(%s%s, %dL), index * %dL, %dL, value);
                        }
                    """.formatted(where, count, modifier, base, count, address, handle, count * len, len, where, len, count, modifier, base, count,
                    address, handle, count * len, len, len));
            return sb.toString();
        }
        String cls = JavaTypes.arrayClass(t);
        sb.append("""

                    /**
                     * Returns %s as a view of the Fortran memory (no copy): writes through it change the variable.
                     *
                     * @return the %s-element array, Fortran order
                     */
                    public %s%s get%s() {
                        return %s.wrap(%s%s, %dL), Order.FORTRAN, %s);
                    }
                """.formatted(where, count, modifier, cls, base, cls, address, handle, count * bytes(t), shape));
        return sb.toString();
    }

    private static String allocatable(Global g, String base, String handle, String where) {
        int rank = g.dimensions().size();
        String cls = JavaTypes.arrayClass(g.type());
        var params = new ArrayList<String>();
        var checks = new StringBuilder();
        for (int d = 0; d < rank; d++) {
            params.add("long extent" + d);
            checks.append("        if (extent").append(d).append(" < 0) {\n            throw new IllegalArgumentException(\"")
                    .append(g.name()).append(": expected extent >= 0 in dimension ").append(d).append(", got \" + extent").append(d)
                    .append(");\n        }\n        shape.setAtIndex(JAVA_LONG, ").append(d).append(", extent").append(d).append(");\n");
        }
        // A component's shim functions take the object's address first; its views live as long as the object's owner.
        boolean c = g.component();
        String self = c ? "ADDRESS, " : "";
        String selfArg = c ? "segment, " : "";
        String modifier = c ? "" : "static ";
        String what = g.pointer() ? "pointer" : "allocatable";
        String deallocate = g.pointer() ? "" : """

                    /** Deallocates %1$s if it is allocated (Fortran {@code deallocate}); views of it become invalid. */
                    public %2$svoid deallocate%3$s() {
                        try {
                            %4$s_DEALLOCATE.invokeExact(%5$s);
                        } catch (Throwable t) {
                            throw unexpected(t);
                        }
                    }
                """.formatted(where, modifier, base, handle, c ? "segment" : "");
        String release = g.pointer() ? "; the memory it pointed to before is not freed (Gatun cannot know who owns it)"
                : ", deallocating it first if it is allocated";
        return """

                    private static final MethodHandle %1$s = LIBRARY.downcall("%2$s", FunctionDescriptor.of(ADDRESS, %11$sADDRESS));
                    private static final MethodHandle %1$s_ALLOCATE = LIBRARY.downcall("%2$s_allocate", FunctionDescriptor.ofVoid(%11$sADDRESS));%14$s

                    /**
                     * Returns %15$s %3$s as a view of its current %16$s (no copy), or null when it is
                     * not %17$s. The view is valid until the array is deallocated or allocated again, by Java
                     * or by Fortran.
                     *
                     * @return the array, Fortran order, or null%18$s
                     */
                    public %13$s%4$s get%5$s() {
                        try (Arena arena = Arena.ofConfined()) {
                            MemorySegment shape = arena.allocate(JAVA_LONG, %6$d);
                            MemorySegment address = (MemorySegment) %1$s.invokeExact(%12$sshape);
                            long[] extents = shape.toArray(JAVA_LONG);%22$s
                            if (extents[0] < 0) {
                                return null;
                            }
                            long count = 1;
                            for (long e : extents) {
                                count = Math.multiplyExact(count, e);
                            }
                            return %4$s.wrap(%19$s, Order.FORTRAN, extents);
                        } catch (Throwable t) {
                            throw unexpected(t);
                        }
                    }

                    /**
                     * Allocates %3$s with these extents (Fortran {@code allocate})%20$s.
                     *
                %8$s     * @throws IllegalArgumentException if an extent is negative
                     */
                    public %13$svoid allocate%5$s(%9$s) {
                        try (Arena arena = Arena.ofConfined()) {
                            MemorySegment shape = arena.allocate(JAVA_LONG, %6$d);
                %10$s            %1$s_ALLOCATE.invokeExact(%12$sshape);
                        } catch (Throwable t) {
                            throw unexpected(t);
                        }
                    }
                %21$s""".formatted(handle, g.symbol(), where, cls, base, rank, bytes(g.type()),
                paramDocs(rank), String.join(", ", params), checks.toString().indent(4).replaceAll("(?m)^[ ]+$", ""), self, selfArg, modifier,
                g.pointer() ? "" : "\n    private static final MethodHandle " + handle + "_DEALLOCATE = LIBRARY.downcall(\"" + g.symbol()
                        + "_deallocate\", FunctionDescriptor.ofVoid(" + (c ? "ADDRESS" : "") + "));",
                what, g.pointer() ? "target" : "allocation", g.pointer() ? "associated" : "allocated",
                g.pointer() ? "\n     * @throws IllegalStateException if the pointer points to memory that is not contiguous" : "",
                c ? "within(address, Math.multiplyExact(count, " + bytes(g.type()) + "L))"
                        : "address.reinterpret(Math.multiplyExact(count, " + bytes(g.type()) + "L))",
                release, deallocate, g.pointer() ? "\n                if (extents[0] == -2) {\n                    throw new IllegalStateException(\""
                        + g.name() + " points to memory that is not contiguous; no view of it\");\n                }" : "");
    }

    private static String paramDocs(int rank) {
        var sb = new StringBuilder();
        for (int d = 0; d < rank; d++) {
            sb.append("     * @param extent").append(d).append(" the extent of dimension ").append(d).append('\n');
        }
        return sb.toString();
    }

    private static long bytes(Type t) {
        return switch (t) {
            case Type.Scalar s -> s.kind().bytes();
            case Type.Logical l -> l.bytes();
            case Type.Character c -> ((Expr.IntConst) c.length()).value();
            default -> throw new IllegalArgumentException("no size for " + t.describe());
        };
    }

    private static String load(Type t, String seg) {
        return switch (t) {
            case Type.Logical l -> seg + ".get(" + JavaTypes.layout(JavaTypes.rawValue(l, false)) + ", 0) != 0";
            case Type.Character c -> "FortranStrings.read(" + seg + ", 0, " + bytes(t) + "L)";
            case Type.Scalar s when s.kind() == ScalarKind.COMPLEX_DOUBLE -> "new Complex(" + seg + ".get(JAVA_DOUBLE, 0), " + seg
                    + ".get(JAVA_DOUBLE, 8))";
            case Type.Scalar s when s.kind() == ScalarKind.COMPLEX_FLOAT -> "new Complex(" + seg + ".get(JAVA_FLOAT, 0), " + seg
                    + ".get(JAVA_FLOAT, 4))";
            default -> seg + ".get(" + JavaTypes.layout(JavaTypes.scalar(t)) + ", 0)";
        };
    }

    private static String store(Type t, String seg) {
        return switch (t) {
            case Type.Logical l -> {
                String raw = JavaTypes.rawValue(l, false);
                yield seg + ".set(" + JavaTypes.layout(raw) + ", 0, " + (raw.equals("int") ? "" : "(" + raw + ") ") + "(value ? 1 : 0))";
            }
            case Type.Character c -> "FortranStrings.write(" + seg + ", 0, " + bytes(t) + "L, value)";
            case Type.Scalar s when s.kind() == ScalarKind.COMPLEX_DOUBLE -> "MemorySegment s = " + seg
                    + ";\n        s.set(JAVA_DOUBLE, 0, value.re());\n        s.set(JAVA_DOUBLE, 8, value.im())";
            case Type.Scalar s when s.kind() == ScalarKind.COMPLEX_FLOAT -> "MemorySegment s = " + seg
                    + ";\n        s.set(JAVA_FLOAT, 0, (float) value.re());\n        s.set(JAVA_FLOAT, 4, (float) value.im())";
            default -> seg + ".set(" + JavaTypes.layout(JavaTypes.scalar(t)) + ", 0, value)";
        };
    }
}
