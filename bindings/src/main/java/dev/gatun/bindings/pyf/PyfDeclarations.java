// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.fortran.FortranKinds;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses the declarations inside a signature-file routine: type declarations with f2py's
 * attributes ({@code real*8 dimension(n),intent(in,out,copy) :: a}, {@code integer
 * intent(hide),depend(a) :: n=shape(a,0)}, where f2py lets a blank stand for the comma after the
 * type), and attribute statements ({@code intent(c) foo}, {@code check(n>0) n}, {@code external f}).
 */
final class PyfDeclarations {

    static final Set<String> ATTRIBUTES = Set.of("intent", "dimension", "depend", "check", "optional", "required",
            "external", "value", "note", "parameter", "allocatable", "pointer", "target", "save", "intrinsic", "public",
            "private", "bind", "contiguous", "volatile", "asynchronous");

    /** f2py's intent words; {@code out=name} is also accepted. */
    static final Set<String> INTENTS = Set.of("in", "out", "inout", "hide", "c", "copy", "overwrite", "cache", "optional",
            "callback", "aux", "inplace", "required", "aligned4", "aligned8", "aligned16");

    private static final Set<String> TYPE_STARTS = Set.of("integer", "real", "doubleprecision", "double", "complex",
            "doublecomplex", "logical", "character", "byte", "type");

    private final Map<String, Expr> kindConstants;

    PyfDeclarations(Map<String, Expr> kindConstants) {
        this.kindConstants = kindConstants;
    }

    /** The attributes written before {@code ::} (or before the names). */
    private static final class Attributes {
        final Set<String> intents = new LinkedHashSet<>();
        List<Dimension> dimensions;
        boolean optional;
        boolean required;
        boolean external;
        boolean value;
        final List<String> depends = new ArrayList<>();
        final List<Expr> checks = new ArrayList<>();
    }

    static boolean startsType(PyfTokens c) {
        PyfTokens.Token t = c.peek();
        if (t.kind() != PyfTokens.Kind.NAME || !TYPE_STARTS.contains(t.lower())) {
            return false;
        }
        if (t.is("double")) {
            return c.peek(1).is("precision") || c.peek(1).is("complex");
        }
        return !t.is("type") || c.peek(1).is("(");
    }

    /** A type declaration or an attribute statement, applied to the routine's entities. */
    void declaration(PyfTokens c, RoutineDraft draft) {
        RoutineDraft.TypeSpec spec = startsType(c) ? type(c) : null;
        if (spec == null && !(c.peek().kind() == PyfTokens.Kind.NAME && ATTRIBUTES.contains(c.peek().lower()))) {
            throw c.error(c.peek(), "expected a declaration, found " + c.peek().describe());
        }
        boolean doubleColon = c.aheadAtTopLevel("::");
        Attributes a = new Attributes();
        boolean first = true;
        while (true) {
            boolean comma = c.accept(",");
            PyfTokens.Token t = c.peek();
            boolean attribute = t.kind() == PyfTokens.Kind.NAME && ATTRIBUTES.contains(t.lower())
                    && (comma || c.peek(1).is("(") || doubleColon || (first && spec == null));
            if (!attribute) {
                if (comma && !doubleColon) {
                    throw c.error(t, "expected an attribute after ',', found " + t.describe());
                }
                break;
            }
            first = false;
            c.next();
            attribute(c, t, a);
        }
        c.accept("::");
        do {
            PyfTokens.Token nameToken = c.expectName("a name to declare");
            SourcePosition where = c.position(nameToken);
            List<Dimension> dims = a.dimensions;
            if (c.accept("(")) {
                dims = dimensions(c);
            }
            RoutineDraft.TypeSpec entitySpec = spec;
            if (spec != null && spec.type() instanceof Type.Character && c.accept("*")) {
                entitySpec = character(length(c), c.position(nameToken));
            }
            Expr init = null;
            if (c.accept("=")) {
                init = new PyfExpressions(c, Map.of()).parse();
            }
            apply(draft.entity(nameToken.text(), where), entitySpec, a, dims, init);
        } while (c.accept(","));
        if (!c.atEnd()) {
            throw c.error(c.peek(), "unexpected " + c.peek().describe() + " in declaration");
        }
    }

    private static void apply(RoutineDraft.Entity e, RoutineDraft.TypeSpec spec, Attributes a, List<Dimension> dims, Expr init) {
        if (spec != null) {
            e.type = spec;
        }
        // An assumed-size (*) declaration says nothing about the extent: it does not undo extents an f2py line
        // gave the same array (a Fortran source's 'dimension(*)' after its '!f2py dimension(n)').
        boolean onlyAssumedSize = dims != null && dims.size() == e.dimensions.size() && dims.getLast() instanceof Dimension.AssumedSize;
        if (dims != null && !onlyAssumedSize) {
            e.dimensions = dims;
        }
        e.intents.addAll(a.intents);
        e.optional |= a.optional;
        e.required |= a.required;
        e.external |= a.external;
        e.value |= a.value;
        e.depends.addAll(a.depends);
        e.checks.addAll(a.checks);
        if (init != null) {
            e.defaultValue = init;
        }
    }

    private void attribute(PyfTokens c, PyfTokens.Token t, Attributes a) {
        switch (t.lower()) {
            case "intent" -> {
                c.expect("(", "after 'intent'");
                do {
                    PyfTokens.Token i = c.expectName("an intent (in, out, inout, hide, c, copy, overwrite, cache, ...)");
                    if (!INTENTS.contains(i.lower())) {
                        throw c.error(i, "unknown intent '" + i.text() + "'; expected one of in, out, inout, hide, c, copy,"
                                + " overwrite, cache, optional, callback, aux, inplace");
                    }
                    if (c.accept("=")) {
                        c.expectName("the name of the returned value"); // intent(out=name): Java returns no names
                    }
                    a.intents.add(i.lower());
                } while (c.accept(","));
                c.expect(")", "to close 'intent('");
            }
            case "dimension" -> {
                c.expect("(", "after 'dimension'");
                a.dimensions = dimensions(c);
            }
            case "depend" -> {
                c.expect("(", "after 'depend'");
                if (!c.peek().is(")")) {
                    do {
                        a.depends.add(c.expectName("a variable name in depend(...)").text());
                    } while (c.accept(","));
                }
                c.expect(")", "to close 'depend('");
            }
            case "check" -> {
                c.expect("(", "after 'check'");
                do {
                    a.checks.add(new PyfExpressions(c, Map.of()).parse());
                } while (c.accept(","));
                c.expect(")", "to close 'check('");
            }
            case "note", "bind" -> skipParenthesised(c);
            case "optional" -> a.optional = true;
            case "required" -> a.required = true;
            case "external" -> a.external = true;
            case "value" -> a.value = true;
            default -> {
                // parameter, allocatable, target, ...: no effect on the call from Java.
            }
        }
    }

    private static void skipParenthesised(PyfTokens c) {
        if (!c.accept("(")) {
            return;
        }
        int depth = 1;
        while (depth > 0 && !c.atEnd()) {
            PyfTokens.Token t = c.next();
            depth += t.is("(") ? 1 : t.is(")") ? -1 : 0;
        }
    }

    /** An array spec after its opening parenthesis, through the closing one. */
    List<Dimension> dimensions(PyfTokens c) {
        var out = new ArrayList<Dimension>();
        do {
            PyfTokens.Token start = c.peek();
            SourcePosition where = c.position(start);
            Expr one = new Expr.IntConst(1, where);
            if (start.is("*")) {
                c.next();
                out.add(new Dimension.AssumedSize(one, where));
            } else if (start.is(":")) {
                c.next();
                out.add(new Dimension.AssumedShape(one, where));
            } else {
                Expr first = new PyfExpressions(c, Map.of()).parse();
                if (c.accept(":")) {
                    if (c.accept("*")) {
                        out.add(new Dimension.AssumedSize(first, where));
                    } else if (c.peek().is(",") || c.peek().is(")")) {
                        out.add(new Dimension.AssumedShape(first, where));
                    } else {
                        out.add(new Dimension.Explicit(first, new PyfExpressions(c, Map.of()).parse(), where));
                    }
                } else {
                    out.add(new Dimension.Explicit(one, first, where));
                }
            }
        } while (c.accept(","));
        c.expect(")", "to close the array dimensions");
        for (int i = 0; i < out.size() - 1; i++) {
            if (out.get(i) instanceof Dimension.AssumedSize s) {
                throw new PyfTokens.SyntaxError(s.position(), "only the last dimension may be '*' (assumed size)");
            }
        }
        return out;
    }

    /** A type specification at the cursor ({@link #startsType} accepted it). */
    RoutineDraft.TypeSpec type(PyfTokens c) {
        PyfTokens.Token first = c.next();
        SourcePosition at = c.position(first);
        String base = switch (first.lower()) {
            case "doubleprecision" -> "double precision";
            case "doublecomplex" -> "double complex";
            case "double" -> "double " + c.next().lower();
            default -> first.lower();
        };
        return switch (base) {
            case "double precision" -> supported(new Type.Scalar(ScalarKind.DOUBLE), base);
            case "double complex" -> supported(new Type.Scalar(ScalarKind.COMPLEX_DOUBLE), base);
            case "byte" -> supported(new Type.Scalar(ScalarKind.INT8), base);
            case "character" -> characterType(c, at);
            case "type" -> {
                c.expect("(", "after 'type'");
                String name = c.expectName("a type name").text();
                c.expect(")", "to close 'type('");
                yield new RoutineDraft.TypeSpec(null, "type(" + name + ")", "derived types are not bound from signature files");
            }
            default -> intrinsic(c, base);
        };
    }

    private static RoutineDraft.TypeSpec supported(Type type, String spelling) {
        return new RoutineDraft.TypeSpec(type, spelling, null);
    }

    private RoutineDraft.TypeSpec intrinsic(PyfTokens c, String base) {
        long kind = 4;
        String spelling = base;
        if (c.accept("*")) {
            boolean paren = c.accept("(");
            PyfTokens.Token size = c.next();
            if (size.kind() != PyfTokens.Kind.INT) {
                throw c.error(size, "expected a byte size after '" + base + "*', found " + size.describe());
            }
            if (paren) {
                c.expect(")", "to close the byte size");
            }
            long bytes = integer(c, size);
            kind = base.equals("complex") ? bytes / 2 : bytes;
            spelling = base + "*" + bytes;
        } else if (c.peek().is("(")) {
            c.next();
            if (c.peek().is("kind") && c.peek(1).is("=")) {
                c.next();
                c.next();
            }
            PyfTokens.Token at = c.peek();
            Expr k = new PyfExpressions(c, kindConstants).parse();
            c.expect(")", "to close the kind of '" + base + "'");
            OptionalLong value = FortranKinds.evaluate(k);
            spelling = base + "(kind=" + c.statement().text().substring(at.index(), c.peek(-1).index()).strip() + ")";
            if (value.isEmpty()) {
                return new RoutineDraft.TypeSpec(null, spelling, "its kind '" + k.render() + "' is unknown; map it in a .f2py_f2cmap file"
                        + " (e.g. {'" + base + "': {'" + k.render() + "': '" + (base.equals("integer") ? "long" : "double") + "'}})");
            }
            kind = value.getAsLong();
        }
        Optional<Type> type = FortranKinds.typeOf(base, kind);
        if (type.isEmpty()) {
            return new RoutineDraft.TypeSpec(null, spelling, spelling + " (kind " + kind + ") has no Java counterpart");
        }
        return supported(type.get(), spelling);
    }

    private RoutineDraft.TypeSpec characterType(PyfTokens c, SourcePosition at) {
        Expr length = new Expr.IntConst(1, at);
        if (c.accept("*")) {
            length = length(c);
        } else if (c.accept("(")) {
            do {
                String keyword = "len";
                if (c.peek().kind() == PyfTokens.Kind.NAME && c.peek(1).is("=")) {
                    keyword = c.next().lower();
                    c.next();
                }
                Expr value = c.peek().is("*") ? new Expr.Star(c.position(c.next())) : new PyfExpressions(c, kindConstants).parse();
                if (keyword.equals("kind")) {
                    OptionalLong k = FortranKinds.evaluate(value);
                    if (k.isEmpty() || k.getAsLong() != 1) {
                        return new RoutineDraft.TypeSpec(null, "character(kind=" + value.render() + ")", "only character(kind=1) is supported");
                    }
                } else {
                    length = value;
                }
            } while (c.accept(","));
            c.expect(")", "to close the character type parameters");
        }
        return character(length, at);
    }

    /** The length after {@code character*}: {@code 8}, {@code (8)}, {@code (*)} or {@code (n+1)}. */
    private static Expr length(PyfTokens c) {
        if (c.accept("(")) {
            Expr e = c.peek().is("*") ? new Expr.Star(c.position(c.next())) : new PyfExpressions(c, Map.of()).parse();
            c.expect(")", "to close the character length");
            return e;
        }
        PyfTokens.Token t = c.next();
        if (t.kind() != PyfTokens.Kind.INT) {
            throw c.error(t, "expected a character length, found " + t.describe());
        }
        return new Expr.IntConst(integer(c, t), c.position(t));
    }

    /** An integer token's value; one past 64 bits is a syntax error at the token, never an exception. */
    private static long integer(PyfTokens c, PyfTokens.Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw c.error(t, "integer constant " + t.text() + " does not fit in 64 bits");
        }
    }

    private static RoutineDraft.TypeSpec character(Expr length, SourcePosition at) {
        return supported(new Type.Character(length), "character(len=" + length.render() + ")");
    }
}
