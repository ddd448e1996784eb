// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Kind numbers and how they map to model types, for gfortran's convention (a kind is the size in
 * bytes, a complex kind the size of one component), which ifx, flang and nvfortran share.
 *
 * <p>Knows the named kinds of {@code iso_c_binding} and {@code iso_fortran_env} and evaluates the
 * kind inquiries people write in kind constants: {@code kind(1.0d0)}, {@code selected_real_kind(15)},
 * {@code selected_int_kind(9)}.
 */
final class KindTable {

    private KindTable() {
    }

    /** Returns the intrinsic-module kind constants, as folded expressions. */
    static Map<String, Expr> intrinsicConstants() {
        var m = new HashMap<String, Expr>();
        Object[][] kinds = {
            {"c_int", 4}, {"c_short", 2}, {"c_long", 8}, {"c_long_long", 8}, {"c_signed_char", 1}, {"c_size_t", 8},
            {"c_int8_t", 1}, {"c_int16_t", 2}, {"c_int32_t", 4}, {"c_int64_t", 8}, {"c_intptr_t", 8}, {"c_ptrdiff_t", 8},
            {"c_float", 4}, {"c_double", 8}, {"c_float_complex", 4}, {"c_double_complex", 8}, {"c_bool", 1}, {"c_char", 1},
            {"int8", 1}, {"int16", 2}, {"int32", 4}, {"int64", 8}, {"real32", 4}, {"real64", 8}, {"real128", 16},
        };
        for (Object[] k : kinds) {
            m.put((String) k[0], new Expr.IntConst((Integer) k[1], SourcePosition.NONE));
        }
        return m;
    }

    /**
     * Evaluates a constant integer expression (kind inquiries included), or returns empty when it
     * depends on something that is not constant.
     */
    static OptionalLong evaluate(Expr e) {
        return switch (e) {
            case Expr.IntConst c -> OptionalLong.of(c.value());
            case Expr.Unary u when u.op() == Expr.UnaryOp.NEG -> negate(evaluate(u.operand()));
            case Expr.Binary b when !b.op().isLogical() -> arithmetic(b.op(), evaluate(b.left()), evaluate(b.right()));
            case Expr.Call call -> inquiry(call);
            default -> OptionalLong.empty();
        };
    }

    private static OptionalLong negate(OptionalLong v) {
        return v.isPresent() ? OptionalLong.of(-v.getAsLong()) : v;
    }

    private static OptionalLong arithmetic(Expr.BinaryOp op, OptionalLong l, OptionalLong r) {
        if (l.isEmpty() || r.isEmpty()) {
            return OptionalLong.empty();
        }
        long a = l.getAsLong();
        long b = r.getAsLong();
        try {
            // An overflowing constant is not a value: callers report it as not evaluable.
            return switch (op) {
                case ADD -> OptionalLong.of(Math.addExact(a, b));
                case SUB -> OptionalLong.of(Math.subtractExact(a, b));
                case MUL -> OptionalLong.of(Math.multiplyExact(a, b));
                case DIV -> b == 0 ? OptionalLong.empty() : OptionalLong.of(Math.divideExact(a, b));
                default -> OptionalLong.empty();
            };
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong inquiry(Expr.Call call) {
        var args = call.args();
        switch (call.function()) {
            case "kind" -> {
                if (args.size() != 1) {
                    return OptionalLong.empty();
                }
                return switch (args.getFirst()) {
                    case Expr.RealConst r -> OptionalLong.of(r.text().contains("d") ? 8 : 4);
                    case Expr.IntConst i -> OptionalLong.of(4);
                    case Expr.LogicalConst l -> OptionalLong.of(4);
                    default -> OptionalLong.empty();
                };
            }
            case "selected_real_kind" -> {
                OptionalLong p = args.isEmpty() ? OptionalLong.of(0) : evaluate(args.getFirst());
                OptionalLong r = args.size() > 1 ? evaluate(args.get(1)) : OptionalLong.of(0);
                if (p.isEmpty() || r.isEmpty()) {
                    return OptionalLong.empty();
                }
                long precision = p.getAsLong();
                long range = r.getAsLong();
                return OptionalLong.of(precision <= 6 && range <= 37 ? 4 : precision <= 15 && range <= 307 ? 8 : 16);
            }
            case "selected_int_kind" -> {
                OptionalLong r = args.size() == 1 ? evaluate(args.getFirst()) : OptionalLong.empty();
                if (r.isEmpty()) {
                    return r;
                }
                long range = r.getAsLong();
                return OptionalLong.of(range <= 2 ? 1 : range <= 4 ? 2 : range <= 9 ? 4 : range <= 18 ? 8 : 16);
            }
            default -> {
                return OptionalLong.empty();
            }
        }
    }

    /** Maps an intrinsic type name and kind to a model type, or null when Java cannot represent it. */
    static Type typeOf(String base, long kind) {
        return switch (base) {
            case "integer" -> kind < 1 || kind > 8 ? null : switch ((int) kind) {
                case 1 -> new Type.Scalar(ScalarKind.INT8);
                case 2 -> new Type.Scalar(ScalarKind.INT16);
                case 4 -> new Type.Scalar(ScalarKind.INT32);
                case 8 -> new Type.Scalar(ScalarKind.INT64);
                default -> null;
            };
            case "real" -> kind == 4 ? new Type.Scalar(ScalarKind.FLOAT) : kind == 8 ? new Type.Scalar(ScalarKind.DOUBLE) : null;
            case "complex" -> kind == 4 ? new Type.Scalar(ScalarKind.COMPLEX_FLOAT)
                    : kind == 8 ? new Type.Scalar(ScalarKind.COMPLEX_DOUBLE) : null;
            case "logical" -> kind == 1 || kind == 2 || kind == 4 || kind == 8 ? new Type.Logical((int) kind) : null;
            default -> null;
        };
    }
}
