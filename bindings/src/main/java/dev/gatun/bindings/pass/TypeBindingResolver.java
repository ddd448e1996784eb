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
 * <p>A binding to a private module procedure (the usual style: public type, private specifics) is called through the
 * binding too, since no shim can {@code use} the procedure.
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
    private java.util.Set<Procedure> privates = java.util.Set.of();

    TypeBindingResolver(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    /**
     * Notes the method of every type-bound procedure of the library's handle types.
     *
     * @param library  the library
     * @param privates its private module procedures, annotated as if they were bound (a binding reaches them)
     */
    void run(Library library, List<Procedure> privates) {
        this.privates = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        this.privates.addAll(privates);
        var candidates = new ArrayList<>(library.procedures());
        candidates.addAll(privates);
        List<Procedure> bound = candidates.stream().filter(p -> notes.get(p, Notes.CallPlan.class).isPresent()).toList();
        var hierarchy = TypeHierarchy.of(library);
        for (Type.Derived t : hierarchy.types()) {
            for (Type.Binding b : t.bindings()) {
                if (b.isPrivate()) {
                    continue; // no method: only the module itself calls it (a public generic may name it)
                }
                if (!hierarchy.inHierarchy(t)) {
                    var target = specific(t, b, bound);
                    if (target != null && this.privates.contains(target.procedure())) {
                        // No shim can use a private procedure: the call goes through the binding.
                        reachThroughBinding(t, b, target, hierarchy);
                    } else if (target != null) {
                        notes.put(b, target);
                    }
                } else {
                    dispatching(t, b, bound, hierarchy);
                }
            }
        }
        for (Type.Derived t : hierarchy.types()) {
            t.generics().forEach(g -> overloads(t, g, bound, hierarchy));
        }
        notes.put(library, new Notes.Dispatchers(dispatchers));
    }

    /**
     * The overloads of a generic binding: one per specific binding with a known signature, unless its Java arguments are
     * those of an earlier one (Java cannot overload on what Fortran tells apart, such as rank, or kinds of one Java type).
     * Each calls through the generic name ({@code call self%hit(n)}), so Fortran resolves it and dispatches, and a private
     * specific binding is reached too; a nopass specific calls its public procedure as a static method.
     */
    private void overloads(Type.Derived t, Type.Generic g, List<Procedure> bound, TypeHierarchy hierarchy) {
        var keys = new java.util.LinkedHashMap<String, String>();
        // An extension adding specifics to an inherited generic: its overloads must differ from the inherited ones.
        for (Type.Derived u = t.parent(); u != null; u = u.parent()) {
            for (Type.Generic inherited : u.generics()) {
                if (inherited.name().equalsIgnoreCase(g.name())) {
                    notes.get(inherited, Notes.GenericOverloads.class).ifPresent(o -> o.specifics()
                            .forEach(x -> keys.putIfAbsent(javaArguments(x), x.procedure().name())));
                }
            }
        }
        var chosen = new ArrayList<Notes.BoundProcedure>();
        for (String name : g.bindings()) {
            String what = "no overload of generic binding '" + g.name() + "' of type '" + t.name() + "' for '" + name + "': ";
            Type.Derived owner = null;
            Type.Binding b = null;
            for (Type.Derived u = t; u != null && b == null; u = u.parent()) {
                b = u.bindings().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst().orElse(null);
                owner = u;
            }
            Notes.BoundProcedure target = b == null ? null : signature(owner, b, bound, hierarchy);
            if (target == null) {
                diagnostics.warning(g.position(), what + (b == null ? "no such specific binding" : "its signature is unknown (see the warning above)"));
                continue;
            }
            if (target.passed() < 0 && privates.contains(target.procedure())) {
                diagnostics.warning(g.position(), what + "it is nopass and its procedure is private, so no shim can call it");
                continue;
            }
            String key = javaArguments(target);
            String earlier = keys.putIfAbsent(key, name);
            if (earlier != null) {
                diagnostics.warning(g.position(), what + "its Java arguments (" + key + ") are those of '" + earlier + "'; call it by its own name");
                continue;
            }
            if (target.passed() < 0) {
                chosen.add(target);
            } else {
                Procedure dispatcher = dispatcher(t, g.name(), g.name() + "__" + name, target, hierarchy);
                dispatchers.add(dispatcher);
                chosen.add(new Notes.BoundProcedure(dispatcher, target.passed()));
            }
        }
        notes.put(g, new Notes.GenericOverloads(chosen));
    }

    /** The specific procedure whose signature a binding has: its own, or for a deferred one, the first override's. */
    private Notes.BoundProcedure signature(Type.Derived t, Type.Binding b, List<Procedure> bound, TypeHierarchy hierarchy) {
        if (!b.deferred()) {
            return specific(t, b, bound);
        }
        for (Type.Derived d : hierarchy.descendants(t)) {
            var override = d.bindings().stream().filter(o -> o.name().equalsIgnoreCase(b.name()) && !o.deferred()).findFirst();
            if (override.isPresent()) {
                return specific(d, override.get(), bound);
            }
        }
        diagnostics.warning(b.position(), "no method for deferred type-bound procedure '" + b.name() + "' of type '" + t.name()
                + "': no extension of it in the library overrides it with a bound procedure, so its interface is unknown");
        return null;
    }

    /** What the Java method's arguments look like: the visible parameters other than the passed object, as Java types see them. */
    private String javaArguments(Notes.BoundProcedure target) {
        var out = new ArrayList<String>();
        var p = target.procedure();
        for (int i = 0; i < p.parameters().size(); i++) {
            Parameter q = p.parameters().get(i);
            boolean returned = !q.isArray() && !(q.type() instanceof Type.Derived) && !(q.type() instanceof Type.Struct)
                    && q.intent() == Parameter.Intent.OUT;
            if (i == target.passed() || q.intent() == Parameter.Intent.HIDE || notes.get(q, Notes.InferredExtent.class).isPresent() || returned) {
                continue;
            }
            // Every rank of one element type is one Java array class; an optional scalar is boxed.
            String type = q.type() instanceof Type.Derived d ? d.name().toLowerCase(Locale.ROOT) : q.type().describe();
            out.add(q.isArray() ? "array of " + type : type + (q.optional() || q.defaultValue().isPresent() ? " (boxed)" : ""));
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** The binding's own specific procedure and its passed-object dummy, or null (reported). */
    private Notes.BoundProcedure specific(Type.Derived t, Type.Binding b, List<Procedure> bound) {
        String what = "no method for type-bound procedure '" + b.name() + "' of type '" + t.name() + "': ";
        Procedure p = bound.stream().filter(q -> q.name().equalsIgnoreCase(b.procedure())
                && q.module().map(m -> m.equalsIgnoreCase(t.module())).orElse(false)).findFirst().orElse(null);
        if (p == null) {
            diagnostics.warning(b.position(), what + "its procedure '" + b.procedure() + "' is not a module procedure of '" + t.module()
                    + "' that can be bound (defined elsewhere, or its arguments are not supported: see its warning once it is public)");
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
     * A binding of a type in a hierarchy. An override gets no method of its own (the one it overrides dispatches), except
     * a {@code nopass} one: a static method has no object to dispatch on, so the extension's class gets its own static
     * method, which hides its parent's. A new binding gets a method calling a dispatching procedure with the signature of
     * its specific procedure (for a deferred binding, of the first override an extension declares).
     */
    private void dispatching(Type.Derived t, Type.Binding b, List<Procedure> bound, TypeHierarchy hierarchy) {
        if (t.parent() != null && t.parent().binding(b.name()).isPresent() && b.pass() != null) {
            return;
        }
        if (b.pass() == null) {
            if (b.deferred()) {
                diagnostics.warning(b.position(), "no method for type-bound procedure '" + b.name() + "' of type '" + t.name()
                        + "': a deferred nopass binding has no object to dispatch on");
                return;
            }
            var target = specific(t, b, bound);
            if (target != null && privates.contains(target.procedure())) {
                reachThroughBinding(t, b, target, hierarchy);
            } else if (target != null) {
                notes.put(b, target);
            }
            return;
        }
        Notes.BoundProcedure target = signature(t, b, bound, hierarchy);
        if (target != null) {
            reachThroughBinding(t, b, target, hierarchy);
        }
    }

    /** The binding's method calls a dispatching procedure (a nopass binding to a private procedure has no object for it). */
    private void reachThroughBinding(Type.Derived t, Type.Binding b, Notes.BoundProcedure target, TypeHierarchy hierarchy) {
        if (target.passed() < 0) {
            diagnostics.warning(b.position(), "no method for type-bound procedure '" + b.name() + "' of type '" + t.name() + "': its procedure '"
                    + b.procedure() + "' is private and the binding is nopass, so no shim can call it; make the procedure public");
            return;
        }
        Procedure dispatcher = dispatcher(t, b.name(), b.name(), target, hierarchy);
        dispatchers.add(dispatcher);
        notes.put(b, new Notes.BoundProcedure(dispatcher, target.passed()));
    }

    /**
     * A copy of the specific procedure whose passed object is {@code class(t)}, called through binding {@code call}
     * ({@code symbol} names its shim and Java methods).
     */
    private Procedure dispatcher(Type.Derived t, String call, String symbol, Notes.BoundProcedure target, TypeHierarchy hierarchy) {
        Procedure p = target.procedure();
        var parameters = new ArrayList<>(p.parameters());
        Parameter old = parameters.get(target.passed());
        var self = new Parameter(old.name(), t.asPolymorphic(), old.intent(), old.passing(), old.optional(), old.dimensions(), old.order(),
                old.device(), old.depends(), old.checks(), old.defaultValue(), old.callback(), old.retained(), old.position());
        parameters.set(target.passed(), self);
        notes.get(old, Notes.JavaName.class).ifPresent(n -> notes.put(self, n));
        String base = t.module().toLowerCase(Locale.ROOT) + "_" + t.name().toLowerCase(Locale.ROOT) + "__" + symbol.toLowerCase(Locale.ROOT);
        var dispatcher = new Procedure(t.name() + "%" + call, p.symbol(), p.language(), p.kind(), p.result(), Procedure.Interop.NEEDS_SHIM,
                parameters, java.util.Optional.of(t.module()), p.position());
        Notes.CallPlan plan = ShimPlanner.plan(dispatcher, hierarchy);
        notes.put(dispatcher, new Notes.CallPlan("gatun__b_" + base, true, plan.result(), plan.slots()));
        notes.put(dispatcher, new Notes.JavaName("dispatch$" + base));
        notes.put(dispatcher, new Notes.Dispatch(t, call, target.passed()));
        return dispatcher;
    }
}
