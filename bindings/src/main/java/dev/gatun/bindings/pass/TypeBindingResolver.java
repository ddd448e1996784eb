// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import java.util.List;

/**
 * Finds the bound procedure behind each type-bound procedure of a handle type ({@code procedure :: norm =>
 * particle_norm}) and which of its dummies is the passed object, and notes it on the binding
 * ({@link Notes.BoundProcedure}) so the handle class gets an instance method calling it. A binding whose procedure is
 * not bound (private to its module, or skipped with its own warning) or whose passed-object dummy is not of the type
 * gets no method, with a warning.
 */
final class TypeBindingResolver {

    private final Annotations notes;
    private final Diagnostics diagnostics;

    TypeBindingResolver(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    void run(Library library) {
        List<Procedure> bound = library.procedures().stream().filter(p -> notes.get(p, Notes.CallPlan.class).isPresent()).toList();
        for (var unit : library.units()) {
            for (var defined : unit.types()) {
                if (defined.type() instanceof Type.Derived t) {
                    t.bindings().forEach(b -> resolve(t, b, bound));
                }
            }
        }
    }

    private void resolve(Type.Derived t, Type.Binding b, List<Procedure> bound) {
        String what = "no method for type-bound procedure '" + b.name() + "' of type '" + t.name() + "': ";
        Procedure p = bound.stream().filter(q -> q.name().equalsIgnoreCase(b.procedure())
                && q.module().map(m -> m.equalsIgnoreCase(t.module())).orElse(false)).findFirst().orElse(null);
        if (p == null) {
            diagnostics.warning(b.position(), what + "its procedure '" + b.procedure() + "' is not bound (private to module '" + t.module()
                    + "', defined elsewhere, or skipped with its own warning); make it a public procedure of the module");
            return;
        }
        int passed = -1;
        if (b.pass() != null) {
            for (int i = 0; i < p.parameters().size(); i++) {
                if (b.pass().isEmpty() ? i == 0 : p.parameters().get(i).name().equalsIgnoreCase(b.pass())) {
                    passed = i;
                    break;
                }
            }
            if (passed < 0 || !(p.parameters().get(passed).type() instanceof Type.Derived d) || !d.name().equalsIgnoreCase(t.name())) {
                diagnostics.warning(b.position(), what + "its passed-object dummy is not a type(" + t.name() + ") argument of '"
                        + p.name() + "'");
                return;
            }
        }
        notes.put(b, new Notes.BoundProcedure(p, passed));
    }
}
