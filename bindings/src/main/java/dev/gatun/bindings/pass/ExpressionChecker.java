// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the expressions a procedure's parameters carry (extents, {@code check}, defaults,
 * {@code depend}) against what the generated Java can evaluate, so no emitter meets a name or an
 * intrinsic it cannot translate. A {@code check} or default that names something that is not a
 * parameter, uses an unsupported intrinsic or a {@code *} inside an expression makes the procedure
 * unsupported (its contract cannot be enforced); an extent naming something unknown
 * ({@code a(q)} with {@code q} from a COMMON block) and a {@code depend} on a missing parameter only
 * warn: the procedure is bound, and the warning says which length goes unchecked.
 */
final class ExpressionChecker {

    /** The intrinsics the generated checks translate (besides {@code size}, {@code shape} and {@code len}). */
    static final Set<String> INTRINSICS = Set.of("abs", "max", "min", "merge", "mod", "rank", "f2py_itemsize");

    private final Annotations notes;
    private final Diagnostics diagnostics;

    ExpressionChecker(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    void run(Library library) {
        for (Procedure proc : library.procedures()) {
            if (notes.get(proc, Notes.Unsupported.class).isPresent()) {
                continue;
            }
            Optional<Problem> problem = reason(proc);
            problem.ifPresent(r -> {
                notes.put(proc, new Notes.Unsupported(r.message()));
                diagnostics.warning(r.position(), "skipped " + kindWord(proc) + " '" + proc.name() + "': " + r.message());
            });
        }
    }

    /** Why a procedure is skipped, reported at the offending expression. */
    private record Problem(String message, SourcePosition position) {
    }

    private Optional<Problem> reason(Procedure proc) {
        for (Parameter p : proc.parameters()) {
            for (String d : p.depends()) {
                if (proc.parameter(d).isEmpty()) {
                    diagnostics.warning(p.position(), "parameter '" + p.name() + "' of " + proc.name() + ": depend(" + d
                            + ") names no parameter of " + proc.name() + "; ignored");
                }
            }
            for (Expr check : p.checks()) {
                Optional<String> bad = problem(proc, check);
                if (bad.isPresent()) {
                    return Optional.of(new Problem("check(" + check.render() + ") of parameter '" + p.name() + "' " + bad.get(), check.position()));
                }
            }
            if (p.defaultValue().isPresent()) {
                Optional<String> bad = problem(proc, p.defaultValue().get());
                if (bad.isPresent()) {
                    Expr value = p.defaultValue().get();
                    return Optional.of(new Problem("the default '" + value.render() + "' of parameter '" + p.name() + "' " + bad.get(), value.position()));
                }
            }
            for (Dimension dim : p.dimensions()) {
                Optional<String> bad = dimensionProblem(proc, p, dim);
                if (bad.isPresent()) {
                    return Optional.of(new Problem(bad.get(), dim.position()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> dimensionProblem(Procedure proc, Parameter p, Dimension dim) {
        var bounds = dim instanceof Dimension.Explicit e ? java.util.List.of(e.lower(), e.upper()) : java.util.List.of(dim.lower());
        for (Expr bound : bounds) {
            Optional<String> structural = structure(bound);
            if (structural.isPresent()) {
                return Optional.of("the dimension '" + dim.render() + "' of parameter '" + p.name() + "' " + structural.get());
            }
            for (String name : bound.references()) {
                if (proc.parameter(name).isEmpty()) {
                    diagnostics.warning(dim.position(), "parameter '" + p.name() + "' of " + proc.name() + ": its dimension '"
                            + dim.render() + "' names '" + name + "', which is neither a dummy argument nor a named constant known here;"
                            + " Gatun cannot check this extent");
                }
            }
        }
        return Optional.empty();
    }

    /** What is wrong with a check or default expression, if anything. */
    private static Optional<String> problem(Procedure proc, Expr e) {
        Optional<String> structural = structure(e);
        if (structural.isPresent()) {
            return structural;
        }
        for (String name : e.references()) {
            if (proc.parameter(name).isEmpty()) {
                return Optional.of("names '" + name + "', which is not a parameter of " + proc.name());
            }
        }
        return Optional.empty();
    }

    /** A '*' inside an expression, or an intrinsic the generated Java cannot evaluate. */
    private static Optional<String> structure(Expr e) {
        return switch (e) {
            case Expr.Star s -> Optional.of("uses '*' inside an expression");
            case Expr.Unary u -> structure(u.operand());
            case Expr.Binary b -> structure(b.left()).or(() -> structure(b.right()));
            case Expr.Call c -> {
                if (c.function().equals("*") || c.function().equals("[]")) {
                    yield Optional.of("uses C's " + (c.function().equals("*") ? "'*'" : "'[...]'") + " on '" + c.args().getFirst().render()
                            + "'; Gatun reads *x and x[0] only for a character scalar of length 1, as its value (f2py's rule)");
                }
                if (!INTRINSICS.contains(c.function())) {
                    yield Optional.of("uses '" + c.function() + "', which generated checks do not support (supported: abs, len, max, merge"
                            + " (f2py's c ? a : b), min, mod, rank, shape, size, slen, f2py_itemsize)");
                }
                if (c.function().equals("rank") && (c.args().size() != 1 || !(c.args().getFirst() instanceof Expr.Ref))) {
                    yield Optional.of("uses rank(...) on something that is not an array parameter");
                }
                if (c.function().equals("f2py_itemsize") && (c.args().size() != 1 || !(c.args().getFirst() instanceof Expr.Ref))) {
                    yield Optional.of("uses f2py_itemsize(...) on something that is not a character parameter");
                }
                if (c.function().equals("mod") && c.args().size() != 2 || c.function().equals("merge") && c.args().size() != 3
                        || c.args().isEmpty()) {
                    yield Optional.of("calls " + c.function() + " with " + c.args().size() + " arguments");
                }
                yield c.args().stream().map(ExpressionChecker::structure).flatMap(Optional::stream).findFirst();
            }
            default -> Optional.empty();
        };
    }

    private static String kindWord(Procedure p) {
        return p.kind() == Procedure.Kind.FUNCTION ? "function" : "subroutine";
    }
}
