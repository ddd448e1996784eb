// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Expr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the C expressions of {@code dimension(...)} and {@code check(...)} directives into model
 * {@link Expr}s: literals, parameter names, {@code + - * / %}, comparisons, {@code && || !},
 * parentheses, and the f2py functions {@code size(a)}, {@code size(a,k)}, {@code shape(a,k)}
 * (0-based k) and {@code len(s)}; other calls become {@link Expr.Call}.
 */
final class DirectiveExpressions {

    private final TokenCursor in;
    private final SourcePosition at;

    private DirectiveExpressions(String text, SourcePosition at) {
        this.in = new TokenCursor(new CLexer(text, Path.of("<directive>"), f -> false).tokenize());
        this.at = at;
    }

    /**
     * Parses one expression.
     *
     * @param text     the expression as written in the directive
     * @param position where the directive was written; every node gets it
     * @return the expression
     * @throws IllegalArgumentException when the text is not an expression Gatun understands, with the reason
     */
    static Expr parse(String text, SourcePosition position) {
        DirectiveExpressions p = new DirectiveExpressions(text, position);
        try {
            Expr e = p.or();
            if (!p.in.atEnd()) {
                throw new IllegalArgumentException("unexpected " + p.in.peek() + " in '" + text + "'");
            }
            return e;
        } catch (ParseError e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + text + "'", e);
        }
    }

    private Expr or() {
        Expr left = and();
        while (in.accept("||")) {
            left = new Expr.Binary(Expr.BinaryOp.OR, left, and(), at);
        }
        return left;
    }

    private Expr and() {
        Expr left = comparison();
        while (in.accept("&&")) {
            left = new Expr.Binary(Expr.BinaryOp.AND, left, comparison(), at);
        }
        return left;
    }

    private Expr comparison() {
        Expr left = additive();
        while (true) {
            Expr.BinaryOp op = switch (in.peek().text()) {
                case "==" -> Expr.BinaryOp.EQ;
                case "!=" -> Expr.BinaryOp.NE;
                case "<" -> Expr.BinaryOp.LT;
                case "<=" -> Expr.BinaryOp.LE;
                case ">" -> Expr.BinaryOp.GT;
                case ">=" -> Expr.BinaryOp.GE;
                default -> null;
            };
            if (op == null || in.peek().kind() != CToken.Kind.PUNCT) {
                return left;
            }
            in.next();
            left = new Expr.Binary(op, left, additive(), at);
        }
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (in.at("+") || in.at("-")) {
            Expr.BinaryOp op = in.next().is("+") ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB;
            left = new Expr.Binary(op, left, multiplicative(), at);
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (in.at("*") || in.at("/") || in.at("%")) {
            String op = in.next().text();
            Expr right = unary();
            left = switch (op) {
                case "*" -> new Expr.Binary(Expr.BinaryOp.MUL, left, right, at);
                case "/" -> new Expr.Binary(Expr.BinaryOp.DIV, left, right, at);
                default -> new Expr.Call("mod", List.of(left, right), at);
            };
        }
        return left;
    }

    private Expr unary() {
        if (in.accept("-")) {
            return new Expr.Unary(Expr.UnaryOp.NEG, unary(), at);
        }
        if (in.accept("!")) {
            return new Expr.Unary(Expr.UnaryOp.NOT, unary(), at);
        }
        if (in.accept("+")) {
            return unary();
        }
        return primary();
    }

    private Expr primary() {
        CToken t = in.next();
        if (t.is("(")) {
            Expr e = or();
            in.expect(")", "to close the parenthesis");
            return e;
        }
        if (t.kind() == CToken.Kind.NUMBER) {
            if (t.text().contains(".") || t.text().toLowerCase(Locale.ROOT).matches(".*[ep][+-]?\\d.*")
                    && !t.text().toLowerCase(Locale.ROOT).startsWith("0x")) {
                return new Expr.RealConst(Double.parseDouble(t.text().replaceAll("[fFlL]$", "")), t.text(), at);
            }
            return new Expr.IntConst(ConstantEvaluator.integerLiteral(t), at);
        }
        if (t.kind() == CToken.Kind.CHAR) {
            return new Expr.IntConst(ConstantEvaluator.charLiteral(t), at);
        }
        if (!t.isIdentifier()) {
            throw new ParseError(at, "expected a number, a parameter name or '(', found " + t, false);
        }
        if (!in.accept("(")) {
            return new Expr.Ref(t.text(), at);
        }
        List<Expr> args = new ArrayList<>();
        if (!in.accept(")")) {
            do {
                args.add(or());
            } while (in.accept(","));
            in.expect(")", "to close the arguments of " + t.text());
        }
        return call(t.text(), args);
    }

    private Expr call(String name, List<Expr> args) {
        boolean firstIsName = !args.isEmpty() && args.getFirst() instanceof Expr.Ref;
        String array = firstIsName ? ((Expr.Ref) args.getFirst()).name() : null;
        if (name.equals("size") && firstIsName && args.size() == 1) {
            return new Expr.Size(array, 0, at);
        }
        if ((name.equals("size") || name.equals("shape")) && firstIsName && args.size() == 2
                && args.get(1) instanceof Expr.IntConst k) {
            // f2py: shape(a, k) counts from 0; size(a, k) from 1, as Fortran does.
            return new Expr.Size(array, (int) k.value() + (name.equals("shape") ? 1 : 0), at);
        }
        if (name.equals("len") && firstIsName && args.size() == 1) {
            return new Expr.Len(array, at);
        }
        return new Expr.Call(name.toLowerCase(Locale.ROOT), args, at);
    }
}
