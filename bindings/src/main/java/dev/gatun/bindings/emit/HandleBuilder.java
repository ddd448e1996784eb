// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.TypeHierarchy;
import dev.gatun.bindings.pass.NameMangler;
import dev.gatun.bindings.pass.Notes;
import java.util.Locale;

/**
 * Builds the nested class of a Fortran derived type that is not {@code bind(C)}: a handle holding the address of a
 * Fortran object. {@code allocate(arena)} creates the object in Fortran and gives it to the arena, which
 * deallocates it when it closes; {@code borrow(address)} wraps an object Fortran owns. Components are reached
 * through the shim functions of {@link HandleShimBuilder}, with the accessors {@link GlobalAccessorBuilder}
 * writes for module variables, as instance methods: numbers, logicals and strings read and written in place,
 * arrays as zero-copy views that live as long as the object's arena, allocatable and pointer arrays with their
 * current allocation and {@code allocate}/{@code deallocate} methods.
 */
final class HandleBuilder {

    /** Names the handle class declares itself; a type-bound procedure of one of these names gets a trailing {@code _}. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("allocate", "borrow", "segment", "member", "within", "free",
            "toString", "hashCode", "equals", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

    private final Type.Derived type;
    private final Annotations notes;
    private final String cls;
    private final String bindingClass;

    private final TypeHierarchy hierarchy;

    HandleBuilder(Type.Derived type, Annotations notes, String bindingClass, TypeHierarchy hierarchy) {
        this.type = type;
        this.notes = notes;
        this.cls = className(type);
        this.bindingClass = bindingClass;
        this.hierarchy = hierarchy;
    }

    /** The handle class of a type: {@code particle} becomes {@code Particle}. */
    static String className(Type.Derived t) {
        // The handle class holds a nested Array class, which cannot share its enclosing class's name.
        String name = NameMangler.nestedClassName(t.name());
        return name.equals("Array") ? "Array$" : name;
    }

    String build() {
        String prefix = HandleShimBuilder.prefix(type);
        String fortran = "type(" + type.name() + ")";
        var members = new StringBuilder();
        // An extension's class has accessors of its own for the inherited components, through its own shims; an
        // abstract type has none (no object is of exactly that type: its extensions' handles reach them).
        for (Type.Component c : type.isAbstract() ? java.util.List.<Type.Component>of() : type.allComponents()) {
            if (notes.get(c, Notes.Unsupported.class).isPresent()) {
                continue;
            }
            members.append(switch (c.type()) {
                case Type.Struct s when !c.dimensions().isEmpty() -> HandleArrayBuilder.component(type, c, StructBuilder.className(s) + ".LAYOUT");
                case Type.Derived d when !c.dimensions().isEmpty() -> HandleArrayBuilder.component(type, c, null);
                case Type.Derived d when c.allocatable() || c.pointer() -> dynamicComponent(c, d);
                case Type.Struct s -> structComponent(c, s);
                case Type.Derived d -> handleComponent(c, d);
                default -> GlobalAccessorBuilder.members(GlobalAccessorBuilder.of(type, c));
            });
        }
        var taken = new java.util.HashSet<>(RESERVED);
        for (Type.Component c : type.allComponents()) {
            for (String verb : java.util.List.of("get", "set", "allocate", "deallocate")) {
                taken.add(verb + GlobalAccessorBuilder.accessorBase(c.name()));
            }
        }
        for (Type.Binding b : type.bindings()) {
            var target = notes.get(b, Notes.BoundProcedure.class);
            if (target.isPresent()) {
                String name = NameMangler.memberName(b.name());
                while (!taken.add(name)) {
                    name = name + "_";
                }
                members.append(boundMethod(b.name(), target.get(), name, null).indent(4).replaceAll("(?m)^[ ]+$", ""));
            }
        }
        // A generic binding: one overload per specific binding whose Java arguments differ (TypeBindingResolver chose them).
        for (Type.Generic g : type.generics()) {
            var overloads = notes.get(g, Notes.GenericOverloads.class).map(Notes.GenericOverloads::specifics).orElse(java.util.List.of());
            String name = NameMangler.memberName(g.name());
            while (taken.contains(name)) {
                name = name + "_";
            }
            for (Notes.BoundProcedure target : overloads) {
                members.append(boundMethod(g.name(), target, name, g.name()).indent(4).replaceAll("(?m)^[ ]+$", ""));
            }
            if (!overloads.isEmpty()) {
                taken.add(name);
            }
        }
        boolean inHierarchy = hierarchy.inHierarchy(type);
        String declaration = !inHierarchy ? "static final class " + cls
                : (type.isAbstract() ? "abstract static class " : "static class ") + cls + (type.parent() == null ? "" : " extends " + className(type.parent()));
        var sb = new StringBuilder();
        sb.append("""

                    /**
                     * Fortran {@code %2$s} of module {@code %3$s}, declared at {@code %4$s:%5$d}: a handle to a Fortran object whose
                     * layout only the compiler knows. Its components are read and written in the Fortran memory through generated
                     * shim functions; arrays are views of it, without copies.
                     *
                %7$s
                     */
                    public %8$s {

                """.formatted(cls, fortran, type.module(), type.position().file().getFileName(), type.position().line(), prefix, ownership(), declaration));
        if (!type.isAbstract()) {
            sb.append("""
                        private static final MethodHandle NEW$ = LIBRARY.downcall("%6$s_new", FunctionDescriptor.of(ADDRESS));
                        private static final MethodHandle FREE$ = LIBRARY.downcall("%6$s_free", FunctionDescriptor.ofVoid(ADDRESS));

                """.formatted(cls, fortran, type.module(), type.position().file().getFileName(), type.position().line(), prefix));
        }
        sb.append(inHierarchy ? hierarchyConstructors() : """
                        private final MemorySegment segment;
                        private final Arena owner;

                        private %1$s(MemorySegment segment, Arena owner) {
                            this.segment = segment;
                            this.owner = owner;
                        }

                """.formatted(cls, fortran, type.module(), type.position().file().getFileName(), type.position().line(), prefix));
        if (!type.isAbstract()) {
            sb.append("""
                        /**
                         * Creates a default-initialised {@code %2$s} in Fortran ({@code allocate}), owned by {@code arena}.
                         *
                         * @param arena deallocates the object when it closes
                         * @return the handle
                         */
                        public static %1$s allocate(Arena arena) {
                            Objects.requireNonNull(arena, "arena");
                            try {
                                MemorySegment address = (MemorySegment) NEW$.invokeExact();
                                return new %1$s(address.reinterpret(arena, %1$s::free), arena);
                            } catch (Throwable t) {
                                throw unexpected(t);
                            }
                        }

                        /**
                         * Wraps a {@code %2$s} object that Fortran owns; the handle never frees it.
                         *
                         * @param address the object's address
                         * @return the handle
                         * @throws IllegalArgumentException if the address is NULL
                         */
                        public static %1$s borrow(MemorySegment address) {
                            Objects.requireNonNull(address, "address");
                            if (address.equals(MemorySegment.NULL)) {
                                throw new IllegalArgumentException("address: expected a %2$s object, got NULL");
                            }
                            return new %1$s(address, null);
                        }

                        /** An object a function returned: an automatic arena owns it, so Fortran frees it once Java no longer reaches it. */
                        private static %1$s adopt(MemorySegment address) {
                            Arena arena = Arena.ofAuto();
                            return new %1$s(address.reinterpret(arena, %1$s::free), arena);
                        }

                        private static void free(MemorySegment address) {
                            try {
                                FREE$.invokeExact(address);
                            } catch (Throwable t) {
                                throw unexpected(t);
                            }
                        }

                """.formatted(cls, fortran, type.module(), type.position().file().getFileName(), type.position().line(), prefix));
        }
        sb.append("""
                        /**
                         * Returns the object's address, scoped to its owner's arena (global for a borrowed object).
                         *
                         * @return a zero-length segment at the object
                         */
                        public MemorySegment segment() {
                            return segment;
                        }

                        /** The memory of a component, from its shim function; it lives as long as the object's arena. */
                        private MemorySegment member(MethodHandle address, long bytes) {
                            try {
                                return within((MemorySegment) address.invokeExact(segment), bytes);
                            } catch (Throwable t) {
                                throw unexpected(t);
                            }
                        }

                        private MemorySegment within(MemorySegment at, long bytes) {
                            return owner == null ? at.reinterpret(bytes) : at.reinterpret(bytes, owner, null);
                        }
                %7$s
                        @Override
                        public String toString() {
                            return "%1$s[%2$s at 0x" + Long.toHexString(segment.address()) + "]";
                        }

                """.formatted(cls, fortran, type.module(), type.position().file().getFileName(), type.position().line(), prefix, members.toString().indent(4).replaceAll("(?m)^[ ]+$", "")));
        if (!type.isAbstract()) {
            sb.append(HandleArrayBuilder.arrayClass(cls, type, prefix).indent(4).replaceAll("(?m)^[ ]+$", ""));
        }
        sb.append("    }\n");
        return sb.toString();
    }

    /** The class comment's paragraph on who owns the object, and for a hierarchy, how Fortran sees the handle's type. */
    private String ownership() {
        var lines = new java.util.ArrayList<String>();
        if (type.isAbstract()) {
            lines.add("<p>Abstract: no object is of exactly this type, so there is no {@code allocate}, {@code borrow} or");
            lines.add("{@code Array}; the handles of its extensions are instances of this class.");
        } else {
            lines.add("<p>Ownership: {@link #allocate(Arena)} creates the object in Fortran and gives it to the arena, which");
            lines.add("deallocates it (allocatable components with it) when it closes; using the handle or a view of its arrays");
            lines.add("after that throws {@code IllegalStateException}. {@link #borrow(MemorySegment)} wraps an object Fortran");
            lines.add("owns (a module variable, a pointer component): it must outlive the handle, which never frees it.");
            var finals = new java.util.ArrayList<String>();
            for (Type.Derived t = type; t != null; t = t.parent()) {
                finals.addAll(t.finals());
            }
            if (!finals.isEmpty()) {
                lines.add("Closing the arena runs the final procedures ({@code " + String.join("}, {@code ", finals) + "}), as Fortran's");
                lines.add("{@code deallocate} does; a borrowed object is never finalized by Java.");
            }
        }
        if (hierarchy.inHierarchy(type)) {
            lines.add("");
            lines.add("<p>Type extension: the class hierarchy mirrors Fortran's. A handle of an extension is accepted where Fortran");
            lines.add("takes {@code class(" + type.name() + ")}; it carries its dynamic type to Fortran, so the type-bound procedures it");
            lines.add("inherits run the overrides Fortran picks for it. A borrowed object must be of exactly this type.");
        }
        return String.join("\n", lines.stream().map(l -> l.isEmpty() ? "     *" : "     * " + l).toList());
    }

    /** The fields and constructors of a class in a type hierarchy: the root keeps the dynamic type's tag. */
    private String hierarchyConstructors() {
        boolean root = type.parent() == null;
        String own = type.isAbstract() ? "" : """

                    /** The tag of {@code %2$s} (the shims' numbering of the library's handle types). */
                    private static final int TAG$ = %3$d;

                    private %1$s(MemorySegment segment, Arena owner) {
                        this(segment, owner, TAG$);
                    }
                """.formatted(cls, "type(" + type.name() + ")", hierarchy.tag(type));
        return """
                    private final MemorySegment segment;
                    private final Arena owner;
                %2$s%3$s
                    /** An object of the type whose tag is given: this type's or an extension's. */
                    %1$s(MemorySegment segment, Arena owner, int tag) {
                        %4$s
                        this.segment = segment;
                        this.owner = owner;
                    }

                """.formatted(cls, root ? """

                    /** The tag of the object's dynamic type, which a shim turns into a Fortran class(t) pointer of that type. */
                    final int tag$;
                """ : "", own, root ? "this.tag$ = tag;" : "super(segment, owner, tag);").indent(4).replaceAll("(?m)^[ ]+$", "");
    }

    /**
     * A type-bound procedure as an instance method (a static one for {@code nopass}): it calls the bound procedure's
     * friendly method with this object as the passed-object dummy.
     */
    private String boundMethod(String binding, Notes.BoundProcedure target, String name, String generic) {
        var p = target.procedure();
        var f = new FriendlyMethodBuilder(p, notes.require(p, Notes.CallPlan.class), notes, false);
        String method = FriendlyMethodBuilder.scopedName(p, notes);
        String owner = notes.get(p, Notes.Namespace.class).filter(n -> !n.topLevel()).map(n -> bindingClass + "." + n.className())
                .orElse(bindingClass);
        // A dispatching procedure's friendly method is private: the docs describe the arguments instead of linking it.
        boolean dispatch = notes.get(p, Notes.Dispatch.class).isPresent();
        var params = new java.util.ArrayList<String>();
        var args = new java.util.ArrayList<String>();
        var docs = new StringBuilder();
        for (int i = 0; i < p.parameters().size(); i++) {
            var q = p.parameters().get(i);
            if (i == target.passed()) {
                args.add("this");
            } else if (f.visible().contains(q)) {
                params.add(f.javaType(q) + " " + f.parameterName(q));
                args.add(f.parameterName(q));
                docs.append(" * @param ").append(f.parameterName(q)).append(dispatch ? " Fortran's {@code " + q.name() + "}"
                        : " see {@link " + owner + "#" + method + "}").append('\n');
            }
        }
        String ret = f.returnType();
        if (!ret.equals("void")) {
            docs.append(dispatch ? " * @return what the Fortran procedure returns (and its intent(out) arguments)\n"
                    : " * @return see {@link " + owner + "#" + method + "}\n");
        }
        String passed = target.passed() < 0 ? "" : " with this object as {@code " + p.parameters().get(target.passed()).name() + "}"
                + (dispatch ? "; Fortran dispatches on the object's dynamic type, so an extension's override runs" : "");
        return """

                /**
                 * Calls %stype-bound procedure {@code %s} ({@code %s})%s.
                 *
                %s */
                public %s%s %s(%s) {
                    %s%s.%s(%s);
                }
                """.formatted(generic == null ? "" : "generic ", binding, p.name(), passed,
                docs, target.passed() < 0 ? "static " : "", ret, name, String.join(", ", params),
                ret.equals("void") ? "" : "return ", owner, method, String.join(", ", args));
    }

    /** A bind(C) component: a view of the struct inside the object. */
    private String structComponent(Type.Component c, Type.Struct s) {
        String handle = HandleShimBuilder.componentSymbol(type, c).toUpperCase(Locale.ROOT);
        String struct = StructBuilder.className(s);
        return """

                private static final MethodHandle %1$s = LIBRARY.downcall("%2$s", FunctionDescriptor.of(ADDRESS, ADDRESS));

                /**
                 * Returns component {@code %3$s} as a view of the struct inside this object (no copy).
                 *
                 * @return the view
                 */
                public %4$s get%5$s() {
                    return %4$s.of(member(%1$s, %4$s.LAYOUT.byteSize()));
                }
            """.formatted(handle, HandleShimBuilder.componentSymbol(type, c), c.name(), struct, NameMangler.upperCamel(c.name()));
    }

    /** A component of another handle type: a handle to it that lives as long as this object's owner. */
    private String handleComponent(Type.Component c, Type.Derived d) {
        String handle = HandleShimBuilder.componentSymbol(type, c).toUpperCase(Locale.ROOT);
        String inner = className(d);
        return """

                private static final MethodHandle %1$s = LIBRARY.downcall("%2$s", FunctionDescriptor.of(ADDRESS, ADDRESS));

                /**
                 * Returns component {@code %3$s}, a {@code type(%6$s)} object inside this one, as a handle that does not own it.
                 *
                 * @return the handle, valid while this object lives
                 */
                public %4$s get%5$s() {
                    return new %4$s(member(%1$s, 0), owner);
                }
            """.formatted(handle, HandleShimBuilder.componentSymbol(type, c), c.name(), inner, NameMangler.upperCamel(c.name()), d.name());
    }

    /**
     * An allocatable or pointer component of a handle type: a borrowed handle of the object's dynamic type (its shim
     * writes the tag), or null; {@code allocateX} allocates it, with a dynamic type chosen by its Java class when the
     * component is {@code class(t)}.
     */
    private String dynamicComponent(Type.Component c, Type.Derived d) {
        String handle = HandleShimBuilder.componentSymbol(type, c).toUpperCase(Locale.ROOT);
        String symbol = HandleShimBuilder.componentSymbol(type, c);
        String base = GlobalAccessorBuilder.accessorBase(c.name());
        Type.Derived declared = hierarchy.definition(d);
        String inner = className(declared);
        var dynamic = d.polymorphic() ? hierarchy.concreteExtensions(declared) : java.util.List.of(declared);
        var cases = new StringBuilder();
        var tags = new StringBuilder();
        var names = new java.util.ArrayList<String>();
        for (Type.Derived u : dynamic) {
            cases.append("                case ").append(hierarchy.tag(u)).append(" -> new ").append(className(u)).append("(at, owner);\n");
            tags.append(tags.isEmpty() ? "" : " : ").append("dynamicType == ").append(className(u)).append(".class ? ").append(hierarchy.tag(u));
            names.add(className(u));
        }
        String what = (c.pointer() ? "pointer" : "allocatable") + " component {@code " + c.name() + "}, a {@code "
                + (d.polymorphic() ? "class(" : "type(") + declared.name() + ")} object inside this one";
        String get = """

                private static final MethodHandle %1$s = LIBRARY.downcall("%2$s", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
                private static final MethodHandle %1$s_ALLOCATE = LIBRARY.downcall("%2$s_allocate", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));

                /**
                 * Returns %3$s,
                 * as a handle %4$sthat does not own it, or null when it is not %5$s. The handle is valid until the
                 * component is deallocated or allocated again, by Java or by Fortran.
                 *
                 * @return the handle, or null
                 */
                public %6$s get%7$s() {
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment tag = arena.allocate(JAVA_INT);
                        MemorySegment address = (MemorySegment) %1$s.invokeExact(segment, tag);
                        if (address.equals(MemorySegment.NULL)) {
                            return null;
                        }
                        MemorySegment at = within(address, 0);
                        return switch (tag.get(JAVA_INT, 0)) {
            %8$s                default -> throw new IllegalStateException("%9$s has a dynamic type this binding does not know");
                        };
                    } catch (Throwable t) {
                        throw unexpected(t);
                    }
                }
            """.formatted(handle, symbol, what, d.polymorphic() ? "of its dynamic type " : "", c.pointer() ? "associated" : "allocated",
                inner, base, cases, c.name());
        String release = c.pointer() ? "; the object it pointed to before is not freed (Gatun cannot know who owns it)"
                : ", deallocating it first if it is allocated";
        String allocate = d.polymorphic() ? """

                /**
                 * Allocates component {@code %1$s} with the dynamic type of a handle class (Fortran {@code allocate(t :: o%%%1$s)},
                 * which default-initialises it)%2$s.
                 *
                 * @param dynamicType one of {@code %3$s}
                 * @throws IllegalArgumentException if {@code dynamicType} is not one of them
                 */
                public void allocate%4$s(Class<? extends %5$s> dynamicType) {
                    Objects.requireNonNull(dynamicType, "dynamicType");
                    int tag = %6$s : 0;
                    if (tag == 0) {
                        throw new IllegalArgumentException("dynamicType: expected one of %7$s, got " + dynamicType.getSimpleName());
                    }
                    try {
                        %8$s_ALLOCATE.invokeExact(segment, tag);
                    } catch (Throwable t) {
                        throw unexpected(t);
                    }
                }
            """.formatted(c.name(), release, String.join("}, {@code ", names), base, inner, tags, String.join(", ", names), handle) : """

                /** Allocates component {@code %1$s} (Fortran {@code allocate}, which default-initialises it)%2$s. */
                public void allocate%3$s() {
                    try {
                        %4$s_ALLOCATE.invokeExact(segment, %5$d);
                    } catch (Throwable t) {
                        throw unexpected(t);
                    }
                }
            """.formatted(c.name(), release, base, handle, hierarchy.tag(declared));
        String deallocate = c.pointer() ? "" : """

                private static final MethodHandle %1$s_DEALLOCATE = LIBRARY.downcall("%2$s_deallocate", FunctionDescriptor.ofVoid(ADDRESS));

                /** Deallocates component {@code %3$s} if it is allocated (Fortran {@code deallocate}); handles to it become invalid. */
                public void deallocate%4$s() {
                    try {
                        %1$s_DEALLOCATE.invokeExact(segment);
                    } catch (Throwable t) {
                        throw unexpected(t);
                    }
                }
            """.formatted(handle, symbol, c.name(), base);
        return get + allocate + deallocate;
    }
}
