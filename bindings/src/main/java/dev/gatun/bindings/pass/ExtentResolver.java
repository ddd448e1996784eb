// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;

/**
 * f2py's rule for extents: an integer scalar that is an array's extent ({@code n} in
 * {@code a(n)}, {@code a(0:n-1)}, {@code b(n+1)}) leaves the Java signature and is computed from
 * the array's shape. The first input array that declares it wins (else the first array); later arrays using the same scalar are
 * checked against it before the call. A parameter with a default value ({@code = len(a)}) is
 * computed from the default instead; {@code intent(hide)} without either is an error.
 */
final class ExtentResolver {

    private final Annotations notes;
    private final Diagnostics diagnostics;

    ExtentResolver(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    void run(Library library) {
        for (Procedure proc : library.procedures()) {
            if (notes.get(proc, Notes.Unsupported.class).isPresent() || notes.get(proc, Notes.RawOnly.class).isPresent()) {
                continue; // extents are a friendly method's business
            }
            for (Parameter p : proc.parameters()) {
                if (p.isArray() || !(p.type() instanceof Type.Scalar s) || !s.kind().isInteger() || p.optional()
                        || p.defaultValue().isPresent()) {
                    continue;
                }
                if (p.intent() == Parameter.Intent.IN || p.intent() == Parameter.Intent.HIDE) {
                    // An input array first: then n of b(n) is known before an intent(out) b exists (f2py's b = foo(a)).
                    if (!infer(proc, p, true)) {
                        infer(proc, p, false);
                    }
                } else if (p.intent() == Parameter.Intent.OUT && sizesAnArray(proc, p) && !infer(proc, p, true)) {
                    // f2py computes such an n from the array and returns it; with no way to compute it, the
                    // generated method would have no value to check the array against.
                    notes.put(proc, new Notes.Unsupported("parameter '" + p.name() + "' is intent(out) but sizes an array, and"
                            + " Gatun cannot compute it from that array's shape; declare it intent(in)"));
                    diagnostics.warning(p.position(), "skipped " + (proc.kind() == Procedure.Kind.FUNCTION ? "function" : "subroutine")
                            + " '" + proc.name() + "': parameter '" + p.name() + "' is intent(out) but sizes an array, and Gatun cannot"
                            + " compute it from that array's shape; declare it intent(in)");
                    break;
                }
            }
            if (notes.get(proc, Notes.Unsupported.class).isPresent()) {
                continue;
            }
            for (Parameter p : proc.parameters()) {
                // A hidden array is a work array the generated method allocates; a hidden scalar needs a value.
                if (p.intent() == Parameter.Intent.HIDE && !p.isArray() && p.defaultValue().isEmpty()
                        && !(p.type() instanceof dev.gatun.bindings.model.Type.Callback)
                        && notes.get(p, Notes.InferredExtent.class).isEmpty()) {
                    diagnostics.error(p.position(), "parameter '" + p.name() + "' of " + proc.name()
                            + " is intent(hide) but has no default value and is no array extent; add '= <expression>'");
                }
            }
        }
    }

    /**
     * Notes how {@code scalar} follows from the first array whose dimension's extent is linear in it
     * ({@code a(n)}, {@code a(0:n-1)}, {@code a(2*n)}, {@code a(3*n:20)}); for an intent(out) scalar only
     * arrays the caller fills count. Returns whether one was found.
     */
    private boolean infer(Procedure proc, Parameter scalar, boolean fromInputsOnly) {
        for (Parameter array : proc.parameters()) {
            if (fromInputsOnly && array.intent() != Parameter.Intent.IN && array.intent() != Parameter.Intent.INOUT) {
                continue;
            }
            if (array.intent() == Parameter.Intent.HIDE) {
                continue; // a hidden work array is allocated from its extents, so it cannot give them
            }
            for (int d = 0; d < array.rank(); d++) {
                if (array.dimensions().get(d) instanceof Dimension.Explicit e) {
                    if (e.lower() instanceof Expr.IntConst low) {
                        Long k = offsetOf(e.upper(), scalar.name());
                        if (k != null) {
                            // extent = (n + k) - low + 1, so n = extent + low - 1 - k
                            notes.put(scalar, new Notes.InferredExtent(array, d, low.value() - 1 - k));
                            return true;
                        }
                    }
                    var inverse = LinearExtent.solve(e.lower(), e.upper(), scalar.name());
                    if (inverse.isPresent()) {
                        var i = inverse.get();
                        notes.put(scalar, new Notes.InferredExtent(array, d, i.offset(), i.multiplier(), i.divisor()));
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean sizesAnArray(Procedure proc, Parameter scalar) {
        return proc.parameters().stream().flatMap(p -> p.dimensions().stream())
                .anyMatch(d -> (d instanceof Dimension.Explicit e ? e.upper().references() : java.util.List.<String>of()).stream()
                        .anyMatch(n -> n.equalsIgnoreCase(scalar.name()))
                        || d.lower().references().stream().anyMatch(n -> n.equalsIgnoreCase(scalar.name())));
    }

    /** Returns k when {@code upper} is {@code name}, {@code name + k} or {@code name - k}; else null. */
    private static Long offsetOf(Expr upper, String name) {
        if (upper instanceof Expr.Ref r && r.name().equalsIgnoreCase(name)) {
            return 0L;
        }
        if (upper instanceof Expr.Binary b && b.left() instanceof Expr.Ref r && r.name().equalsIgnoreCase(name)
                && b.right() instanceof Expr.IntConst c) {
            return switch (b.op()) {
                case ADD -> c.value();
                case SUB -> -c.value();
                default -> null;
            };
        }
        return null;
    }
}
