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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Warns where a procedure's contract leaves an array's extent unchecked, so a wrong count from the
 * caller would reach native code: a pointer (or {@code a(*)}) with no extent, and the integers beside it
 * that no directive ties to an array; and assumed-shape arrays that no {@code check} relates to the other
 * arrays of the procedure (the native code then trusts that they conform). Only warns; the binding is
 * emitted as before, since the native code may well not need more (a count of one array is not always
 * the count of another). Runs after {@link StatusResolver}: a status parameter it hid is no array of the caller's.
 */
final class ContractAudit {

    private final Annotations notes;
    private final Diagnostics diagnostics;

    ContractAudit(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    void run(Library library) {
        for (Procedure p : library.procedures()) {
            if (notes.get(p, Notes.Unsupported.class).isEmpty() && notes.get(p, Notes.RawOnly.class).isEmpty()) {
                audit(p);
            }
        }
    }

    private void audit(Procedure proc) {
        Set<String> tied = new LinkedHashSet<>();
        List<Parameter> assumedShape = new ArrayList<>();
        for (Parameter p : proc.parameters()) {
            for (Dimension d : p.dimensions()) {
                tied.addAll(d.lower().references());
                if (d instanceof Dimension.Explicit e) {
                    tied.addAll(e.upper().references());
                }
            }
            for (Expr c : p.checks()) {
                tied.addAll(c.references());
            }
            if (p.isArray() && p.dimensions().stream().anyMatch(d -> d instanceof Dimension.AssumedShape)) {
                assumedShape.add(p);
            }
        }
        List<String> untiedIntegers = proc.parameters().stream()
                .filter(p -> !p.isArray() && !tied.contains(p.name()) && p.type() instanceof Type.Scalar s
                        && s.kind().isInteger())
                .map(Parameter::name).toList();
        // The directive to suggest: the integer that looks most like a count, else a placeholder.
        String count = untiedIntegers.stream().filter(n -> n.toLowerCase(java.util.Locale.ROOT)
                .matches("(n|len|length|size|count|num|nelem|nx|ny|nz|m|k)\\w*")).findFirst().orElse("N");
        // The int * a status(...) param(name) rule reads is one scratch int the friendly method owns, not the caller's array.
        Parameter status = notes.get(proc, Notes.StatusCheck.class).flatMap(Notes.StatusCheck::parameter).orElse(null);
        for (Parameter p : proc.parameters()) {
            if (p != status && p.isArray() && !p.device() && p.dimensions().stream().anyMatch(d -> d instanceof Dimension.AssumedSize)) {
                diagnostics.warning(p.position(), "parameter '" + p.name() + "' of " + proc.name()
                        + ": an array of unknown extent, so no length is checked before the call"
                        + (untiedIntegers.isEmpty() ? "" : "; if " + String.join(" or ", untiedIntegers)
                        + " counts its elements, tie them with a directive (C: 'gatun: dimension("
                        + count + ")', Fortran: '" + p.name() + "(" + count + ")')"));
            }
        }
        List<String> unrelated = assumedShape.stream().map(Parameter::name).filter(n -> !tied.contains(n)).toList();
        if (assumedShape.size() > 1 && !unrelated.isEmpty()) {
            String first = unrelated.getFirst();
            String other = assumedShape.stream().map(Parameter::name).filter(n -> !n.equals(first)).findFirst().orElseThrow();
            diagnostics.warning(assumedShape.stream().filter(p -> p.name().equals(first)).findFirst().orElseThrow().position(),
                    proc.name() + ": the extents of the assumed-shape " + (unrelated.size() == 1 ? "array " : "arrays ")
                    + String.join(", ", unrelated) + " are not checked against the other arrays; if they must conform, say so, e.g. '!f2py check(size(" + first + ") == size("
                    + other + ")) " + first + "'");
        }
    }
}
