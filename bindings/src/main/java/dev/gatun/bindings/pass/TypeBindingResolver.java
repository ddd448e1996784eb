// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.TypeHierarchy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the bound procedure behind each type-bound procedure of a handle type ({@code procedure :: norm =>
 * particle_norm}) and which of its dummies is the passed object, and notes it on the binding
 * ({@link Notes.BoundProcedure}) so the handle class gets an instance method calling it. A binding whose procedure is
 * not bound (private to its module, or skipped with its own warning) or whose passed-object dummy is not of the type
 * gets no method, with a warning.
 *
 * <p>In a type hierarchy the method must do what Fortran's {@code call obj%area()} does, whatever extension the object
 * is: the type that introduces a binding gets a method calling a dispatching procedure made here ({@link Notes.Dispatch}),
 * whose shim calls through the binding, so gfortran's dispatch picks the override. Extensions inherit the Java method
 * and add none for the bindings they override. A deferred binding takes its signature from an extension's override.
 */
final class TypeBindingResolver {

    private final Annotations notes;
    private final Diagnostics diagnostics;
    private final List<Procedure> dispatchers = new ArrayList<>();

    TypeBindingResolver(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    void run(Library library) {
        List<Procedure> bound = library.procedures().stream().filter(p -> notes.get(p, Notes.CallPlan.class).isPresent()).toList();
        var hierarchy = TypeHierarchy.of(library);
        for (Type.Derived t : hierarchy.types()) {
            for (Type.Binding b : t.bindings()) {
                if (!hierarchy.inHierarchy(t)) {
                    var target = specific(t, b, bound);
                    if (target != null) {
                        notes.put(b, target);
                    }
                } else {
                    dispatching(t, b, bound, hierarchy);
                }
            }
        }
        notes.put(library, new Notes.Dispatchers(dispatchers));
    }

    /** The binding's own specific procedure and its passed-object dummy, or null (reported). */
    private Notes.BoundProcedure specific(Type.Derived t, Type.Binding b, List<Procedure> bound) {
        String what = "no method for type-bound procedure '" + b.name() + "' of type '" + t.name() + "': ";
        Procedure p = bound.stream().filter(q -> q.name().equalsIgnoreCase(b.procedure())
                && q.module().map(m -> m.equalsIgnoreCase(t.module())).orElse(false)).findFirst().orElse(null);
        if (p == null) {
            diagnostics.warning(b.position(), what + "its procedure '" + b.procedure() + "' is not bound (private to module '" + t.module()
                    + "', defined elsewhere, or skipped with its own warning); make it a public procedure of the module");
            return null;
        }
        int passed = -1;
        if (b.pass() != null) {
            for (int i = 0; i < p.parameters().size(); i++) {
                if (b.pass().isEmpty() ? i == 0 : p.parameters().get(i).name().equalsIgnoreCase(b.pass())) {
                    passed = i;
                    break;
                }
            }
            if (passed < 0 || !(p.parameters().get(passed).type() instanceof Type.Derived d) || !d.sameType(t)) {
                diagnostics.warning(b.position(), what + "its passed-object dummy is not a type(" + t.name() + ") argument of '"
                        + p.name() + "'");
                return null;
            }
        }
        return new Notes.BoundProcedure(p, passed);
    }

    /**
     * A binding of a type in a hierarchy. An override gets no method of its own (the one it overrides dispatches); a
     * new binding gets a method calling a dispatching procedure with the signature of its specific procedure (for a
     * deferred binding, of the first override an extension declares).
     */
    private void dispatching(Type.Derived t, Type.Binding b, List<Procedure> bound, TypeHierarchy hierarchy) {
        if (t.parent() != null && t.parent().binding(b.name()).isPresent()) {
            return;
        }
        if (b.pass() == null) {
            if (b.deferred()) {
                diagnostics.warning(b.position(), "no method for type-bound procedure '" + b.name() + "' of type '" + t.name()
                        + "': a deferred nopass binding has no object to dispatch on");
                return;
            }
            var target = specific(t, b, bound);
            if (target != null) {
                notes.put(b, target);
            }
            return;
        }
        Notes.BoundProcedure target = null;
        if (!b.deferred()) {
            target = specific(t, b, bound);
        } else {
            for (Type.Derived d : hierarchy.descendants(t)) {
                var override = d.bindings().stream().filter(o -> o.name().equalsIgnoreCase(b.name()) && !o.deferred()).findFirst();
                if (override.isPresent()) {
                    target = specific(d, override.get(), bound);
                    break;
                }
            }
            if (target == null) {
                diagnostics.warning(b.position(), "no method for deferred type-bound procedure '" + b.name() + "' of type '" + t.name()
                        + "': no extension of it in the library overrides it with a bound procedure, so its interface is unknown");
                return;
            }
        }
        if (target == null) {
            return;
        }
        Procedure dispatcher = dispatcher(t, b, target, hierarchy);
        dispatchers.add(dispatcher);
        notes.put(b, new Notes.BoundProcedure(dispatcher, target.passed()));
    }

    /** A copy of the specific procedure whose passed object is {@code class(t)}, called through the binding. */
    private Procedure dispatcher(Type.Derived t, Type.Binding b, Notes.BoundProcedure target, TypeHierarchy hierarchy) {
        Procedure p = target.procedure();
        var parameters = new ArrayList<>(p.parameters());
        Parameter old = parameters.get(target.passed());
        var self = new Parameter(old.name(), t.asPolymorphic(), old.intent(), old.passing(), old.optional(), old.dimensions(), old.order(),
                old.device(), old.depends(), old.checks(), old.defaultValue(), old.callback(), old.position());
        parameters.set(target.passed(), self);
        notes.get(old, Notes.JavaName.class).ifPresent(n -> notes.put(self, n));
        String base = t.module().toLowerCase(Locale.ROOT) + "_" + t.name().toLowerCase(Locale.ROOT) + "__" + b.name().toLowerCase(Locale.ROOT);
        var dispatcher = new Procedure(t.name() + "%" + b.name(), p.symbol(), p.language(), p.kind(), p.result(), Procedure.Interop.NEEDS_SHIM,
                parameters, java.util.Optional.of(t.module()), b.position());
        Notes.CallPlan plan = ShimPlanner.plan(dispatcher, hierarchy);
        notes.put(dispatcher, new Notes.CallPlan("gatun__b_" + base, true, plan.result(), plan.slots()));
        notes.put(dispatcher, new Notes.JavaName("dispatch$" + base));
        notes.put(dispatcher, new Notes.Dispatch(t, b.name(), target.passed()));
        return dispatcher;
    }
}
