package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import java.util.Optional;
import java.util.Set;

/**
 * Marks procedures the emitters cannot bind yet with {@link Notes.Unsupported} and reports a
 * warning naming the parameter and the reason; everything else in the library is still bound.
 */
final class UnsupportedFilter {

    /** Element types with a Gatun array class. */
    static final Set<ScalarKind> ARRAY_ELEMENTS = Set.of(ScalarKind.DOUBLE, ScalarKind.FLOAT, ScalarKind.INT32,
            ScalarKind.INT64, ScalarKind.COMPLEX_DOUBLE);

    private final Annotations notes;
    private final Diagnostics diagnostics;

    UnsupportedFilter(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    void run(Library library) {
        for (Procedure p : library.procedures()) {
            reason(p).ifPresent(r -> {
                notes.put(p, new Notes.Unsupported(r));
                diagnostics.warning(p.position(), "skipped " + (p.kind() == Procedure.Kind.FUNCTION ? "function" : "subroutine") + " '" + p.name() + "': " + r);
            });
        }
    }

    private static Optional<String> reason(Procedure proc) {
        boolean direct = proc.interop() == Procedure.Interop.DIRECT;
        for (Parameter p : proc.parameters()) {
            String where = "parameter '" + p.name() + "' ";
            Type t = p.type();
            if (t instanceof Type.Struct) {
                return Optional.of(where + "is a struct passed by value or reference; structs are not bound yet");
            }
            if (p.isArray()) {
                if (!(t instanceof Type.Scalar s) || !ARRAY_ELEMENTS.contains(s.kind())) {
                    return Optional.of(where + "is an array of " + t.describe()
                            + "; arrays of double, float, int32, int64 and complex double are supported");
                }
                if (direct && p.dimensions().stream().anyMatch(d -> d instanceof Dimension.AssumedShape)) {
                    return Optional.of(where + "is assumed-shape in a bind(C) procedure, which needs Fortran 2018 "
                            + "descriptors; drop bind(C) so Gatun generates a shim, or use explicit shape");
                }
            }
            if (t instanceof Type.Character && (direct || p.intent() != Parameter.Intent.IN || p.optional())) {
                return Optional.of(where + "is character; only non-optional intent(in) strings of procedures without bind(C) are supported");
            }
            if (t instanceof Type.Scalar s && s.kind().isComplex() && p.passing() == Parameter.Passing.VALUE) {
                return Optional.of(where + "is complex by value; pass it by reference");
            }
            if (t instanceof Type.Callback && (p.optional() || direct)) {
                return Optional.of(where + "is an optional or bind(C) callback; not supported yet");
            }
        }
        Type r = proc.result();
        if (r instanceof Type.Struct) {
            return Optional.of("it returns a struct; not supported yet");
        }
        if (r instanceof Type.Character c && !(c.length() instanceof dev.gatun.bindings.model.Expr.IntConst)) {
            return Optional.of("it returns character(len=" + c.length().render() + "); only constant lengths are supported");
        }
        if (direct && (r instanceof Type.Character || (r instanceof Type.Scalar s && s.kind().isComplex()))) {
            return Optional.of("a bind(C) function returning complex or character is not supported; drop bind(C)");
        }
        return Optional.empty();
    }
}
