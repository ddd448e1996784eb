// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Declarations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.StatusRule;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the {@code gatun: status(...)} rules of every header and side file against the whole library: which bound
 * functions returning an integer each rule covers, or with {@code param(name)} which bound functions having an
 * {@code int *name} parameter (the first rule that matches a function wins), the values of its
 * {@code ok(...)} constants, the header's constant naming each status ({@code names(...)}, the first in header order
 * where two share a value) and the bound message function. Annotates each covered procedure with a
 * {@link Notes.StatusCheck} and the library with the {@link Notes.StatusPlans} in use. A rule that cannot be resolved
 * is reported with why, at its {@code file:line:col}, and binds nothing.
 */
public final class StatusResolver {

    private final Annotations notes;
    private final Diagnostics diagnostics;

    /**
     * @param notes       receives the notes
     * @param diagnostics receives a warning for every rule that does nothing
     */
    public StatusResolver(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    /**
     * Runs the pass.
     *
     * @param library the library
     */
    public void run(Library library) {
        // Side-file rules are copied into every header's declarations: the same record, once here.
        var rules = new LinkedHashSet<StatusRule>();
        Map<String, Long> constants = new LinkedHashMap<>();
        for (Unit u : library.units()) {
            rules.addAll(u.declarations().statuses());
            for (Declarations.Constant c : u.declarations().constants()) {
                if (c.value() instanceof Long v) {
                    constants.putIfAbsent(c.name(), v);
                }
            }
        }
        if (rules.isEmpty()) {
            return;
        }
        // Statuses become exceptions in friendly methods: a raw-only function has none.
        List<Procedure> bound = library.procedures().stream().filter(p -> notes.get(p, Notes.Unsupported.class).isEmpty()
                && notes.get(p, Notes.RawOnly.class).isEmpty()).toList();
        var plans = new ArrayList<Notes.StatusPlan>();
        for (StatusRule rule : rules) {
            resolve(rule, plans.size(), constants, bound).ifPresent(plan -> {
                int covered = 0;
                for (Procedure p : bound) {
                    if (!StatusRule.matches(rule.functions(), p.name()) || notes.get(p, Notes.StatusCheck.class).isPresent()
                            || plan.message().map(m -> m == p).orElse(false)) {
                        continue;
                    }
                    if (rule.parameter().isPresent()) {
                        // Only the functions that have the status parameter: CFITSIO's ffvers(float *) has none.
                        Optional<Parameter> status = statusParameter(p, rule.parameter().get());
                        if (status.isPresent()) {
                            notes.put(p, new Notes.StatusCheck(plan, status));
                            covered++;
                        }
                    } else if (returnsInteger(p)) {
                        notes.put(p, new Notes.StatusCheck(plan, Optional.empty()));
                        covered++;
                    }
                }
                if (covered == 0) {
                    diagnostics.warning(rule.position(), "gatun status directive " + rule.functions() + " matches no bound function "
                            + rule.parameter().map(n -> "with an int *" + n + " parameter").orElse("returning an integer")
                            + " (or an earlier status directive covers them); it does nothing");
                } else {
                    plans.add(plan);
                }
            });
        }
        notes.put(library, new Notes.StatusPlans(plans));
    }

    private Optional<Notes.StatusPlan> resolve(StatusRule rule, int index, Map<String, Long> constants, List<Procedure> bound) {
        var ok = new ArrayList<Long>();
        if (!rule.nonNegativeIsOk()) {
            for (String v : rule.ok()) {
                Optional<Long> value = value(v, constants);
                if (value.isEmpty()) {
                    diagnostics.warning(rule.position(), "gatun status directive: ok value '" + v + "' is neither an integer nor an "
                            + "integer constant of the headers; write ok(NAME), ok(0) or ok(>= 0); the directive is ignored");
                    return Optional.empty();
                }
                ok.add(value.get());
            }
        }
        var names = new LinkedHashMap<Long, String>();
        if (!rule.names().isEmpty()) {
            constants.forEach((name, value) -> {
                if (StatusRule.matches(rule.names(), name)) {
                    names.putIfAbsent(value, name);
                }
            });
            if (names.isEmpty()) {
                diagnostics.warning(rule.position(), "gatun status directive: names" + rule.names() + " matches no integer constant "
                        + "of the headers; exceptions will carry the status value only");
            }
        }
        Optional<Procedure> message = rule.message().flatMap(m -> messageFunction(rule, m, bound));
        return Optional.of(new Notes.StatusPlan(index, rule, ok, rule.nonNegativeIsOk(), names, message));
    }

    private Optional<Procedure> messageFunction(StatusRule rule, String name, List<Procedure> bound) {
        Optional<Procedure> found = bound.stream().filter(p -> p.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            diagnostics.warning(rule.position(), "gatun status directive: message function '" + name + "' is not bound (is its "
                    + "header among the inputs, and not excluded? a 'char *' it fills needs its length: '" + name
                    + ": text out dimension(N)'); exceptions will carry no library message");
            return Optional.empty();
        }
        Procedure p = found.get();
        boolean returnsText = p.parameters().size() == 1 && isIntegerValue(p.parameters().getFirst()) && p.result() instanceof Type.Pointer;
        boolean fillsBuffer = p.parameters().size() == 2 && isIntegerValue(p.parameters().getFirst())
                && p.parameters().get(1).type() instanceof Type.Character c && !c.assumedLength()
                && p.parameters().get(1).intent() == Parameter.Intent.OUT && p.kind() == Procedure.Kind.SUBROUTINE;
        if (!returnsText && !fillsBuffer) {
            diagnostics.warning(p.position(), "gatun status directive: message function '" + name + "' must be "
                    + "'const char *" + name + "(int status)' or 'void " + name + "(int status, char *text)' with the text's length "
                    + "given ('" + name + ": text out dimension(N)'); exceptions will carry no library message");
            return Optional.empty();
        }
        return found;
    }

    /**
     * The parameter a {@code param(name)} rule reads the status from: an integer passed by reference, as a scalar or as
     * one assumed-size {@code int *}, that the function may write.
     */
    private static Optional<Parameter> statusParameter(Procedure p, String name) {
        return p.parameter(name).filter(q -> isInteger(q.type()) && q.passing() == Parameter.Passing.REFERENCE && !q.optional()
                && q.intent() != Parameter.Intent.IN && q.intent() != Parameter.Intent.HIDE && !q.device()
                && (q.rank() == 0 || q.rank() == 1 && q.dimensions().getFirst() instanceof Dimension.AssumedSize));
    }

    private static boolean isIntegerValue(Parameter p) {
        return p.passing() == Parameter.Passing.VALUE && isInteger(p.type());
    }

    private static Optional<Long> value(String text, Map<String, Long> constants) {
        String t = text.strip();
        try {
            return Optional.of(Long.decode(t));
        } catch (NumberFormatException e) {
            return Optional.ofNullable(constants.get(t));
        }
    }

    private static boolean returnsInteger(Procedure p) {
        return p.kind() == Procedure.Kind.FUNCTION && isInteger(p.result());
    }

    private static boolean isInteger(Type t) {
        return t instanceof Type.Scalar s && s.kind().isInteger();
    }
}
