// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.emit.CallbackAbi;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The C side of a callback argument of a routine with a {@code callstatement}. The wrapper receives the Java upcall
 * and holds it in a thread-local pointer for the call; the callstatement passes the routine an adapter under f2py's
 * names ({@code f_cptr}, {@code cb_f_in_<user module>}).
 *
 * <p>For a Fortran routine the adapter has the Fortran convention (every argument by reference, {@code value} ones by
 * value) and calls the upcall as a shim's adapter does ({@link CallbackAbi}): scalars as values, arrays as address and
 * extents (computed in C from the callback's own arguments), written scalars returned or as addresses. For an
 * {@code intent(c)} routine the callback already has the C convention: the callstatement gets the upcall itself.
 * The pointer is also kept in a shared one that threads the routine starts itself (OpenMP) fall back to; both are
 * restored when the call returns, so nested calls and other Java threads keep their own.
 */
final class CallStatementCallbacks {

    private CallStatementCallbacks() {
    }

    /** Returns why the wrapper cannot pass this callback on to a Fortran routine, if it cannot. */
    static Optional<String> problem(String arg, Type.Callback cb) {
        if (cb.declared().isEmpty()) {
            return Optional.empty(); // an intent(c) routine's callback: values only, checked when lowered
        }
        Signature s = cb.signature();
        for (Parameter q : s.parameters()) {
            String of = "callback '" + arg + "' has argument '" + q.name() + "' ";
            if (q.type() instanceof Type.Character) {
                return Optional.of(of + "that is a string, whose hidden length a callstatement wrapper's adapter cannot pass on;"
                        + " callstatement routines' callbacks take numbers, logicals and arrays of numbers");
            }
            for (Dimension d : q.dimensions()) {
                if (!(d instanceof Dimension.Explicit x) || cExpr(x.lower(), s).isEmpty() || cExpr(x.upper(), s).isEmpty()) {
                    return Optional.of(of + "of extent '" + d.render() + "', which the callstatement wrapper cannot compute; extents may use"
                            + " integer constants and the callback's integer scalar arguments with + - * /");
                }
            }
        }
        return Optional.empty();
    }

    /** The C declarator of the upcall pointer {@code name}: what Java implements. */
    static String upcall(Type.Callback cb, String name) {
        Signature s = cb.signature();
        if (cb.declared().isEmpty()) {
            return pointer(result(s.result()), name, s.parameters().stream().map(q -> CallStatementWriter.cType(q.type())).toList());
        }
        CallbackAbi abi = CallbackAbi.of(s);
        var types = new ArrayList<String>();
        for (CallbackAbi.Argument a : abi.arguments()) {
            types.add(switch (a.role()) {
                case VALUE -> abiType(a.parameter().type());
                case ADDRESS -> "void *";
                case EXTENT, LENGTH -> "long long";
            });
        }
        if (abi.resultByAddress()) {
            types.add("void *");
        }
        return pointer(abi.result() instanceof Type.Void ? "void" : abiType(abi.result()), name, types);
    }

    /** The type the routine sees, for the default prototype of {@code f2py_func}. */
    static String routineSide(Type.Callback cb) {
        Signature s = cb.signature();
        if (cb.declared().isEmpty()) {
            return upcall(cb, "");
        }
        return pointer(result(s.result()), "", s.parameters().stream()
                .map(q -> CallStatementWriter.cType(q.type()) + (byValue(q) ? "" : "*")).toList());
    }

    /**
     * Declares what the callback needs (in {@code statics}, before the wrapper), sets the held pointer (in
     * {@code locals}) and restores it (in {@code restore}).
     *
     * @return the C name the callstatement's {@code f_cptr} and {@code cb_f_in_...} stand for
     */
    static String adapter(String symbol, String name, Type.Callback cb, StringBuilder statics, StringBuilder locals, StringBuilder restore) {
        String param = "gatun_cb_" + name;
        if (cb.declared().isEmpty()) {
            return param; // C calls it with values: the upcall itself
        }
        String base = symbol + "_" + name.toLowerCase(Locale.ROOT);
        String held = base + "_held";
        String shared = base + "_shared";
        String adapter = base + "_adapter";
        Signature s = cb.signature();
        CallbackAbi abi = CallbackAbi.of(s);
        var dummies = new ArrayList<String>();
        for (int i = 0; i < s.parameters().size(); i++) {
            Parameter q = s.parameters().get(i);
            dummies.add(CallStatementWriter.cType(q.type()) + (byValue(q) ? " a" : " *a") + i);
        }
        var args = new ArrayList<String>();
        for (CallbackAbi.Argument a : abi.arguments()) {
            int i = s.parameters().indexOf(a.parameter());
            args.add(switch (a.role()) {
                case VALUE -> byValue(a.parameter()) ? "a" + i : "*a" + i;
                case ADDRESS -> "(void *) a" + i;
                case EXTENT -> extent((Dimension.Explicit) a.parameter().dimensions().get(a.dimension()), s);
                case LENGTH -> throw new IllegalStateException("strings are refused by problem()");
            });
        }
        if (abi.resultByAddress()) {
            args.add("(void *) &r"); // Java stores the complex result there
        }
        String call = "f(" + String.join(", ", args) + ")";
        String body = abi.resultByAddress() ? result(s.result()) + " r;\n    " + call + ";\n    return r;"
                : abi.written() != null ? "*a" + s.parameters().indexOf(abi.written()) + " = " + call + ";"
                : s.result() instanceof Type.Void ? call + ";"
                : s.result() instanceof Type.Logical ? "return " + call + " != 0;" // a logical result crosses as a C int
                : "return " + call + ";";
        statics.append("static _Thread_local ").append(upcall(cb, held)).append(";\n")
                .append("static ").append(upcall(cb, shared)).append(";\n")
                .append("static ").append(result(s.result())).append(' ').append(adapter).append('(')
                .append(dummies.isEmpty() ? "void" : String.join(", ", dummies)).append(") {\n    ")
                .append(upcall(cb, "f")).append(" = ").append(held).append(" != NULL ? ").append(held).append(" : ").append(shared)
                .append(";\n    ").append(body).append("\n}\n");
        locals.append("    ").append(upcall(cb, "gatun_prev_" + name)).append(" = ").append(held).append(";\n")
                .append("    ").append(upcall(cb, "gatun_prev_shared_" + name)).append(" = ").append(shared).append(";\n")
                .append("    ").append(held).append(" = ").append(param).append(";\n")
                .append("    ").append(shared).append(" = ").append(param).append(";\n");
        restore.append("    ").append(held).append(" = gatun_prev_").append(name).append(";\n")
                .append("    ").append(shared).append(" = gatun_prev_shared_").append(name).append(";\n");
        return adapter;
    }

    private static boolean byValue(Parameter q) {
        return !q.isArray() && q.passing() == Parameter.Passing.VALUE;
    }

    private static String result(Type t) {
        return t instanceof Type.Void ? "void" : CallStatementWriter.cType(t);
    }

    /** The C type of a value crossing the upcall: a logical crosses as an int, as from a shim. */
    private static String abiType(Type t) {
        return t instanceof Type.Logical ? "int" : CallStatementWriter.cType(t);
    }

    private static String pointer(String result, String name, List<String> types) {
        return result + " (*" + name + ")(" + (types.isEmpty() ? "void" : String.join(", ", types)) + ")";
    }

    /** One extent in C, {@code upper - lower + 1}, at least 0 (Fortran's rule for an upper bound below the lower). */
    private static String extent(Dimension.Explicit d, Signature s) {
        String n = "((long long) " + cExpr(d.upper(), s).orElseThrow() + " - (long long) " + cExpr(d.lower(), s).orElseThrow() + " + 1)";
        return "(" + n + " > 0 ? " + n + " : 0)";
    }

    /** A bound in C over the adapter's dummies, or empty when it uses what C cannot compute there. */
    private static Optional<String> cExpr(Expr e, Signature s) {
        return switch (e) {
            case Expr.IntConst c -> Optional.of(c.value() + "LL");
            case Expr.Ref r -> {
                for (int i = 0; i < s.parameters().size(); i++) {
                    Parameter q = s.parameters().get(i);
                    if (q.name().equalsIgnoreCase(r.name()) && !q.isArray() && q.type() instanceof Type.Scalar sc && sc.kind().isInteger()) {
                        yield Optional.of(byValue(q) ? "a" + i : "(*a" + i + ")");
                    }
                }
                yield Optional.empty();
            }
            case Expr.Unary u when u.op() == Expr.UnaryOp.NEG -> cExpr(u.operand(), s).map(x -> "(-" + x + ")");
            case Expr.Binary b when !b.op().isLogical() -> {
                Optional<String> l = cExpr(b.left(), s);
                Optional<String> r = cExpr(b.right(), s);
                String op = b.op() == Expr.BinaryOp.DIV ? "/" : b.op().symbol();
                yield l.isPresent() && r.isPresent() ? Optional.of("(" + l.get() + " " + op + " " + r.get() + ")") : Optional.empty();
            }
            default -> Optional.empty();
        };
    }
}
