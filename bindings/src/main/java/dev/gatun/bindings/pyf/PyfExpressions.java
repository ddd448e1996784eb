// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the expressions of a signature file ({@code dimension}, {@code check}, {@code depend}
 * defaults, kinds) into model {@link Expr}s. f2py evaluates them in C, so C operators come first:
 * {@code ?:}, {@code || &&}, {@code !}, {@code == != < <= > >=}, {@code + -}, {@code * / %}; the
 * Fortran spellings ({@code .and.}, {@code /=}, {@code .lt.}) are accepted too. f2py's functions
 * become model nodes: {@code shape(a,k)} (0-based k) and {@code size(a[,k])} are {@link Expr.Size},
 * {@code len(s)} and {@code slen(s)} are {@link Expr.Len}; {@code c ? a : b} becomes Fortran's
 * {@code merge(a, b, c)}, which the Java emitter writes back as a conditional. C's {@code *x} and {@code x[i]} are
 * the calls {@code *} and {@code []}, which {@link CTruth} resolves for character scalars.
 */
final class PyfExpressions {

    /** Deeper nesting, or more operators than five times this, is an error, never a StackOverflowError. */
    private static final int MAX_DEPTH = 200;

    private final PyfTokens in;
    private final Map<String, Expr> constants;
    private int depth;
    private int operators;

    PyfExpressions(PyfTokens in, Map<String, Expr> constants) {
        this.in = in;
        this.constants = constants;
    }

    Expr parse() {
        enter();
        try {
            return conditional();
        } finally {
            depth--;
        }
    }

    /** One level deeper: parentheses, arguments, prefix operators and {@code ?:} branches all recurse. */
    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw in.error(in.peek(), "expression nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** One operator more: a left-leaning chain does not recurse here, but every later pass walks it recursively. */
    private void counted(PyfTokens.Token op) {
        if (++operators > MAX_DEPTH * 5) {
            throw in.error(op, "expression has more than " + MAX_DEPTH * 5 + " operators");
        }
    }

    private Expr conditional() {
        Expr condition = or();
        if (!in.peek().is("?")) {
            return condition;
        }
        SourcePosition p = in.position(in.next());
        Expr then = conditional();
        in.expect(":", "in 'condition ? a : b'");
        Expr otherwise = conditional();
        return new Expr.Call("merge", List.of(then, otherwise, condition), p);
    }

    private Expr or() {
        Expr left = and();
        while (in.peek().is("||") || in.peek().is(".or.")) {
            PyfTokens.Token op = in.next();
            counted(op);
            left = new Expr.Binary(Expr.BinaryOp.OR, left, and(), in.position(op));
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (in.peek().is("&&") || in.peek().is(".and.")) {
            PyfTokens.Token op = in.next();
            counted(op);
            left = new Expr.Binary(Expr.BinaryOp.AND, left, not(), in.position(op));
        }
        return left;
    }

    private Expr not() {
        if (in.peek().is("!") || in.peek().is(".not.")) {
            PyfTokens.Token op = in.next();
            counted(op);
            enter();
            try {
                return new Expr.Unary(Expr.UnaryOp.NOT, not(), in.position(op));
            } finally {
                depth--;
            }
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        while (in.peek().kind() == PyfTokens.Kind.OP) {
            Expr.BinaryOp op = switch (in.peek().lower()) {
                case "==", ".eq." -> Expr.BinaryOp.EQ;
                case "!=", "/=", ".ne." -> Expr.BinaryOp.NE;
                case "<", ".lt." -> Expr.BinaryOp.LT;
                case "<=", ".le." -> Expr.BinaryOp.LE;
                case ">", ".gt." -> Expr.BinaryOp.GT;
                case ">=", ".ge." -> Expr.BinaryOp.GE;
                default -> null;
            };
            if (op == null) {
                return left;
            }
            PyfTokens.Token token = in.next();
            counted(token);
            left = new Expr.Binary(op, left, additive(), in.position(token));
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (in.peek().is("+") || in.peek().is("-")) {
            PyfTokens.Token op = in.next();
            counted(op);
            left = new Expr.Binary(op.is("+") ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, left, multiplicative(), in.position(op));
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (in.peek().is("*") || in.peek().is("/") || in.peek().is("%")) {
            PyfTokens.Token op = in.next();
            counted(op);
            Expr right = unary();
            SourcePosition p = in.position(op);
            left = switch (op.text()) {
                case "*" -> new Expr.Binary(Expr.BinaryOp.MUL, left, right, p);
                case "/" -> new Expr.Binary(Expr.BinaryOp.DIV, left, right, p);
                default -> new Expr.Call("mod", List.of(left, right), p);
            };
        }
        return left;
    }

    private Expr unary() {
        enter();
        try {
            return prefixed();
        } finally {
            depth--;
        }
    }

    private Expr prefixed() {
        if (in.peek().is("-")) {
            SourcePosition p = in.position(in.next());
            Expr operand = unary();
            return operand instanceof Expr.IntConst i ? new Expr.IntConst(-i.value(), p) : new Expr.Unary(Expr.UnaryOp.NEG, operand, p);
        }
        if (in.peek().is("!")) {
            SourcePosition p = in.position(in.next());
            return new Expr.Unary(Expr.UnaryOp.NOT, unary(), p);
        }
        if (in.peek().is("*")) {
            // C's *x: f2py reads it as the value of a character scalar x (see CTruth).
            SourcePosition p = in.position(in.next());
            return new Expr.Call("*", List.of(unary()), p);
        }
        if (in.accept("+")) {
            return unary();
        }
        Expr value = primary();
        while (in.peek().is("[")) {
            // C's x[0]: f2py reads it as the value of a character scalar x (see CTruth).
            SourcePosition p = in.position(in.next());
            Expr index = parse();
            in.expect("]", "to close the subscript");
            value = new Expr.Call("[]", List.of(value, index), p);
        }
        return value;
    }

    private Expr primary() {
        PyfTokens.Token t = in.next();
        SourcePosition p = in.position(t);
        return switch (t.kind()) {
            case INT -> new Expr.IntConst(integer(t), p);
            case REAL -> new Expr.RealConst(real(t), t.text(), p);
            case STRING -> new Expr.StringConst(t.text(), p);
            case NAME -> nameOrCall(t, p);
            default -> {
                if (t.is(".true.") || t.is(".false.")) {
                    yield new Expr.LogicalConst(t.is(".true."), p);
                }
                if (t.is("(")) {
                    Expr inner = parse();
                    in.expect(")", "to close the parenthesis");
                    yield inner;
                }
                throw in.error(t, "expected an expression, found " + t.describe());
            }
        };
    }

    private long integer(PyfTokens.Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw in.error(t, "integer constant " + t.text() + " does not fit in 64 bits");
        }
    }

    private double real(PyfTokens.Token t) {
        try {
            return Double.parseDouble(t.text().replace('d', 'e').replace('D', 'e'));
        } catch (NumberFormatException e) {
            throw in.error(t, "'" + t.text() + "' is not a real constant");
        }
    }

    private Expr nameOrCall(PyfTokens.Token t, SourcePosition p) {
        if (!in.accept("(")) {
            Expr constant = constants.get(t.lower());
            return constant != null ? constant : new Expr.Ref(t.text(), p);
        }
        List<Expr> args = new ArrayList<>();
        if (!in.peek().is(")")) {
            do {
                if (in.peek().kind() == PyfTokens.Kind.NAME && in.peek(1).is("=")) {
                    in.next();
                    in.next();
                }
                args.add(parse());
            } while (in.accept(","));
        }
        in.expect(")", "to close the arguments of '" + t.text() + "'");
        String name = t.lower();
        boolean named = !args.isEmpty() && args.getFirst() instanceof Expr.Ref;
        String first = named ? ((Expr.Ref) args.getFirst()).name() : null;
        switch (name) {
            case "size", "shape" -> {
                int offset = name.equals("shape") ? 1 : 0;
                if (named && args.size() == 1 && offset == 0) {
                    return new Expr.Size(first, 0, p);
                }
                if (!named || args.size() != 2 || !(args.get(1) instanceof Expr.IntConst k) || k.value() + offset < 1) {
                    throw in.error(t, name + "(...) takes an array parameter and a constant dimension"
                            + (offset == 1 ? " counted from 0, e.g. shape(a,0)" : ", e.g. size(a,1)"));
                }
                return new Expr.Size(first, (int) k.value() + offset, p);
            }
            case "len", "slen" -> {
                if (!named || args.size() != 1) {
                    throw in.error(t, name + "(...) takes one parameter name");
                }
                return new Expr.Len(first, p);
            }
            default -> {
                return new Expr.Call(name.toLowerCase(Locale.ROOT), args, p);
            }
        }
    }
}
