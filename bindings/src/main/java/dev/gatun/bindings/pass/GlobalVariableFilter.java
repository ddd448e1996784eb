// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.CommonBlock;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.ModuleVariable;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.Unit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Marks {@code COMMON} block members and module variables that get no Java accessor with
 * {@link Notes.Unsupported} and warns naming the variable and the reason; the others get accessors
 * (scalars read and written in place, arrays as views of the Fortran memory).
 */
public final class GlobalVariableFilter {

    /** Element types an array view can have: those with a Gatun array class. */
    private static final Set<ScalarKind> VIEWS = Set.of(ScalarKind.DOUBLE, ScalarKind.FLOAT, ScalarKind.INT32, ScalarKind.INT64,
            ScalarKind.COMPLEX_DOUBLE);

    private final Annotations notes;
    private final Diagnostics diagnostics;

    GlobalVariableFilter(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    void run(Library library) {
        for (Unit u : library.units()) {
            for (CommonBlock b : u.commons()) {
                for (CommonBlock.Member m : b.members()) {
                    reason(m.type(), m.dimensions(), false).ifPresent(r -> {
                        notes.put(m, new Notes.Unsupported(r));
                        diagnostics.warning(m.position(), "no accessor for '" + m.name() + "' of common block /" + b.name() + "/: " + r);
                    });
                }
            }
            for (ModuleVariable v : u.variables()) {
                reason(v.type(), v.dimensions(), v.allocatable()).ifPresent(r -> {
                    notes.put(v, new Notes.Unsupported(r));
                    diagnostics.warning(v.position(), "skipped module variable '" + v.name() + "' of module '" + v.module() + "': " + r);
                });
            }
            for (var t : u.types()) {
                if (t.type() instanceof Type.Derived d) {
                    for (Type.Component c : d.components()) {
                        componentReason(c).ifPresent(r -> {
                            notes.put(c, new Notes.Unsupported(r));
                            diagnostics.warning(c.position(), "no accessor for component '" + c.name() + "' of type '" + d.name() + "': " + r);
                        });
                    }
                }
            }
        }
    }

    /**
     * Components are accessed as variables are; a bind(C) struct or another handle type inside an object is a view of it,
     * and so is an array of them (of constant shape, or allocatable or pointer).
     */
    private static Optional<String> componentReason(Type.Component c) {
        if (c.type() instanceof Type.Struct || c.type() instanceof Type.Derived) {
            if (c.dimensions().isEmpty()) {
                return Optional.empty();
            }
            if (c.type() instanceof Type.Derived d && (d.polymorphic() || d.isAbstract())) {
                return Optional.of("it is an array of class(" + d.name() + "); arrays of a polymorphic type inside a type are not bound");
            }
            return c.allocatable() || c.pointer() || extents(c.dimensions()).isPresent() ? Optional.empty()
                    : Optional.of("its extents are not constants");
        }
        return reason(c.type(), c.dimensions(), c.allocatable() || c.pointer());
    }

    /**
     * Why a variable gets no accessor, if it does not.
     *
     * @param type        scalar or element type
     * @param dimensions  its dimensions, empty for a scalar
     * @param allocatable whether it is an allocatable array
     * @return the reason, or empty when it is bound
     */
    public static Optional<String> reason(Type type, List<Dimension> dimensions, boolean allocatable) {
        boolean scalar = type instanceof Type.Scalar || type instanceof Type.Logical
                || (type instanceof Type.Character c && c.length() instanceof Expr.IntConst);
        if (!scalar) {
            return Optional.of("its type " + type.describe() + " has no Java accessor");
        }
        if (dimensions.isEmpty()) {
            return Optional.empty();
        }
        boolean view = type instanceof Type.Scalar s && VIEWS.contains(s.kind());
        if (!view && !(type instanceof Type.Character && !allocatable)) {
            return Optional.of("it is an array of " + type.describe() + "; arrays of double, float, int32, int64 and complex double"
                    + " (and, not allocatable, character) are bound");
        }
        if (!allocatable && extents(dimensions).isEmpty()) {
            return Optional.of("its extents are not constants");
        }
        return Optional.empty();
    }

    /**
     * The extents of an array whose bounds are all constant.
     *
     * @param dimensions the dimensions
     * @return the extents, or empty when one is not constant
     */
    public static Optional<List<Long>> extents(List<Dimension> dimensions) {
        var out = new java.util.ArrayList<Long>();
        for (Dimension d : dimensions) {
            if (!(d instanceof Dimension.Explicit e && e.lower() instanceof Expr.IntConst lo && e.upper() instanceof Expr.IntConst hi)) {
                return Optional.empty();
            }
            out.add(Math.max(0, hi.value() - lo.value() + 1));
        }
        return Optional.of(out);
    }
}
