// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses Fortran expressions used in extents, kinds, {@code check} and defaults into {@link Expr}.
 *
 * <p>Named constants ({@code integer, parameter :: nmax = 100}) are folded to their values, so the
 * model only refers to parameters. Precedence follows the standard: {@code .or.} &lt; {@code .and.}
 * &lt; {@code .not.} &lt; comparisons &lt; {@code + -} &lt; {@code * /} &lt; unary minus.
 */
final class ExprParser {

    /** Deeper nesting is refused with a diagnostic instead of overflowing the stack. */
    static final int MAX_DEPTH = 200;

    private final Cursor c;
    private final Map<String, Expr> constants;
    private int depth;
    private int operators;

    ExprParser(Cursor c, Map<String, Expr> constants) {
        this.c = c;
        this.constants = constants;
    }

    Expr parse() {
        if (++depth > MAX_DEPTH) {
            throw c.error(c.peek(), "expression nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return or();
        } finally {
            depth--;
        }
    }

    private Expr or() {
        Expr left = and();
        while (c.peek().is(".or.")) {
            SourcePosition p = c.position(c.next());
            left = binary(Expr.BinaryOp.OR, left, and(), p);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (c.peek().is(".and.")) {
            SourcePosition p = c.position(c.next());
            left = binary(Expr.BinaryOp.AND, left, not(), p);
        }
        return left;
    }

    private Expr not() {
        // Iterative, so a long run of .not. cannot overflow the stack.
        var nots = new ArrayList<SourcePosition>();
        while (c.peek().is(".not.")) {
            nots.add(c.position(c.next()));
        }
        if (nots.size() > MAX_DEPTH) {
            throw c.error(c.peek(), "expression nested deeper than " + MAX_DEPTH + " levels");
        }
        Expr e = comparison();
        for (int i = nots.size() - 1; i >= 0; i--) {
            e = new Expr.Unary(Expr.UnaryOp.NOT, e, nots.get(i));
        }
        return e;
    }

    private Expr comparison() {
        Expr left = additive();
        Expr.BinaryOp op = switch (c.peek().text()) {
            case "==", ".eq." -> Expr.BinaryOp.EQ;
            case "/=", ".ne." -> Expr.BinaryOp.NE;
            case "<", ".lt." -> Expr.BinaryOp.LT;
            case "<=", ".le." -> Expr.BinaryOp.LE;
            case ">", ".gt." -> Expr.BinaryOp.GT;
            case ">=", ".ge." -> Expr.BinaryOp.GE;
            default -> null;
        };
        if (op == null || c.peek().kind() != Token.Kind.OP) {
            return left;
        }
        SourcePosition p = c.position(c.next());
        return binary(op, left, additive(), p);
    }

    private Expr additive() {
        Expr left;
        if (c.peek().is("-") || c.peek().is("+")) {
            Token sign = c.next();
            Expr operand = multiplicative();
            left = sign.is("-") ? negate(operand, c.position(sign)) : operand;
        } else {
            left = multiplicative();
        }
        while (c.peek().is("+") || c.peek().is("-")) {
            Token op = c.next();
            left = binary(op.is("+") ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, left, multiplicative(), c.position(op));
        }
        return left;
    }

    /** Builds a binary node; a chain longer than the depth bound is refused (renderers recurse over it). */
    private Expr binary(Expr.BinaryOp op, Expr left, Expr right, SourcePosition p) {
        if (++operators > MAX_DEPTH * 5) {
            throw new Cursor.ParseException(p, "expression has more than " + MAX_DEPTH * 5 + " operators");
        }
        return new Expr.Binary(op, left, right, p);
    }

    private static Expr negate(Expr e, SourcePosition p) {
        if (e instanceof Expr.IntConst i) {
            return new Expr.IntConst(-i.value(), p);
        }
        return new Expr.Unary(Expr.UnaryOp.NEG, e, p);
    }

    private Expr multiplicative() {
        Expr left = power();
        while (c.peek().is("*") || c.peek().is("/")) {
            Token op = c.next();
            left = binary(op.is("*") ? Expr.BinaryOp.MUL : Expr.BinaryOp.DIV, left, power(), c.position(op));
        }
        return left;
    }

    /**
     * {@code a ** b}, right-associative. The model has no power operator: a constant result is folded,
     * a small constant exponent becomes repeated multiplication ({@code n**2} is {@code n*n}), anything
     * else is refused with a diagnostic.
     */
    private Expr power() {
        Expr base = primary();
        if (!c.peek().is("**")) {
            return base;
        }
        Token op = c.next();
        SourcePosition p = c.position(op);
        if (++depth > MAX_DEPTH) {
            throw c.error(op, "expression nested deeper than " + MAX_DEPTH + " levels");
        }
        Expr exponent;
        try {
            exponent = c.peek().is("-") || c.peek().is("+") ? additiveOperand() : power();
        } finally {
            depth--;
        }
        OptionalLong b = KindTable.evaluate(base);
        OptionalLong e = KindTable.evaluate(exponent);
        if (e.isPresent() && e.getAsLong() >= 0) {
            if (b.isPresent()) {
                try {
                    long result = 1;
                    for (long i = 0; i < e.getAsLong() && result != 0 && Math.abs(b.getAsLong()) != 1; i++) {
                        result = Math.multiplyExact(result, b.getAsLong());
                    }
                    if (Math.abs(b.getAsLong()) == 1) {
                        result = b.getAsLong() == 1 || e.getAsLong() % 2 == 0 ? 1 : -1;
                    }
                    return new Expr.IntConst(result, p);
                } catch (ArithmeticException overflow) {
                    throw c.error(op, "'" + base.render() + "**" + exponent.render() + "' does not fit in 64 bits");
                }
            }
            if (e.getAsLong() >= 1 && e.getAsLong() <= 8) {
                Expr product = base;
                for (long i = 1; i < e.getAsLong(); i++) {
                    product = binary(Expr.BinaryOp.MUL, product, base, p);
                }
                return product;
            }
        }
        throw c.error(op, "'**' is supported with a constant exponent from 0 to 8 only, found '" + base.render() + "**"
                + exponent.render() + "'");
    }

    private Expr additiveOperand() {
        Token sign = c.next();
        Expr operand = power();
        return sign.is("-") ? negate(operand, c.position(sign)) : operand;
    }

    private Expr primary() {
        Token t = c.next();
        SourcePosition p = c.position(t);
        switch (t.kind()) {
            case INT -> {
                try {
                    return new Expr.IntConst(Long.parseLong(t.text()), p);
                } catch (NumberFormatException e) {
                    throw c.error(t, "integer constant " + t.text() + " does not fit in 64 bits");
                }
            }
            case REAL -> {
                return new Expr.RealConst(Double.parseDouble(t.text().replace('d', 'e').replace('q', 'e')), t.text(), p);
            }
            case STRING -> {
                return new Expr.StringConst(t.text(), p);
            }
            case NAME -> {
                return nameOrCall(t, p);
            }
            default -> {
                if (t.is(".true.") || t.is(".false.")) {
                    return new Expr.LogicalConst(t.is(".true."), p);
                }
                if (t.is("(")) {
                    Expr inner = parse();
                    c.expect(")", "to close the parenthesis");
                    return inner;
                }
                if (t.is("*")) {
                    return new Expr.Star(p);
                }
                throw c.error(t, "expected an expression, found " + Cursor.describe(t));
            }
        }
    }

    private Expr nameOrCall(Token t, SourcePosition p) {
        if (!c.accept("(")) {
            Expr constant = constants.get(t.text());
            return constant != null ? constant : new Expr.Ref(t.text(), p);
        }
        List<Expr> args = new ArrayList<>();
        if (!c.peek().is(")")) {
            do {
                // Keyword arguments (size(a, dim=1)) keep only the value.
                if (c.peek().kind() == Token.Kind.NAME && c.peek(1).is("=")) {
                    c.next();
                    c.next();
                }
                args.add(parse());
            } while (c.accept(","));
        }
        c.expect(")", "to close the argument list of '" + t.text() + "'");
        return switch (t.text()) {
            case "size" -> sizeOf(t, args, p, 0);
            case "shape" -> sizeOf(t, args, p, 1);
            // f2py's len/f2py_len (shape(a, 0) of an array) and slen (a string's length).
            case "len", "slen", "f2py_len", "f2py_slen" -> {
                if (args.size() != 1 || !(args.getFirst() instanceof Expr.Ref r)) {
                    throw c.error(t, t.text() + "(...) takes one parameter name");
                }
                yield new Expr.Len(r.name(), p);
            }
            default -> new Expr.Call(t.text(), args, p);
        };
    }

    /** size(a[,dim]) is 1-based; f2py's shape(a,k) counts dimensions from 0. */
    private Expr sizeOf(Token t, List<Expr> args, SourcePosition p, int dimensionOffset) {
        if (args.isEmpty() || args.size() > 2 || !(args.getFirst() instanceof Expr.Ref r)) {
            throw c.error(t, t.text() + "(...) takes an array parameter and an optional dimension");
        }
        if (args.size() == 1) {
            return new Expr.Size(r.name(), 0, p);
        }
        if (!(args.get(1) instanceof Expr.IntConst d) || d.value() + dimensionOffset < 1 || d.value() + dimensionOffset > 15) {
            throw c.error(t, "the dimension of " + t.text() + "(" + r.name() + ", ...) must be a constant from " + (1 - dimensionOffset)
                    + " to " + (15 - dimensionOffset));
        }
        return new Expr.Size(r.name(), (int) d.value() + dimensionOffset, p);
    }
}
