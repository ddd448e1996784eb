// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.ArrayOrder;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lowers the routines of a signature file into model {@link Procedure}s with f2py's meaning:
 * <ul>
 *   <li>{@code intent(c)} on the routine's name (or a function's result) makes it a C function called
 *       through its own symbol; on a scalar it passes the value, on an array it means row-major.</li>
 *   <li>{@code fortranname} names the routine the Fortran shim calls; the Java name stays the pyf's.</li>
 *   <li>{@code callstatement} routines are called through a C wrapper that {@link CallStatementWriter}
 *       writes from the pyf's own C code; their scalars travel by address.</li>
 *   <li>{@code intent(in,out)}, {@code inout} and {@code inplace} are INOUT; {@code copy} and
 *       {@code overwrite} change nothing, since Gatun never copies an array.</li>
 *   <li>{@code optional} with a default is a Java parameter that may be null; without one, a
 *       Fortran optional argument (absent: a null address).</li>
 *   <li>{@code external} arguments take their signature from a {@code __user__} module's routine: arrays,
 *       written scalars and strings as in a Fortran interface block (intent(c) routines: scalars in only; a
 *       callstatement passes them on through {@link CallStatementCallbacks}).</li>
 * </ul>
 * <ul>
 *   <li>{@code intent(aux)} variables are not passed to the routine: their values are inlined where other
 *       arguments' dimensions, checks and defaults name them (see {@link Auxiliaries}).</li>
 * </ul>
 * What the model cannot express skips that routine with a warning naming the argument; the other routines
 * are still bound.
 */
final class PyfLowering {

    private final Diagnostics diagnostics;
    private final PyfParser.Parsed parsed;
    private final CallStatementWriter wrappers;

    PyfLowering(Diagnostics diagnostics, PyfParser.Parsed parsed, CallStatementWriter wrappers) {
        this.diagnostics = diagnostics;
        this.parsed = parsed;
        this.wrappers = wrappers;
    }

    /** Signals that the routine is skipped; the reason has already been reported. */
    private static final class Skip extends Exception {
        private static final long serialVersionUID = 1L;

        Skip() {
            super(null, null, false, false);
        }
    }

    List<Procedure> lowerAll() {
        var out = new ArrayList<Procedure>();
        for (RoutineDraft d : parsed.routines) {
            try {
                out.add(lower(d));
            } catch (Skip s) {
                // reported
            }
        }
        return out;
    }

    private Procedure lower(RoutineDraft d) throws Skip {
        RoutineDraft.Entity routineEntity = d.find(d.name);
        RoutineDraft.Entity resultEntity = d.find(d.resultVariable());
        boolean cRoutine = hasC(routineEntity) || hasC(resultEntity);
        boolean wrapped = d.callStatement != null;
        if (d.fortranName != null && d.fortranName.isEmpty() && !wrapped) {
            skip(d, d.position, "'fortranname' without a name means there is no routine to call, and there is no callstatement");
        }
        Auxiliaries aux = auxiliaries(d);
        var parameters = new ArrayList<Parameter>();
        for (String arg : d.arguments) {
            parameters.add(parameter(d, arg, cRoutine, wrapped, aux));
        }
        if (wrapped) {
            // The callstatement sees each aux variable as a C variable: the wrapper receives it like a hidden argument.
            for (RoutineDraft.Entity e : aux.entities.values()) {
                if (d.arguments.stream().noneMatch(a -> a.equalsIgnoreCase(e.name))) {
                    parameters.add(auxiliary(d, e, aux));
                }
            }
        } else {
            unresolvedAuxiliary(d, parameters, aux);
        }
        parameters.addAll(externalCallbacks(d, cRoutine || wrapped));
        Type result = Type.VOID;
        if (d.kind == Procedure.Kind.FUNCTION) {
            RoutineDraft.TypeSpec spec = resultEntity != null && resultEntity.type != null ? resultEntity.type
                    : d.prefixType != null ? d.prefixType : implicit(d.resultVariable());
            if (spec.type() == null) {
                skip(d, d.position, "its result type " + spec.unsupported());
            }
            if (resultEntity != null && !resultEntity.dimensions.isEmpty()) {
                skip(d, d.position, "it returns an array");
            }
            result = spec.type();
        }
        String called = d.fortranName != null && !d.fortranName.isEmpty() ? d.fortranName : d.name;
        Optional<String> module = Optional.ofNullable(d.fortranModule);
        if (wrapped) {
            if (module.isPresent()) {
                skip(d, d.callStatementAt, "a callstatement in a Fortran module routine cannot reach the module procedure from C");
            }
            Optional<String> problem = wrappers.problem(d, parameters);
            if (problem.isPresent()) {
                skip(d, d.callStatementAt, problem.get());
            }
            var callbackNames = new HashMap<String, String>();
            for (Parameter p : parameters) {
                if (p.type() instanceof Type.Callback) {
                    RoutineDraft cb = callbackModule(d, p.name()).orElseThrow();
                    // f2py's name for the C function it passes for a callback (scipy's callstatements use it).
                    callbackNames.put(p.name(), "cb_" + cb.name + "_in_" + cb.pythonModule);
                }
            }
            String symbol = wrappers.add(d, parameters, result, cRoutine, called, callbackNames);
            return procedure(d, symbol, Language.C, result, Procedure.Interop.DIRECT, parameters, Optional.empty());
        }
        if (cRoutine) {
            return procedure(d, called, Language.C, result, Procedure.Interop.DIRECT, parameters, Optional.empty());
        }
        return procedure(d, called.toLowerCase(Locale.ROOT), Language.FORTRAN, result, Procedure.Interop.NEEDS_SHIM, parameters, module);
    }

    private Procedure procedure(RoutineDraft d, String symbol, Language language, Type result, Procedure.Interop interop,
                                List<Parameter> parameters, Optional<String> module) throws Skip {
        try {
            return new Procedure(d.name, symbol, language, d.kind, result, interop, parameters, module, d.position);
        } catch (IllegalArgumentException e) {
            diagnostics.error(d.position, e.getMessage());
            throw new Skip();
        }
    }

    private static boolean hasC(RoutineDraft.Entity e) {
        return e != null && e.intents.contains("c");
    }

    private Parameter parameter(RoutineDraft d, String arg, boolean cRoutine, boolean wrapped, Auxiliaries aux) throws Skip {
        RoutineDraft.Entity e = d.find(arg);
        SourcePosition where = e != null ? e.position : d.argumentPositions.get(arg.toLowerCase(Locale.ROOT));
        if (e != null && (e.external || e.intents.contains("callback") || callbackModule(d, arg).isPresent())) {
            // A callstatement wrapper's C adapter passes on what Fortran passes as a shim's adapter does.
            return callback(d, arg, e, where, cRoutine);
        }
        RoutineDraft.TypeSpec spec = e != null && e.type != null ? e.type : implicit(arg);
        if (spec.type() == null) {
            skip(d, where, "argument '" + arg + "': " + spec.unsupported());
        }
        Parameter.Builder b = Parameter.builder(arg, spec.type(), where);
        if (e == null) {
            return b.passing(cRoutine && !wrapped ? Parameter.Passing.VALUE : Parameter.Passing.REFERENCE).build();
        }
        Set<String> i = e.intents;
        if (i.contains("aux")) {
            if (!wrapped) {
                skip(d, where, "argument '" + arg + "' is intent(aux): f2py keeps an auxiliary variable in its wrapper and never passes it to '"
                        + d.name + "', so the argument list would not match the routine; declare it outside the argument list, or pass it"
                        + " from a callstatement");
            }
            return auxiliary(d, e, aux);
        }
        boolean array = !e.dimensions.isEmpty();
        Parameter.Intent intent = intent(i, array);
        boolean byValue = !array && !wrapped && (e.value || i.contains("c")) && intent != Parameter.Intent.OUT && intent != Parameter.Intent.INOUT
                && !(spec.type() instanceof Type.Character);
        Expr defaultValue = e.defaultValue;
        boolean optional = e.optional || i.contains("optional");
        if (optional && defaultValue == null && !array && !(spec.type() instanceof Type.Character) && d.fortranModule == null) {
            // An F77 or C routine cannot take an absent scalar; f2py passes zero for an optional scalar without a value.
            defaultValue = zero(spec.type(), where);
        }
        boolean fortranOptional = optional && defaultValue == null;
        if (fortranOptional && intent == Parameter.Intent.HIDE) {
            fortranOptional = false;
        }
        CTruth truth = truth(d);
        b.intent(intent).optional(fortranOptional)
                .dimensions(e.dimensions.stream().map(dim -> dim instanceof Dimension.Explicit x
                        ? new Dimension.Explicit(aux.inline(truth.value(x.lower())), aux.inline(truth.value(x.upper())), x.position()) : dim).toList())
                .passing(byValue ? Parameter.Passing.VALUE : Parameter.Passing.REFERENCE)
                .order(i.contains("c") && array ? ArrayOrder.C : ArrayOrder.FORTRAN)
                .depends(aux.depends(e.depends)).checks(e.checks.stream().map(c -> aux.inline(truth.condition(c))).toList());
        if (defaultValue != null) {
            b.defaultValue(aux.inline(truth.value(defaultValue)));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            diagnostics.error(where, ex.getMessage());
            throw new Skip();
        }
    }

    /**
     * f2py's {@code intent(aux)} variables of one routine: C variables of f2py's wrapper, never passed to the
     * routine, whose values (their {@code = expression}) other arguments' dimensions, checks and defaults use
     * (scipy computes a work size from the arguments this way). Gatun inlines each value where the variable is
     * named, so the Java method computes it from the arguments it depends on; a callstatement wrapper also
     * receives it as a C variable of its name.
     *
     * @param entities the aux declarations by lower-case name
     * @param values   each one's value with the other aux variables inlined; absent when declared without one
     */
    private record Auxiliaries(Map<String, RoutineDraft.Entity> entities, Map<String, Expr> values) {

        Expr inline(Expr e) {
            return values.isEmpty() ? e : e.substitute(values);
        }

        /** A depend list with each aux variable replaced by what its value depends on. */
        List<String> depends(List<String> names) {
            var out = new LinkedHashSet<String>();
            for (String n : names) {
                String key = n.toLowerCase(Locale.ROOT);
                if (values.containsKey(key)) {
                    out.addAll(values.get(key).references());
                } else if (!entities.containsKey(key)) {
                    out.add(n);
                }
            }
            return List.copyOf(out);
        }
    }

    private Auxiliaries auxiliaries(RoutineDraft d) throws Skip {
        var entities = new LinkedHashMap<String, RoutineDraft.Entity>();
        d.entities.forEach((name, e) -> {
            if (e.intents.contains("aux")) {
                entities.put(name, e);
            }
        });
        if (entities.isEmpty()) {
            return new Auxiliaries(Map.of(), Map.of());
        }
        CTruth truth = truth(d);
        var values = new LinkedHashMap<String, Expr>();
        for (String name : entities.keySet()) {
            resolveAuxiliary(d, name, entities, values, new ArrayList<>(), truth);
        }
        return new Auxiliaries(entities, values);
    }

    private void resolveAuxiliary(RoutineDraft d, String name, Map<String, RoutineDraft.Entity> entities, Map<String, Expr> values,
                                  List<String> path, CTruth truth) throws Skip {
        if (values.containsKey(name)) {
            return;
        }
        RoutineDraft.Entity e = entities.get(name);
        if (path.contains(name)) {
            skip(d, e.position, "intent(aux) '" + e.name + "' is computed from itself (" + String.join(" -> ", path) + " -> " + name + ")");
        }
        RoutineDraft.TypeSpec spec = e.type != null ? e.type : implicit(e.name);
        if (!e.dimensions.isEmpty() || !(spec.type() instanceof Type.Scalar s && !s.kind().isComplex() || spec.type() instanceof Type.Logical)) {
            skip(d, e.position, "intent(aux) '" + e.name + "' is " + (e.dimensions.isEmpty() ? spec.spelling() : "an array")
                    + "; auxiliary variables are bound when they are integer, real or logical scalars");
        }
        if (e.defaultValue == null) {
            return;
        }
        path.add(name);
        Expr value = truth.value(e.defaultValue);
        var inner = new HashMap<String, Expr>();
        for (String ref : value.references()) {
            String key = ref.toLowerCase(Locale.ROOT);
            if (entities.containsKey(key)) {
                resolveAuxiliary(d, key, entities, values, path, truth);
                if (!values.containsKey(key)) {
                    skip(d, e.position, "intent(aux) '" + e.name + "' uses '" + ref + "', an intent(aux) variable without a value");
                }
                inner.put(key, values.get(key));
            }
        }
        path.removeLast();
        values.put(name, value.substitute(inner));
    }

    /**
     * An aux variable as a hidden argument of a callstatement wrapper, computed in Java from its value; one
     * without a value starts at zero (f2py leaves it uninitialised) for the callstatement to assign.
     */
    private Parameter auxiliary(RoutineDraft d, RoutineDraft.Entity e, Auxiliaries aux) throws Skip {
        Type type = (e.type != null ? e.type : implicit(e.name)).type();
        Expr value = aux.values().get(e.name.toLowerCase(Locale.ROOT));
        if (value == null) {
            value = zero(type, e.position);
        }
        try {
            return Parameter.builder(e.name, type, e.position).intent(Parameter.Intent.HIDE).defaultValue(value)
                    .depends(value.references()).build();
        } catch (IllegalArgumentException ex) {
            diagnostics.error(e.position, ex.getMessage());
            throw new Skip();
        }
    }

    /** Skips a routine (without callstatement) whose expressions name an aux variable declared without a value. */
    private void unresolvedAuxiliary(RoutineDraft d, List<Parameter> parameters, Auxiliaries aux) throws Skip {
        if (aux.entities().isEmpty()) {
            return;
        }
        for (Parameter p : parameters) {
            var exprs = new ArrayList<Expr>(p.checks());
            p.defaultValue().ifPresent(exprs::add);
            for (Dimension dim : p.dimensions()) {
                switch (dim) {
                    case Dimension.Explicit x -> {
                        exprs.add(x.lower());
                        exprs.add(x.upper());
                    }
                    case Dimension.AssumedSize x -> exprs.add(x.lower());
                    case Dimension.AssumedShape x -> exprs.add(x.lower());
                }
            }
            for (Expr x : exprs) {
                for (String ref : x.references()) {
                    RoutineDraft.Entity e = aux.entities().get(ref.toLowerCase(Locale.ROOT));
                    if (e != null) {
                        skip(d, p.position(), "argument '" + p.name() + "' uses intent(aux) '" + e.name
                                + "', which has no value; give it one, e.g. 'integer intent(aux) :: " + e.name + " = ...'");
                    }
                }
            }
        }
    }

    /** C truthiness for this routine: its logical arguments are already conditions. */
    private static CTruth truth(RoutineDraft d) {
        var logical = new java.util.HashSet<String>();
        var characters = new java.util.HashSet<String>();
        d.entities.forEach((name, e) -> {
            if (e.type != null && e.type.type() instanceof Type.Logical) {
                logical.add(name);
            }
            if (e.type != null && e.dimensions.isEmpty() && e.type.type() instanceof Type.Character c
                    && c.length() instanceof Expr.IntConst n && n.value() == 1) {
                characters.add(name);
            }
        });
        return new CTruth(logical, characters);
    }

    private static Expr zero(Type t, SourcePosition where) {
        return t instanceof Type.Scalar s && !s.kind().isInteger() ? new Expr.RealConst(0.0, "0.0", where)
                : t instanceof Type.Logical ? new Expr.LogicalConst(false, where) : new Expr.IntConst(0, where);
    }

    /**
     * f2py's intents on the model's: {@code in,out}, {@code inout} and {@code inplace} are INOUT, {@code out}
     * OUT, {@code hide} HIDE. An array with no direction is written in place by Fortran (Gatun never copies),
     * so it is INOUT, as in the Fortran frontend.
     */
    private static Parameter.Intent intent(Set<String> i, boolean array) {
        if (i.contains("inout") || i.contains("inplace") || (i.contains("in") && i.contains("out"))) {
            return Parameter.Intent.INOUT;
        }
        if (i.contains("hide")) {
            return Parameter.Intent.HIDE;
        }
        if (i.contains("out")) {
            return Parameter.Intent.OUT;
        }
        if (i.contains("in")) {
            return Parameter.Intent.IN;
        }
        return array && !i.contains("c") ? Parameter.Intent.INOUT : Parameter.Intent.IN;
    }

    /**
     * f2py's {@code intent(callback)} on a name that is not an argument: the routine calls an external
     * procedure of that name, which the binding defines to call a Java callback (the signature from the
     * {@code __user__} routine the routine {@code use}s). The Java method takes the callback as its last
     * parameter; with {@code intent(callback, hide)} a static setter holds it instead (f2py's module attribute).
     */
    private List<Parameter> externalCallbacks(RoutineDraft d, boolean cOrWrapped) throws Skip {
        var out = new ArrayList<Parameter>();
        for (RoutineDraft.Entity e : d.entities.values()) {
            if (!e.intents.contains("callback") || d.arguments.stream().anyMatch(a -> a.equalsIgnoreCase(e.name))) {
                continue;
            }
            if (cOrWrapped || d.fortranModule != null) {
                skip(d, e.position, "'" + e.name + "' is intent(callback) in a " + (cOrWrapped ? "C or callstatement routine" : "module routine")
                        + "; Gatun defines such externals only for Fortran routines outside modules");
            }
            Parameter p = callback(d, e.name, e, e.position, false);
            Type.Callback cb = (Type.Callback) p.type();
            out.add(Parameter.builder(e.name, new Type.Callback(cb.signature(), Optional.of(e.name.toLowerCase(Locale.ROOT))), e.position)
                    .intent(e.intents.contains("hide") ? Parameter.Intent.HIDE : Parameter.Intent.IN).build());
        }
        return out;
    }

    private Optional<RoutineDraft> callbackModule(RoutineDraft d, String arg) {
        String local = arg.toLowerCase(Locale.ROOT);
        for (var use : d.uses.entrySet()) {
            List<RoutineDraft> routines = parsed.callbackModules.get(use.getKey());
            if (routines == null) {
                continue;
            }
            String remote = use.getValue().isEmpty() ? local : use.getValue().get(local);
            if (remote == null) {
                continue;
            }
            for (RoutineDraft r : routines) {
                if (r.name.equalsIgnoreCase(remote)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    private Parameter callback(RoutineDraft d, String arg, RoutineDraft.Entity e, SourcePosition where, boolean cRoutine) throws Skip {
        Optional<RoutineDraft> body = callbackModule(d, arg);
        if (body.isEmpty()) {
            skip(d, where, "argument '" + arg + "' is external but no 'use <module>__user__routines' names its signature");
        }
        RoutineDraft cb = body.get();
        var params = new ArrayList<Parameter>();
        var withoutIntent = new java.util.HashSet<String>();
        for (String a : cb.arguments) {
            RoutineDraft.Entity ce = cb.find(a);
            RoutineDraft.TypeSpec spec = ce != null && ce.type != null ? ce.type : implicit(a);
            boolean array = ce != null && !ce.dimensions.isEmpty();
            Parameter.Intent intent = ce == null ? Parameter.Intent.IN : intent(ce.intents, array);
            // A C routine's callback receives values; a Fortran routine's goes through a shim adapter that converts.
            boolean plainScalar = spec.type() instanceof Type.Scalar s && !s.kind().isComplex() || spec.type() instanceof Type.Logical;
            if (spec.type() == null || cRoutine && (!plainScalar || array || intent != Parameter.Intent.IN && intent != Parameter.Intent.HIDE)) {
                skip(d, where, "callback '" + arg + "' (" + cb.name + " at " + cb.position + ") has argument '" + a
                        + "' that is not an intent(in) real, integer or logical scalar; the callbacks of intent(c) routines take only those");
            }
            if (ce == null || !ce.intents.contains("in") && !ce.intents.contains("out") && !ce.intents.contains("inout")
                    && !ce.intents.contains("inplace")) {
                withoutIntent.add(a.toLowerCase(Locale.ROOT));
            }
            Parameter.Builder b = Parameter.builder(a, spec.type(), ce != null ? ce.position : cb.position)
                    .intent(intent == Parameter.Intent.HIDE ? Parameter.Intent.IN : intent)
                    .passing(cRoutine || ce != null && ce.value && !array ? Parameter.Passing.VALUE : Parameter.Passing.REFERENCE);
            if (array) {
                CTruth truth = truth(cb);
                b.dimensions(ce.dimensions.stream().map(dim -> dim instanceof Dimension.Explicit x
                        ? new Dimension.Explicit(truth.value(x.lower()), truth.value(x.upper()), x.position()) : dim).toList());
            }
            try {
                params.add(b.build());
            } catch (IllegalArgumentException ex) {
                skip(d, where, "callback '" + arg + "' (" + cb.name + " at " + cb.position + "): " + ex.getMessage());
            }
        }
        Type result = Type.VOID;
        if (cb.kind == Procedure.Kind.FUNCTION) {
            RoutineDraft.Entity r = cb.find(cb.resultVariable());
            RoutineDraft.TypeSpec spec = r != null && r.type != null ? r.type : cb.prefixType != null ? cb.prefixType : implicit(cb.resultVariable());
            if (!(spec.type() instanceof Type.Scalar s && (!s.kind().isComplex() || !cRoutine) || spec.type() instanceof Type.Logical && !cRoutine)) {
                skip(d, where, "callback '" + arg + "' must return a real, integer" + (cRoutine ? "" : ", complex") + " or logical scalar");
            }
            result = spec.type();
        }
        Signature signature = new Signature(result, params);
        return Parameter.builder(arg, cRoutine ? new Type.Callback(signature)
                : new Type.Callback(signature, Optional.empty(), Optional.of(new Type.Callback.Declared(withoutIntent))), where)
                .optional(e.optional).build();
    }

    /** Fortran's implicit typing, which f2py applies to undeclared names: i-n integer, otherwise real. */
    private static RoutineDraft.TypeSpec implicit(String name) {
        char first = Character.toLowerCase(name.charAt(0));
        return first >= 'i' && first <= 'n' ? new RoutineDraft.TypeSpec(new Type.Scalar(ScalarKind.INT32), "integer", null)
                : new RoutineDraft.TypeSpec(new Type.Scalar(ScalarKind.FLOAT), "real", null);
    }

    private void skip(RoutineDraft d, SourcePosition where, String reason) throws Skip {
        diagnostics.warning(where, "skipped " + d.kindWord() + " '" + d.name + "': " + reason);
        throw new Skip();
    }
}
