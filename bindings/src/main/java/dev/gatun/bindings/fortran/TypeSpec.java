// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Type;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A parsed Fortran type specification: the model type, or why it cannot be bound.
 *
 * @param type        the model type, or null when unsupported
 * @param spelling    the source spelling, for messages ({@code real*16}, {@code type(point)})
 * @param unsupported why the type cannot be bound, or null
 * @param derived     the lower-case name of a derived type ({@code type(point)}), resolved against the types in
 *                    scope when the declaration is lowered; null for intrinsic types
 */
record TypeSpec(Type type, String spelling, String unsupported, String derived) {

    /** An intrinsic type, or one that cannot be bound. */
    TypeSpec(Type type, String spelling, String unsupported) {
        this(type, spelling, unsupported, null);
    }

    /**
     * Resolves a derived type against the types in scope (a {@code bind(C)} type is a struct, another a handle).
     *
     * @param types the derived types visible where the declaration is, by lower-case name
     * @return this spec with its type, or with the reason it has none
     */
    TypeSpec resolve(Map<String, Type> types) {
        if (derived == null || type != null) {
            return this;
        }
        Type t = types.get(derived);
        if (t instanceof Type.Struct s && !s.opaque() && spelling.startsWith("class")) {
            return new TypeSpec(null, spelling, "polymorphic " + spelling + " of a bind(C) type is not bound; declare it type(" + derived + ")",
                    derived);
        }
        if (t instanceof Type.Derived d && spelling.startsWith("class")) {
            // class(t): the object may be of any extension of t, which the shim passes on with its dynamic type.
            return new TypeSpec(d.asPolymorphic(), spelling, null, derived);
        }
        if (t instanceof Type.Derived d && d.isAbstract()) {
            return new TypeSpec(null, spelling, "type(" + d.name() + ") is abstract: only class(" + d.name() + ") declares an object of it",
                    derived);
        }
        return t != null ? new TypeSpec(t, spelling, null, derived)
                : new TypeSpec(null, spelling, "derived type '" + derived + "' is not defined in a module this unit uses"
                        + " (types defined inside a procedure, or in a module Gatun was not given, are not bound)", derived);
    }

    private static final java.util.Set<String> STARTS = java.util.Set.of("integer", "real", "doubleprecision", "double",
            "complex", "doublecomplex", "logical", "character", "type", "class");

    /** Returns true when the cursor is at the start of a type specification. */
    static boolean startsAt(Cursor c) {
        Token t = c.peek();
        if (t.kind() != Token.Kind.NAME || !STARTS.contains(t.text())) {
            return false;
        }
        if (t.text().equals("double")) {
            return c.peek(1).is("precision") || c.peek(1).is("complex");
        }
        // "type x" starts a derived-type definition, "type(...)" a declaration.
        return !t.text().equals("type") || c.peek(1).is("(");
    }

    /** Parses a type specification at the cursor (which {@link #startsAt} accepted). */
    static TypeSpec parse(Cursor c, Map<String, Expr> constants) {
        Token first = c.next();
        String base = switch (first.text()) {
            case "doubleprecision" -> "double precision";
            case "doublecomplex" -> "double complex";
            case "double" -> "double " + c.next().text();
            default -> first.text();
        };
        return switch (base) {
            case "double precision" -> supported(new Type.Scalar(dev.gatun.bindings.model.ScalarKind.DOUBLE), base);
            case "double complex" -> supported(new Type.Scalar(dev.gatun.bindings.model.ScalarKind.COMPLEX_DOUBLE), base);
            case "character" -> character(c, constants);
            case "type", "class" -> derived(c, base);
            default -> intrinsic(c, base, constants);
        };
    }

    private static TypeSpec supported(Type type, String spelling) {
        return new TypeSpec(type, spelling, null);
    }

    private static TypeSpec intrinsic(Cursor c, String base, Map<String, Expr> constants) {
        long kind = 4; // default kinds of gfortran, ifx and flang
        String spelling = base;
        if (c.accept("*")) {
            Token size = c.next();
            if (size.kind() != Token.Kind.INT) {
                throw c.error(size, "expected a byte size after '" + base + "*', found " + Cursor.describe(size));
            }
            long bytes;
            try {
                bytes = Long.parseLong(size.text());
            } catch (NumberFormatException e) {
                throw c.error(size, "byte size " + size.text() + " of '" + base + "*' does not fit in 64 bits");
            }
            // complex*16 is two 8-byte reals: kinds count one component.
            kind = base.equals("complex") ? bytes / 2 : bytes;
            spelling = base + "*" + bytes;
        } else if (c.peek().is("(")) {
            c.next();
            if (c.peek().is("kind") && c.peek(1).is("=")) {
                c.next();
                c.next();
            }
            Token at = c.peek();
            Expr k = new ExprParser(c, constants).parse();
            c.expect(")", "to close the kind of '" + base + "'");
            OptionalLong value = KindTable.evaluate(k);
            if (value.isEmpty()) {
                throw c.error(at, "cannot evaluate the kind '" + k.render() + "' of '" + base
                        + "'; use a literal, an iso_c_binding/iso_fortran_env kind or a named constant declared before it");
            }
            kind = value.getAsLong();
            spelling = base + "(" + kind + ")";
        }
        Type type = KindTable.typeOf(base, kind);
        return type != null ? supported(type, spelling)
                : new TypeSpec(null, spelling, spelling + " has no Java counterpart");
    }

    private static TypeSpec character(Cursor c, Map<String, Expr> constants) {
        Expr length = new Expr.IntConst(1, c.position(c.peek()));
        if (c.accept("*")) {
            if (c.accept("(")) {
                length = new ExprParser(c, constants).parse();
                c.expect(")", "to close the character length");
            } else {
                length = new ExprParser(c, constants).parse();
            }
        } else if (c.accept("(")) {
            do {
                String keyword = "len";
                if (c.peek().kind() == Token.Kind.NAME && c.peek(1).is("=")) {
                    keyword = c.next().text();
                    c.next();
                }
                Expr value = new ExprParser(c, constants).parse();
                if (keyword.equals("kind")) {
                    OptionalLong k = KindTable.evaluate(value);
                    if (k.isEmpty() || k.getAsLong() != 1) {
                        return new TypeSpec(null, "character(kind=" + value.render() + ")", "only character(kind=1) / c_char is supported");
                    }
                } else {
                    length = value;
                }
            } while (c.accept(","));
            c.expect(")", "to close the character type parameters");
        }
        return supported(new Type.Character(length), "character(len=" + length.render() + ")");
    }

    private static TypeSpec derived(Cursor c, String base) {
        c.expect("(", "after '" + base + "'");
        StringBuilder name = new StringBuilder();
        while (!c.peek().is(")") && !c.atEnd()) {
            name.append(c.next().text());
        }
        c.expect(")", "to close '" + base + "('");
        String spelling = base + "(" + name + ")";
        if (base.equals("type") && (name.toString().equals("c_ptr") || name.toString().equals("c_funptr"))) {
            return supported(new Type.Pointer(Type.VOID), spelling);
        }
        if (base.equals("class") && name.toString().equals("*")) {
            return new TypeSpec(null, spelling, "unlimited polymorphic class(*) is not bound");
        }
        return new TypeSpec(null, spelling, null, name.toString().toLowerCase(java.util.Locale.ROOT));
    }
}
