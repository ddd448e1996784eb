// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.model.Expr;
import java.util.List;
import java.util.Set;

/**
 * f2py's checks are C, where any number is a condition ({@code check(n)}, {@code !(n%2)}); the model's
 * conditions are logical, as in Fortran and Java. This rewrites a number used as a condition into
 * {@code number /= 0}, so the generated Java always compiles. It also reads C's {@code *x} and {@code x[0]} of a
 * length-1 {@code character} scalar as {@code x}, as f2py does for signatures written when it was a {@code char *}.
 */
final class CTruth {

    private final Set<String> logicalNames;
    private final Set<String> characterNames;

    /**
     * @param logicalNames   lower-case names of the routine's logical arguments, which are already conditions
     * @param characterNames lower-case names of its {@code character} scalars of length 1, whose {@code *x} and {@code x[0]}
     *                       are the character itself (f2py's rule since a {@code character} became a C {@code char})
     */
    CTruth(Set<String> logicalNames, Set<String> characterNames) {
        this.logicalNames = logicalNames;
        this.characterNames = characterNames;
    }

    /** The expression as a condition. */
    Expr condition(Expr e) {
        Expr v = value(e);
        return isLogical(v) ? v : new Expr.Binary(Expr.BinaryOp.NE, v, new Expr.IntConst(0, e.position()), e.position());
    }

    /** The expression with every condition inside it (operands of ! && || and ?:) made logical. */
    Expr value(Expr e) {
        return switch (e) {
            case Expr.Unary u when u.op() == Expr.UnaryOp.NOT -> new Expr.Unary(Expr.UnaryOp.NOT, condition(u.operand()), u.position());
            case Expr.Unary u -> new Expr.Unary(u.op(), value(u.operand()), u.position());
            case Expr.Binary b when b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR ->
                    new Expr.Binary(b.op(), condition(b.left()), condition(b.right()), b.position());
            case Expr.Binary b -> new Expr.Binary(b.op(), value(b.left()), value(b.right()), b.position());
            case Expr.Call c when c.function().equals("merge") && c.args().size() == 3 ->
                    new Expr.Call("merge", List.of(value(c.args().get(0)), value(c.args().get(1)), condition(c.args().get(2))), c.position());
            // Anything else keeps the '*' or '[]' call, which the expression checker reports as unsupported.
            case Expr.Call c when c.function().equals("*") && isCharacter(c.args().getFirst()) -> c.args().getFirst();
            case Expr.Call c when c.function().equals("[]") && isCharacter(c.args().getFirst())
                    && c.args().get(1) instanceof Expr.IntConst i && i.value() == 0 -> c.args().getFirst();
            case Expr.Call c -> new Expr.Call(c.function(), c.args().stream().map(this::value).toList(), c.position());
            default -> e;
        };
    }

    private boolean isCharacter(Expr e) {
        return e instanceof Expr.Ref r && characterNames.contains(r.name().toLowerCase(java.util.Locale.ROOT));
    }

    private boolean isLogical(Expr e) {
        return switch (e) {
            case Expr.LogicalConst l -> true;
            case Expr.Unary u -> u.op() == Expr.UnaryOp.NOT;
            case Expr.Binary b -> b.op().isLogical();
            case Expr.Ref r -> logicalNames.contains(r.name().toLowerCase(java.util.Locale.ROOT));
            default -> false;
        };
    }
}
