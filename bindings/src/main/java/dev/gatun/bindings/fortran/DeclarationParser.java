// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses the specification statements of a procedure: type declarations with their attributes,
 * attribute statements ({@code intent(in) :: a}, {@code dimension a(n)}), named constants,
 * {@code implicit} and {@code use}, and the f2py directives that look like them
 * ({@code intent(in,out)}, {@code depend(n)}, {@code check(n > 0)}, {@code = len(a)} defaults).
 */
final class DeclarationParser {

    /** Attributes recognised after a type or at the start of an attribute statement. */
    static final Set<String> ATTRIBUTES = Set.of("intent", "dimension", "optional", "value", "external", "parameter",
            "depend", "check", "intrinsic", "save", "target", "pointer", "allocatable", "contiguous", "volatile",
            "asynchronous", "public", "private", "protected", "required", "bind");

    private static final Set<String> KNOWN_INTENTS = Set.of("in", "out", "inout", "hide", "c", "callback", "copy",
            "overwrite", "cache", "inplace", "aligned4", "aligned8", "aligned16", "aux");

    private final Diagnostics diagnostics;
    private final Map<String, Map<String, Expr>> moduleConstants;
    private final Map<String, Map<String, Type>> moduleTypes;

    DeclarationParser(Diagnostics diagnostics, Map<String, Map<String, Expr>> moduleConstants, Map<String, Map<String, Type>> moduleTypes) {
        this.diagnostics = diagnostics;
        this.moduleConstants = moduleConstants;
        this.moduleTypes = moduleTypes;
    }

    /** The attributes written before {@code ::}. */
    private static final class Attributes {
        final Set<String> intents = new LinkedHashSet<>();
        List<Dimension> dimensions;
        boolean value;
        boolean optional;
        boolean external;
        boolean parameter;
        String unsupported;
        final List<String> depends = new ArrayList<>();
        final List<Expr> checks = new ArrayList<>();
    }

    /**
     * Parses a type declaration or attribute statement into the draft (or into {@code constants}
     * for named constants). {@code spec} is null for attribute statements.
     */
    void declaration(Cursor c, ProcedureDraft draft, Map<String, Expr> constants) {
        declaration(c, draft, constants, false);
    }

    /**
     * As {@link #declaration(Cursor, ProcedureDraft, Map)}; with {@code ignoreInitializers} (derived-type components, whose
     * default values Java never sees) an {@code = value} or {@code => null()} is skipped unread, whatever it holds.
     */
    void declaration(Cursor c, ProcedureDraft draft, Map<String, Expr> constants, boolean ignoreInitializers) {
        TypeSpec spec = TypeSpec.startsAt(c) ? TypeSpec.parse(c, constants) : null;
        if (spec == null && c.peek().is("parameter") && c.peek(1).is("(")) {
            parameterStatement(c, constants);
            return;
        }
        Attributes attributes = attributes(c, constants, spec == null);
        c.accept("::");
        do {
            Token nameToken = c.expectName("a name to declare");
            SourcePosition where = c.position(nameToken);
            List<Dimension> dimensions = attributes.dimensions;
            if (c.accept("(")) {
                dimensions = dimensions(c, constants);
            }
            TypeSpec entitySpec = spec;
            if (spec != null && spec.type() instanceof Type.Character && c.accept("*")) {
                Expr length = c.accept("(") ? parenthesised(c, constants) : new ExprParser(c, constants).parse();
                entitySpec = new TypeSpec(new Type.Character(length), "character(len=" + length.render() + ")", null);
            }
            Expr init = null;
            if (c.accept("=") || c.accept("=>")) {
                if (ignoreInitializers) {
                    skipInitializer(c);
                } else {
                    init = new ExprParser(c, constants).parse();
                }
            }
            if (attributes.parameter) {
                namedConstant(nameToken.text(), init, constants, where);
                continue;
            }
            if (draft == null) {
                continue; // a module variable: not part of any signature
            }
            apply(draft.entity(nameToken.text(), where), entitySpec, attributes, dimensions, init);
        } while (c.accept(","));
        if (!c.atEnd()) {
            throw c.error(c.peek(), "unexpected " + Cursor.describe(c.peek()) + " in declaration");
        }
    }

    /** Skips tokens through the end of an initializer: to a comma outside parentheses, or the end of the statement. */
    private static void skipInitializer(Cursor c) {
        int depth = 0;
        while (!c.atEnd() && !(depth == 0 && c.peek().is(","))) {
            Token t = c.next();
            depth += t.is("(") ? 1 : t.is(")") ? -1 : 0;
        }
    }

    private static Expr parenthesised(Cursor c, Map<String, Expr> constants) {
        Expr e = c.peek().is("*") ? new Expr.Star(c.position(c.next())) : new ExprParser(c, constants).parse();
        c.expect(")", "to close the character length");
        return e;
    }

    private static void apply(ProcedureDraft.Entity e, TypeSpec spec, Attributes a, List<Dimension> dims, Expr init) {
        if (spec != null) {
            e.type = spec;
        }
        if (dims != null) {
            e.dimensions = dims;
        }
        e.intents.addAll(a.intents);
        e.value |= a.value;
        e.optional |= a.optional;
        e.external |= a.external;
        if (a.unsupported != null) {
            e.unsupportedAttribute = a.unsupported;
        }
        e.depends.addAll(a.depends);
        e.checks.addAll(a.checks);
        if (init != null) {
            e.defaultValue = init;
        }
    }

    private void namedConstant(String name, Expr init, Map<String, Expr> constants, SourcePosition where) {
        if (init == null) {
            diagnostics.error(where, "named constant '" + name + "' has no value; write '" + name + " = <value>'");
            return;
        }
        OptionalLong folded = KindTable.evaluate(init);
        constants.put(name, folded.isPresent() ? new Expr.IntConst(folded.getAsLong(), where) : init);
    }

    private void parameterStatement(Cursor c, Map<String, Expr> constants) {
        c.expect("parameter", "");
        c.expect("(", "after 'parameter'");
        do {
            Token name = c.expectName("a constant name");
            c.expect("=", "after the constant name '" + name.text() + "'");
            namedConstant(name.text(), new ExprParser(c, constants).parse(), constants, c.position(name));
        } while (c.accept(","));
        c.expect(")", "to close 'parameter ('");
    }

    private Attributes attributes(Cursor c, Map<String, Expr> constants, boolean statementStart) {
        Attributes a = new Attributes();
        boolean first = true;
        // Without '::' nothing after the type is an attribute unless a comma says so: in 'logical bind(n)'
        // (F77) 'bind' is the variable. With '::', f2py's 'real*8 intent(c) :: x' style is accepted too.
        boolean doubleColon = doubleColonFollows(c);
        while (true) {
            boolean comma = c.accept(",");
            Token t = c.peek();
            boolean looksLikeAttribute = t.kind() == Token.Kind.NAME && ATTRIBUTES.contains(t.text())
                    && (comma || (first && statementStart) || (doubleColon && (c.peek(1).is("(") || c.peek(1).is(",") || c.peek(1).is("::"))));
            if (!looksLikeAttribute) {
                if (comma) {
                    throw c.error(t, "expected an attribute after ',', found " + Cursor.describe(t));
                }
                return a;
            }
            first = false;
            c.next();
            attribute(c, t, a, constants);
        }
    }

    private static boolean doubleColonFollows(Cursor c) {
        for (int i = 0; c.peek(i).kind() != Token.Kind.END; i++) {
            if (c.peek(i).is("::")) {
                return true;
            }
        }
        return false;
    }

    private void attribute(Cursor c, Token t, Attributes a, Map<String, Expr> constants) {
        switch (t.text()) {
            case "intent" -> {
                c.expect("(", "after 'intent'");
                do {
                    Token i = c.expectName("an intent (in, out, inout, hide, c, callback)");
                    if (!KNOWN_INTENTS.contains(i.text())) {
                        throw c.error(i, "unknown intent '" + i.text() + "'; expected in, out, inout, hide, c, callback or aux");
                    }
                    if (i.is("in") && c.peek().is("out")) {
                        c.next(); // 'intent(in out)' is standard Fortran for inout
                        a.intents.add("inout");
                    } else {
                        a.intents.add(i.text());
                    }
                } while (c.accept(","));
                c.expect(")", "to close 'intent('");
            }
            case "dimension" -> {
                // 'dimension x(3), y(n)' (the statement form) gives each entity its own shape.
                if (c.peek().is("(")) {
                    c.next();
                    a.dimensions = dimensions(c, constants);
                }
            }
            case "depend" -> {
                c.expect("(", "after 'depend'");
                if (!c.peek().is(")")) {
                    do {
                        a.depends.add(c.expectName("a parameter name in depend(...)").text());
                    } while (c.accept(","));
                }
                c.expect(")", "to close 'depend('");
            }
            case "check" -> {
                c.expect("(", "after 'check'");
                do {
                    a.checks.add(new ExprParser(c, constants).parse());
                } while (c.accept(","));
                c.expect(")", "to close 'check('");
            }
            case "value" -> a.value = true;
            case "optional" -> a.optional = true;
            case "external" -> a.external = true;
            case "parameter" -> a.parameter = true;
            case "pointer", "allocatable" -> a.unsupported = "private".equals(a.unsupported) ? a.unsupported : t.text();
            // A private module variable cannot be use-associated by a shim: it is not bound.
            case "private" -> a.unsupported = "private";
            case "bind" -> {
                c.expect("(", "after 'bind'");
                while (!c.peek().is(")") && !c.atEnd()) {
                    c.next();
                }
                c.expect(")", "to close 'bind('");
            }
            default -> {
                // intrinsic, save, target, contiguous, volatile, ...: no effect on the binding.
            }
        }
    }

    /** Parses an array spec after its opening parenthesis, through the closing one. */
    static List<Dimension> dimensions(Cursor c, Map<String, Expr> constants) {
        var out = new ArrayList<Dimension>();
        do {
            Token start = c.peek();
            SourcePosition where = c.position(start);
            Expr one = new Expr.IntConst(1, where);
            if (start.is("*")) {
                c.next();
                out.add(new Dimension.AssumedSize(one, where));
            } else if (start.is(":")) {
                c.next();
                out.add(new Dimension.AssumedShape(one, where));
            } else {
                Expr first = new ExprParser(c, constants).parse();
                if (c.accept(":")) {
                    if (c.accept("*")) {
                        out.add(new Dimension.AssumedSize(first, where));
                    } else if (c.peek().is(",") || c.peek().is(")")) {
                        out.add(new Dimension.AssumedShape(first, where));
                    } else {
                        out.add(new Dimension.Explicit(first, new ExprParser(c, constants).parse(), where));
                    }
                } else {
                    out.add(new Dimension.Explicit(one, first, where));
                }
            }
        } while (c.accept(","));
        c.expect(")", "to close the array dimensions");
        for (int i = 0; i < out.size() - 1; i++) {
            if (out.get(i) instanceof Dimension.AssumedSize s) {
                throw new Cursor.ParseException(s.position(), "only the last dimension may be '*' (assumed size)");
            }
        }
        return out;
    }

    /**
     * {@code common /name/ a, b(10) [,] /other/ c} and blank common ({@code common a} or {@code common // a}):
     * records each block's members in storage order; their types come from the procedure's declarations.
     */
    void common(Cursor c, ProcedureDraft draft, Map<String, Expr> constants) {
        c.expect("common", "");
        String block = "";
        SourcePosition blockAt = c.position(c.peek());
        while (true) {
            if (c.accept("//")) {
                block = "";
            } else if (c.peek().is("/")) {
                blockAt = c.position(c.next());
                block = c.expectName("a common block name").text();
                c.expect("/", "to close the common block name '/" + block + "'");
            }
            SourcePosition at = blockAt;
            ProcedureDraft.CommonDraft target = draft.commons.computeIfAbsent(block, n -> new ProcedureDraft.CommonDraft(n, at));
            Token member = c.expectName("a variable name in the COMMON list");
            List<Dimension> dims = c.accept("(") ? dimensions(c, constants) : null;
            target.members.add(new ProcedureDraft.CommonMember(member.text(), dims, c.position(member)));
            boolean comma = c.accept(",");
            if (c.atEnd()) {
                return;
            }
            if (!comma && !c.peek().is("/") && !c.peek().is("//")) {
                throw c.error(c.peek(), "unexpected " + Cursor.describe(c.peek()) + " in COMMON statement");
            }
        }
    }

    /** {@code implicit none} or {@code implicit <type> (a-h, o-z), ...}. */
    void implicit(Cursor c, ImplicitRules rules, Map<String, Expr> constants) {
        c.expect("implicit", "");
        if (c.accept("none")) {
            rules.none();
            return;
        }
        do {
            TypeSpec spec = letterRangeFollows(c) ? defaultKind(c) : TypeSpec.parse(c, constants);
            c.expect("(", "before the letter ranges of 'implicit'");
            do {
                Token from = c.expectName("a letter");
                Token to = c.accept("-") ? c.expectName("a letter") : from;
                if (from.text().length() != 1 || to.text().length() != 1) {
                    throw c.error(from, "implicit letter ranges are single letters, such as a-h");
                }
                rules.set(from.text().charAt(0), to.text().charAt(0), spec);
            } while (c.accept(","));
            c.expect(")", "to close the letter ranges");
        } while (c.accept(","));
    }

    /** True at {@code real (a-h)}, where the parentheses hold letters rather than a kind. */
    private static boolean letterRangeFollows(Cursor c) {
        return c.peek(1).is("(") && c.peek(2).kind() == Token.Kind.NAME && c.peek(2).text().length() == 1
                && (c.peek(3).is("-") || c.peek(3).is(",") || c.peek(3).is(")"));
    }

    private static TypeSpec defaultKind(Cursor c) {
        Token base = c.next();
        Type type = KindTable.typeOf(base.text(), 4);
        if (base.is("character")) {
            type = new Type.Character(new Expr.IntConst(1, c.position(base)));
        }
        return type != null ? new TypeSpec(type, base.text(), null) : new TypeSpec(null, base.text(), base.text() + " is not supported");
    }

    /** {@code use m} / {@code use m, only: a, b => c}: imports the named constants and derived types of a module read earlier. */
    void use(Cursor c, Map<String, Expr> constants, Map<String, Type> types) {
        c.expect("use", "");
        if (c.accept(",")) {
            c.expectName("'intrinsic' or 'non_intrinsic'");
            c.expect("::", "after the module nature");
        } else {
            c.accept("::");
        }
        String module = c.expectName("a module name").text();
        Map<String, Expr> exported = moduleConstants.getOrDefault(module, Map.of());
        Map<String, Type> exportedTypes = moduleTypes.getOrDefault(module, Map.of());
        if (c.accept(",") && c.accept("only")) {
            c.expect(":", "after 'only'");
            while (!c.atEnd()) {
                String local = c.expectName("a name in the only-list").text();
                String remote = c.accept("=>") ? c.expectName("a module entity").text() : local;
                if (exported.containsKey(remote)) {
                    constants.put(local, exported.get(remote));
                }
                if (exportedTypes.containsKey(remote)) {
                    types.put(local, exportedTypes.get(remote));
                }
                c.accept(",");
            }
        } else {
            constants.putAll(exported);
            types.putAll(exportedTypes);
        }
    }
}
