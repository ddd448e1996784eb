package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses Fortran expressions used in extents, kinds, {@code check} and defaults into {@link Expr}.
 *
 * <p>Named constants ({@code integer, parameter :: nmax = 100}) are folded to their values, so the
 * model only refers to parameters. Precedence follows the standard: {@code .or.} &lt; {@code .and.}
 * &lt; {@code .not.} &lt; comparisons &lt; {@code + -} &lt; {@code * /} &lt; unary minus.
 */
final class ExprParser {

    private final Cursor c;
    private final Map<String, Expr> constants;

    ExprParser(Cursor c, Map<String, Expr> constants) {
        this.c = c;
        this.constants = constants;
    }

    Expr parse() {
        return or();
    }

    private Expr or() {
        Expr left = and();
        while (c.peek().is(".or.")) {
            SourcePosition p = c.position(c.next());
            left = new Expr.Binary(Expr.BinaryOp.OR, left, and(), p);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (c.peek().is(".and.")) {
            SourcePosition p = c.position(c.next());
            left = new Expr.Binary(Expr.BinaryOp.AND, left, not(), p);
        }
        return left;
    }

    private Expr not() {
        if (c.peek().is(".not.")) {
            SourcePosition p = c.position(c.next());
            return new Expr.Unary(Expr.UnaryOp.NOT, not(), p);
        }
        return comparison();
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
        return new Expr.Binary(op, left, additive(), p);
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
            left = new Expr.Binary(op.is("+") ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, left, multiplicative(), c.position(op));
        }
        return left;
    }

    private static Expr negate(Expr e, SourcePosition p) {
        if (e instanceof Expr.IntConst i) {
            return new Expr.IntConst(-i.value(), p);
        }
        return new Expr.Unary(Expr.UnaryOp.NEG, e, p);
    }

    private Expr multiplicative() {
        Expr left = primary();
        while (c.peek().is("*") || c.peek().is("/")) {
            Token op = c.next();
            left = new Expr.Binary(op.is("*") ? Expr.BinaryOp.MUL : Expr.BinaryOp.DIV, left, primary(), c.position(op));
        }
        return left;
    }

    private Expr primary() {
        Token t = c.next();
        SourcePosition p = c.position(t);
        switch (t.kind()) {
            case INT -> {
                return new Expr.IntConst(Long.parseLong(t.text()), p);
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
            case "len" -> {
                if (args.size() != 1 || !(args.getFirst() instanceof Expr.Ref r)) {
                    throw c.error(t, "len(...) takes one character parameter");
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
        if (!(args.get(1) instanceof Expr.IntConst d) || d.value() + dimensionOffset < 1) {
            throw c.error(t, "the dimension of " + t.text() + "(" + r.name() + ", ...) must be a constant >= " + (1 - dimensionOffset));
        }
        return new Expr.Size(r.name(), (int) d.value() + dimensionOffset, p);
    }
}
