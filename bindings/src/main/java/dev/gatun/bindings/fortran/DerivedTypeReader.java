// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads one derived-type definition ({@code type [, bind(c)] :: name ... end type}) and lowers it: a
 * {@code bind(C)} type becomes a {@link Type.Struct} laid out by the C rules that gfortran follows for it
 * (each component at the next multiple of its alignment, the size rounded up to the largest alignment), so
 * it gets the same Java class as the equivalent C struct; any other type becomes a {@link Type.Derived}
 * handle type with the components Java can reach and its type-bound procedures. Component declarations are
 * read by {@link DeclarationParser} into a scratch draft, exactly as a procedure's declarations.
 */
final class DerivedTypeReader {

    /**
     * The {@code type} statement.
     *
     * @param name        the type name
     * @param bindC       {@code bind(c)}
     * @param isPrivate   {@code type, private :: t}
     * @param unsupported why the type cannot be bound at all (parameters, unknown attributes), or null
     * @param position    where the statement is
     * @param parent      the lower-case name of the type it extends, or null
     * @param isAbstract  {@code type, abstract}
     */
    record Header(String name, boolean bindC, boolean isPrivate, String unsupported, SourcePosition position, String parent,
                  boolean isAbstract) {
    }

    private final Header header;
    private final ProcedureDraft components;
    private final Diagnostics diagnostics;
    private final List<Type.Binding> bindings = new ArrayList<>();
    private final List<Type.Generic> generics = new ArrayList<>();
    private final List<String> finals = new ArrayList<>();
    private boolean privateBindings;
    private String problem;
    private SourcePosition problemAt;

    DerivedTypeReader(Header header, ProcedureDraft components, Diagnostics diagnostics) {
        this.header = header;
        this.components = components;
        this.diagnostics = diagnostics;
    }

    /** Parses {@code type [, attr]... [::] name [(params)]} at the cursor. */
    static Header header(Cursor c) {
        Token keyword = c.expect("type", "");
        boolean bindC = false;
        boolean isPrivate = false;
        String unsupported = null;
        String parent = null;
        boolean isAbstract = false;
        while (c.accept(",")) {
            Token a = c.expectName("a type attribute");
            switch (a.text()) {
                case "bind" -> {
                    c.expect("(", "after 'bind'");
                    c.expect("c", "in 'bind('");
                    c.expect(")", "to close 'bind('");
                    bindC = true;
                }
                case "extends" -> {
                    c.expect("(", "after 'extends'");
                    parent = c.expectName("the parent type").text();
                    c.expect(")", "to close 'extends('");
                }
                case "abstract" -> isAbstract = true;
                case "private" -> isPrivate = true;
                case "public" -> {
                    // the default
                }
                default -> unsupported = "its attribute '" + a.text() + "' is not supported";
            }
        }
        c.accept("::");
        Token name = c.expectName("a type name");
        if (c.peek().is("(")) {
            unsupported = "it is a parameterized derived type";
        }
        return new Header(name.text(), bindC, isPrivate, unsupported, c.position(keyword), parent, isAbstract);
    }

    /** Records why the type cannot be read completely; the first problem is reported. */
    void problem(SourcePosition where, String message) {
        if (problem == null) {
            problem = message;
            problemAt = where;
        }
    }

    /**
     * A statement of the definition the lexer cannot read: in a {@code bind(C)} type the layout is then unknown, so the
     * type is skipped; another type only loses the component (its layout is the compiler's business).
     */
    void unreadable(SourcePosition where, String message) {
        if (header.bindC()) {
            problem(where, message);
        } else {
            diagnostics.warning(where, "skipped a component statement of type '" + header.name() + "': " + message);
        }
    }

    /** {@code sequence}, {@code private}, {@code public} and procedure-pointer components. */
    void otherStatement(Cursor s) {
        Token first = s.peek();
        if (first.is("sequence") || first.is("private") || first.is("public")) {
            return;
        }
        if (first.is("procedure")) {
            if (header.bindC()) {
                problem(s.position(first), "procedure pointer components are not interoperable; use type(c_funptr)");
            } else {
                diagnostics.warning(s.position(first), "no accessor for a procedure-pointer component of type '" + header.name()
                        + "': procedure pointers are not bound");
            }
            return;
        }
        problem(s.position(first), "unexpected " + Cursor.describe(first) + " in the definition of type '" + header.name() + "'");
    }

    /** A statement after {@code contains}: {@code procedure [, pass(x) | nopass] :: name [=> specific], ...}. */
    void binding(Cursor s) {
        Token first = s.next();
        if (first.is("final")) {
            // Fortran runs it when the free shim deallocates an object: nothing for Java to call.
            s.accept("::");
            do {
                finals.add(s.expectName("a final procedure").text());
            } while (s.accept(","));
            return;
        }
        if (first.is("generic")) {
            generic(s, first);
            return;
        }
        if (first.is("private") || first.is("public")) {
            // A lone 'private' after 'contains' makes the bindings private unless they say 'public'.
            privateBindings = first.is("private");
            return;
        }
        if (!first.is("procedure")) {
            return;
        }
        String iface = null;
        if (s.accept("(")) {
            iface = s.expectName("an interface name").text();
            s.expect(")", "to close 'procedure('");
        }
        String pass = "";
        boolean deferred = false;
        boolean isPrivate = privateBindings;
        while (s.accept(",")) {
            Token a = s.expectName("a binding attribute");
            if (a.is("private") || a.is("public")) {
                isPrivate = a.is("private");
            } else if (a.is("deferred")) {
                deferred = true;
            } else if (a.is("nopass")) {
                pass = null;
            } else if (a.is("pass") && s.accept("(")) {
                pass = s.expectName("the passed-object dummy").text();
                s.expect(")", "to close 'pass('");
            }
        }
        s.accept("::");
        if (iface != null && !deferred) {
            diagnostics.warning(s.position(first), "skipped type-bound procedure 'procedure(" + iface + ")' of type '" + header.name()
                    + "': an interface is given only with 'deferred'");
            return;
        }
        if (deferred && !header.isAbstract()) {
            diagnostics.warning(s.position(first), "skipped a deferred type-bound procedure of type '" + header.name()
                    + "': only an abstract type has deferred bindings");
            return;
        }
        do {
            Token name = s.expectName("a binding name");
            String specific = deferred ? iface : s.accept("=>") ? s.expectName("a procedure name").text() : name.text();
            bindings.add(new Type.Binding(name.text(), specific, pass, s.position(name), deferred, isPrivate));
        } while (s.accept(","));
    }

    /** {@code generic [, access] :: name => b1, b2}; operators and assignments are reported and skipped. */
    private void generic(Cursor s, Token first) {
        boolean isPrivate = false;
        while (s.accept(",")) {
            isPrivate |= s.expectName("a generic binding attribute").is("private");
        }
        s.accept("::");
        Token name = s.expectName("a generic name");
        if (s.peek().is("(")) {
            diagnostics.warning(s.position(first), "skipped generic binding '" + name.text() + "(...)' of type '" + header.name()
                    + "': generic operators, assignments and defined I/O are not bound; call the specific bindings");
            return;
        }
        s.expect("=>", "after the generic name");
        var specifics = new ArrayList<String>();
        do {
            specifics.add(s.expectName("a specific binding").text());
        } while (s.accept(","));
        if (!isPrivate) {
            generics.add(new Type.Generic(name.text(), specifics, s.position(name)));
        }
    }

    /** Lowers the definition at its {@code end type}; returns null (reported) when it cannot be bound. */
    Type lower(String module) {
        if (header.unsupported() != null) {
            return skip(header.position(), header.unsupported());
        }
        if (problem != null) {
            return skip(problemAt, problem);
        }
        Type.Derived parent = null;
        if (header.parent() != null) {
            Type p = components.types.get(header.parent().toLowerCase(java.util.Locale.ROOT));
            if (header.bindC()) {
                return skip(header.position(), "a bind(C) type cannot extend another type");
            }
            if (!(p instanceof Type.Derived d)) {
                return skip(header.position(), "it extends '" + header.parent() + "', which "
                        + (p == null ? "is not defined in a module this unit uses" : "is not bound (bind(C) types cannot be extended)"));
            }
            parent = d;
        }
        return header.bindC() ? struct() : module == null ? skip(header.position(), "it is not bind(C) and not defined in a module,"
                + " so no shim can name it") : derived(module, parent);
    }

    private Type skip(SourcePosition where, String reason) {
        diagnostics.warning(where, "skipped type '" + header.name() + "': " + reason + "; procedures using it are not bound");
        return null;
    }

    /** C layout rules, as gfortran applies them to interoperable types. */
    private Type struct() {
        var fields = new ArrayList<Type.Field>();
        long offset = 0;
        long alignment = 1;
        for (ProcedureDraft.Entity e : components.entities.values()) {
            String where = "component '" + e.name + "' ";
            if (e.unsupportedAttribute != null) {
                return skip(e.position, where + "is " + e.unsupportedAttribute + ", which a bind(C) type cannot have");
            }
            TypeSpec spec = e.type == null ? null : e.type.resolve(components.types);
            if (spec == null || spec.type() == null) {
                return skip(e.position, where + (spec == null ? "has no type" : spec.unsupported()));
            }
            Type t = spec.type();
            if (t instanceof Type.Struct s && s.opaque()) {
                return skip(e.position, where + "is type(" + s.name() + "), which is not bound");
            }
            if (t instanceof Type.Character c) {
                OptionalLong len = KindTable.evaluate(c.length());
                if (len.isEmpty() || len.getAsLong() != 1) {
                    return skip(e.position, where + "is " + c.describe() + "; a bind(C) type holds character(len=1) (arrays of c_char)");
                }
                t = new Type.Scalar(ScalarKind.INT8);
            }
            if (t instanceof Type.Derived d) {
                return skip(e.position, where + "is " + d.describe() + ", which is not bind(C)");
            }
            List<Long> extents = extents(e.dimensions);
            if (extents == null) {
                return skip(e.position, where + "has dimensions that are not constant");
            }
            long size = size(t);
            long align = alignment(t);
            offset = (offset + align - 1) / align * align;
            var dims = new ArrayList<Dimension>();
            // Fortran's first index varies fastest: as a C array the dimensions come in reverse order.
            for (int i = extents.size() - 1; i >= 0; i--) {
                dims.add(new Dimension.Explicit(new Expr.IntConst(1, e.position), new Expr.IntConst(extents.get(i), e.position), e.position));
                size *= extents.get(i);
            }
            fields.add(new Type.Field(e.name, t, dims, offset, e.position));
            offset += size;
            alignment = Math.max(alignment, align);
        }
        if (!bindings.isEmpty()) {
            diagnostics.warning(header.position(), "type '" + header.name() + "' is bind(C): its type-bound procedures are not methods"
                    + " of the struct class; call the procedures themselves");
        }
        long size = (offset + alignment - 1) / alignment * alignment;
        return new Type.Struct(header.name(), false, fields, size, alignment, header.position());
    }

    private Type derived(String module, Type.Derived parent) {
        var out = new ArrayList<Type.Component>();
        for (ProcedureDraft.Entity e : components.entities.values()) {
            String reason = null;
            TypeSpec spec = e.type == null ? null : e.type.resolve(components.types);
            boolean allocatable = "allocatable".equals(e.unsupportedAttribute);
            boolean pointer = "pointer".equals(e.unsupportedAttribute);
            if (spec == null || spec.type() == null) {
                reason = spec == null ? "it has no type" : spec.unsupported();
            } else if (spec.type() instanceof Type.Struct s && s.opaque()) {
                reason = "it is type(" + s.name() + "), which is not bound";
            } else if ((allocatable || pointer) && e.dimensions.isEmpty() && !(spec.type() instanceof Type.Derived)) {
                reason = "it is an " + e.unsupportedAttribute + " scalar; allocatable and pointer arrays, and scalars of a type that"
                        + " is not bind(C), are bound";
            } else if (!allocatable && !pointer && extents(e.dimensions) == null) {
                reason = "its dimensions are not constant";
            } else if (spec.type() instanceof Type.Character c && !(KindTable.evaluate(c.length()).isPresent())) {
                reason = "its length " + c.length().render() + " is not constant";
            }
            if (reason != null) {
                diagnostics.warning(e.position, "no accessor for component '" + e.name + "' of type '" + header.name() + "': " + reason);
                continue;
            }
            Type t = spec.type();
            if (t instanceof Type.Character c) {
                t = new Type.Character(new Expr.IntConst(KindTable.evaluate(c.length()).getAsLong(), e.position));
            }
            out.add(new Type.Component(e.name, t, e.dimensions, allocatable, pointer, e.position));
        }
        return new Type.Derived(header.name(), module, out, bindings, header.position(), parent, header.isAbstract(), false, generics, finals);
    }

    /** Constant extents in source order, or null when one is not constant. */
    private static List<Long> extents(List<Dimension> dimensions) {
        var out = new ArrayList<Long>();
        for (Dimension d : dimensions) {
            if (!(d instanceof Dimension.Explicit x)) {
                return null;
            }
            OptionalLong lo = KindTable.evaluate(x.lower());
            OptionalLong hi = KindTable.evaluate(x.upper());
            if (lo.isEmpty() || hi.isEmpty()) {
                return null;
            }
            out.add(Math.max(0, hi.getAsLong() - lo.getAsLong() + 1));
        }
        return out;
    }

    private static long size(Type t) {
        return switch (t) {
            case Type.Scalar s -> s.kind().bytes();
            case Type.Logical l -> l.bytes();
            case Type.Struct s -> s.size();
            default -> 8; // type(c_ptr), type(c_funptr)
        };
    }

    private static long alignment(Type t) {
        return switch (t) {
            case Type.Scalar s -> s.kind().isComplex() ? s.kind().bytes() / 2 : s.kind().bytes();
            case Type.Struct s -> s.alignment();
            default -> size(t);
        };
    }
}
