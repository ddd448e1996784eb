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
 * the array's shape. The first array that declares it wins; later arrays using the same scalar are
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
            if (notes.get(proc, Notes.Unsupported.class).isPresent()) {
                continue;
            }
            for (Parameter p : proc.parameters()) {
                if (p.isArray() || !(p.type() instanceof Type.Scalar s) || !s.kind().isInteger() || p.optional()
                        || p.defaultValue().isPresent() || (p.intent() != Parameter.Intent.IN && p.intent() != Parameter.Intent.HIDE)) {
                    continue;
                }
                infer(proc, p);
            }
            for (Parameter p : proc.parameters()) {
                if (p.intent() == Parameter.Intent.HIDE && p.defaultValue().isEmpty()
                        && notes.get(p, Notes.InferredExtent.class).isEmpty()) {
                    diagnostics.error(p.position(), "parameter '" + p.name() + "' of " + proc.name()
                            + " is intent(hide) but has no default value and is no array extent; add '= <expression>'");
                }
            }
        }
    }

    private void infer(Procedure proc, Parameter scalar) {
        for (Parameter array : proc.parameters()) {
            for (int d = 0; d < array.rank(); d++) {
                if (array.dimensions().get(d) instanceof Dimension.Explicit e && e.lower() instanceof Expr.IntConst low) {
                    Long k = offsetOf(e.upper(), scalar.name());
                    if (k != null) {
                        // extent = (n + k) - low + 1, so n = extent + low - 1 - k
                        notes.put(scalar, new Notes.InferredExtent(array, d, low.value() - 1 - k));
                        return;
                    }
                }
            }
        }
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
