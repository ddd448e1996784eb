// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.ArrayOrder;
import dev.gatun.bindings.model.CommonBlock;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lowers a {@link ProcedureDraft} into a model {@link Procedure}: resolves implicit types, maps
 * Fortran and f2py intents onto the model's, turns dummy procedures with an interface into
 * callbacks. A procedure that cannot be bound is skipped with a warning naming the reason.
 */
final class DraftLowering {

    private final Diagnostics diagnostics;

    DraftLowering(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Signals that the procedure is skipped; the message has already been reported. */
    private static final class Skip extends Exception {
        private static final long serialVersionUID = 1L;

        Skip() {
            super(null, null, false, false);
        }
    }

    /** Lowers a draft, or returns empty when it was skipped or wrong (reported). */
    Optional<Procedure> lower(ProcedureDraft d) {
        try {
            return Optional.of(procedure(d));
        } catch (Skip s) {
            return Optional.empty();
        }
    }

    private Procedure procedure(ProcedureDraft d) throws Skip {
        var parameters = new ArrayList<Parameter>();
        for (String arg : d.arguments) {
            parameters.add(parameter(d, arg));
        }
        inlineAuxiliaries(d, parameters);
        // f2py's intent(callback) externals the procedure calls: Java passes (or, hidden, a setter holds) the callback.
        d.externalCallbacks.forEach((name, x) -> parameters.add(Parameter.builder(name, new Type.Callback(x.signature(), Optional.of(name)),
                x.position()).intent(x.hidden() ? Parameter.Intent.HIDE : Parameter.Intent.IN).build()));
        Type result = Type.VOID;
        if (d.kind == Procedure.Kind.FUNCTION) {
            ProcedureDraft.Entity r = d.entities.get(d.resultVariable());
            TypeSpec spec = r != null && r.type != null ? r.type : d.prefixType != null ? d.prefixType : d.implicit.typeOf(d.resultVariable());
            if (spec == null) {
                error(d.position, "function '" + d.name + "' has no result type; declare '" + d.resultVariable() + "' (implicit none is in effect)");
            }
            spec = spec.resolve(d.types);
            if (spec.type() == null) {
                skip(d, d.position, "its result type " + spec.unsupported());
            }
            if (r != null && !r.dimensions.isEmpty()) {
                skip(d, d.position, "it returns an array");
            }
            result = spec.type();
        }
        String symbol = d.bindC ? (d.bindName == null || d.bindName.isEmpty() ? d.name : d.bindName) : d.name.toLowerCase(Locale.ROOT);
        try {
            return new Procedure(d.name, symbol, Language.FORTRAN, d.kind, result,
                    d.bindC ? Procedure.Interop.DIRECT : Procedure.Interop.NEEDS_SHIM, parameters, Optional.ofNullable(d.module), d.position);
        } catch (IllegalArgumentException e) {
            // The model refuses impossible procedures; the parser should have caught each case first.
            skip(d, d.position, e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    /**
     * f2py's {@code !f2py intent(aux) :: m = expr} on a name that is not a dummy argument: an auxiliary variable of
     * f2py's wrapper. Its value is inlined where the dummies' dimensions, checks and defaults name it; one without a
     * value (f2py code uses it for module variables that size arrays) changes nothing, and such an extent stays
     * unchecked (reported by the expression checker).
     */
    private void inlineAuxiliaries(ProcedureDraft d, List<Parameter> parameters) throws Skip {
        var values = new java.util.HashMap<String, Expr>();
        d.entities.forEach((name, e) -> {
            if (e.intents.contains("aux") && e.defaultValue != null && !d.arguments.contains(name)) {
                values.put(name.toLowerCase(Locale.ROOT), e.defaultValue);
            }
        });
        if (values.isEmpty()) {
            return;
        }
        // Aux values may name each other: inline until none is left (a chain longer than the variables is a cycle).
        for (int round = 0; round <= values.size(); round++) {
            boolean changed = false;
            for (var v : values.entrySet()) {
                Expr next = v.getValue().substitute(values);
                changed |= !next.equals(v.getValue());
                v.setValue(next);
            }
            if (!changed) {
                break;
            }
            if (round == values.size()) {
                skip(d, d.position, "its intent(aux) variables " + String.join(", ", values.keySet().stream().sorted().toList())
                        + " are computed from each other in a cycle");
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Parameter.Builder b = p.toBuilder()
                    .dimensions(p.dimensions().stream().map(dim -> dim instanceof Dimension.Explicit x
                            ? (Dimension) new Dimension.Explicit(x.lower().substitute(values), x.upper().substitute(values), x.position()) : dim)
                            .toList())
                    .checks(p.checks().stream().map(c -> c.substitute(values)).toList())
                    .depends(p.depends().stream().flatMap(n -> values.containsKey(n.toLowerCase(Locale.ROOT))
                            ? values.get(n.toLowerCase(Locale.ROOT)).references().stream() : java.util.stream.Stream.of(n)).distinct().toList());
            p.defaultValue().ifPresent(v -> b.defaultValue(v.substitute(values)));
            if (p.type() instanceof Type.Callback) {
                continue; // its signature is its own; toBuilder would not carry the callback flags
            }
            parameters.set(i, b.build());
        }
    }

    private Parameter parameter(ProcedureDraft d, String arg) throws Skip {
        ProcedureDraft.Entity e = d.entities.get(arg);
        SourcePosition where = e != null ? e.position : d.argumentPositions.get(arg);
        if (e != null && e.intents.contains("aux")) {
            skip(d, where, "parameter '" + arg + "' is intent(aux): f2py keeps an auxiliary variable in its wrapper and never passes it to '"
                    + d.name + "', so the argument list would not match the procedure; use intent(hide) to compute a dummy argument");
        }
        if (d.interfaces.containsKey(arg)) {
            Parameter.Builder b = Parameter.builder(arg, callbackType(d, d.interfaces.get(arg), where), where);
            if (e != null) {
                b.optional(e.optional);
            }
            return b.build();
        }
        if (e != null && (e.external || e.intents.contains("callback"))) {
            try {
                // No interface block: the signature comes from the calls in the body and f2py lines, as in f2py.
                return Parameter.builder(arg, new Type.Callback(CallbackInference.infer(d, arg)), where).optional(e.optional).build();
            } catch (CallbackInference.Unknown u) {
                skip(d, where, u.getMessage());
            }
        }
        TypeSpec spec = e != null && e.type != null ? e.type : d.implicit.typeOf(arg);
        if (spec == null) {
            error(where, "dummy argument '" + arg + "' of " + kindWord(d) + " '" + d.name + "' has no type; declare it (implicit none is in effect)");
        }
        spec = spec.resolve(d.types);
        if (spec.type() == null) {
            skip(d, where, "parameter '" + arg + "': " + spec.unsupported());
        }
        if (e != null && e.unsupportedAttribute != null) {
            skip(d, where, "parameter '" + arg + "' is " + e.unsupportedAttribute + ", which has no C interoperable form here");
        }
        Parameter.Builder b = Parameter.builder(arg, spec.type(), where);
        if (e == null) {
            return b.build();
        }
        boolean c = e.intents.contains("c");
        // f2py's "optional ... = value" means "may be left out by the caller, then value is passed":
        // Fortran always receives an argument, so it is not a Fortran optional (a null address) in the model.
        boolean fortranOptional = e.optional && e.defaultValue == null;
        b.intent(intent(e)).dimensions(e.dimensions).optional(fortranOptional)
                .passing(e.value || (c && e.dimensions.isEmpty()) ? Parameter.Passing.VALUE : Parameter.Passing.REFERENCE)
                .order(c ? ArrayOrder.C : ArrayOrder.FORTRAN).depends(e.depends).checks(e.checks);
        if (e.defaultValue != null) {
            b.defaultValue(e.defaultValue);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            error(where, ex.getMessage());
            throw new Skip();
        }
    }

    /**
     * Maps Fortran/f2py intents: in,out and inout are INOUT; out is OUT; hide is HIDE; in is IN.
     * With no intent declared, f2py assumes intent(in) but hands a contiguous array of the right
     * type to Fortran in place, so Fortran's writes show; Gatun never copies, so such an array is
     * INOUT (documented as written in place) and such a scalar IN (its value is passed, writes are lost).
     */
    private static Parameter.Intent intent(ProcedureDraft.Entity e) {
        var i = e.intents;
        if (!i.contains("in") && !i.contains("out") && !i.contains("inout") && !i.contains("hide")) {
            return e.dimensions.isEmpty() ? Parameter.Intent.IN : Parameter.Intent.INOUT;
        }
        if (i.contains("inout") || (i.contains("in") && i.contains("out"))) {
            return Parameter.Intent.INOUT;
        }
        if (i.contains("out")) {
            return Parameter.Intent.OUT;
        }
        if (i.contains("hide")) {
            return Parameter.Intent.HIDE;
        }
        return Parameter.Intent.IN;
    }

    /**
     * The callback of a dummy procedure with an interface block: its dummies as the block declares them
     * (arrays, written scalars and strings included; {@link dev.gatun.bindings.pass.Passes} checks what a
     * callback can receive) and which of them have no intent, which an adapter passed for it must repeat.
     */
    private Type.Callback callbackType(ProcedureDraft owner, ProcedureDraft body, SourcePosition where) throws Skip {
        var params = new ArrayList<Parameter>();
        var withoutIntent = new java.util.HashSet<String>();
        for (String arg : body.arguments) {
            if (body.interfaces.containsKey(arg) || body.entities.get(arg) != null && body.entities.get(arg).external) {
                skip(owner, where, "callback '" + body.name + "' takes the procedure '" + arg + "'; procedures as callback arguments are not supported");
            }
            params.add(parameter(body, arg));
            ProcedureDraft.Entity e = body.entities.get(arg);
            if (e == null || !e.intents.contains("in") && !e.intents.contains("out") && !e.intents.contains("inout")) {
                withoutIntent.add(arg.toLowerCase(Locale.ROOT));
            }
        }
        Type result = Type.VOID;
        if (body.kind == Procedure.Kind.FUNCTION) {
            ProcedureDraft.Entity r = body.entities.get(body.resultVariable());
            TypeSpec spec = r != null && r.type != null ? r.type : body.prefixType != null ? body.prefixType : body.implicit.typeOf(body.resultVariable());
            if (spec == null || spec.resolve(body.types).type() == null) {
                skip(owner, where, "callback '" + body.name + "' has no result type Gatun can bind");
            }
            result = spec.resolve(body.types).type();
        }
        return new Type.Callback(new Signature(result, params), Optional.empty(), Optional.of(new Type.Callback.Declared(withoutIntent)));
    }

    private void skip(ProcedureDraft d, SourcePosition where, String reason) throws Skip {
        diagnostics.warning(where, "skipped " + kindWord(d) + " '" + d.name + "': " + reason);
        throw new Skip();
    }

    private void error(SourcePosition where, String message) throws Skip {
        diagnostics.error(where, message);
        throw new Skip();
    }

    private static String kindWord(ProcedureDraft d) {
        return d.kind == Procedure.Kind.SUBROUTINE ? "subroutine" : "function";
    }

    /**
     * Lowers the COMMON blocks of every draft. A block is skipped with a warning when one of its members
     * has no bindable type or a non-constant shape, since its storage layout is then unknown.
     */
    static List<CommonBlock> lowerCommons(List<ProcedureDraft> drafts, Diagnostics diagnostics) {
        var out = new ArrayList<CommonBlock>();
        for (ProcedureDraft d : drafts) {
            for (ProcedureDraft.CommonDraft block : d.commons.values()) {
                var members = new ArrayList<CommonBlock.Member>();
                String problem = null;
                for (ProcedureDraft.CommonMember m : block.members) {
                    ProcedureDraft.Entity e = d.entities.get(m.name());
                    List<Dimension> dims = m.dimensions() != null ? m.dimensions() : e != null ? e.dimensions : List.of();
                    TypeSpec spec = e != null && e.type != null ? e.type.resolve(java.util.Map.of()) : d.implicit.typeOf(m.name());
                    if (spec == null) {
                        problem = "member '" + m.name() + "' has no type (implicit none is in effect)";
                    } else if (spec.type() == null) {
                        problem = "member '" + m.name() + "': " + spec.unsupported();
                    } else if (!dims.stream().allMatch(DraftLowering::constantExtent)) {
                        problem = "member '" + m.name() + "' has dimensions that are not constant";
                    }
                    if (problem != null) {
                        break;
                    }
                    members.add(new CommonBlock.Member(m.name(), spec.type(), dims, m.position()));
                }
                String shown = block.name.isEmpty() ? "blank COMMON" : "COMMON block /" + block.name + "/";
                if (problem != null) {
                    diagnostics.warning(block.position, "skipped " + shown + " in " + kindWord(d) + " '" + d.name + "': " + problem);
                } else {
                    out.add(new CommonBlock(block.name, d.name, Optional.ofNullable(d.module), members, block.position));
                }
            }
        }
        return out;
    }

    /**
     * f2py's {@code intent(callback)} on a name that is not a dummy argument ({@code cf2py intent(callback) fun}
     * with {@code external fun}): the Fortran code calls an external procedure the user was to link in. The
     * binding defines it (calling a Java callback), with the signature inferred from the first procedure of the
     * file that declares it; every procedure of the file calling it gets the callback as a parameter, visible
     * or, for {@code intent(callback, hide)}, held by a setter (f2py's module attribute, shared by all of them).
     */
    private static void externalCallbacks(List<ProcedureDraft> drafts, Diagnostics diagnostics) {
        var defined = new java.util.LinkedHashMap<String, ProcedureDraft.ExternalCallback>();
        for (ProcedureDraft d : drafts) {
            for (ProcedureDraft.Entity e : d.entities.values()) {
                if (!e.intents.contains("callback") || d.arguments.contains(e.name) || defined.containsKey(e.name)
                        || !d.callSites.containsKey(e.name)) {
                    continue;
                }
                try {
                    defined.put(e.name, new ProcedureDraft.ExternalCallback(CallbackInference.infer(d, e.name), e.intents.contains("hide"), e.position));
                } catch (CallbackInference.Unknown u) {
                    diagnostics.warning(e.position, "callback '" + e.name + "' of " + kindWord(d) + " '" + d.name + "' is not defined by the binding: "
                            + u.getMessage());
                }
            }
        }
        for (ProcedureDraft d : drafts) {
            for (String name : d.callSites.keySet()) {
                if (!d.arguments.contains(name) && defined.containsKey(name)) {
                    d.externalCallbacks.put(name, defined.get(name));
                }
            }
        }
    }

    private static boolean constantExtent(Dimension dim) {
        return dim instanceof Dimension.Explicit e && KindTable.evaluate(e.lower()).isPresent() && KindTable.evaluate(e.upper()).isPresent();
    }

    static List<Procedure> lowerAll(List<ProcedureDraft> drafts, Diagnostics diagnostics) {
        externalCallbacks(drafts, diagnostics);
        var lowering = new DraftLowering(diagnostics);
        var out = new ArrayList<Procedure>();
        drafts.forEach(d -> lowering.lower(d).ifPresent(out::add));
        return out;
    }
}
