// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plans each native call as a {@link Notes.CallPlan}. {@code bind(C)} and C procedures are called
 * through their own symbol, argument by argument. Other Fortran procedures are called through a
 * generated {@code gatun_[module_]name} shim whose C interface is chosen here: intent(in) scalars
 * by value (so the friendly layer needs no memory for them), assumed-shape arrays followed by their
 * extents, strings followed by their length (and arrays of strings by their element count), callbacks as function pointers, and complex or
 * character results through a trailing out-pointer, {@code class(t)} handles of a type hierarchy followed by their type tag. The shim emitter and the Java emitter both
 * read this plan, so the two sides cannot disagree.
 */
final class ShimPlanner {

    private final Annotations notes;

    ShimPlanner(Annotations notes) {
        this.notes = notes;
    }

    void run(Library library) {
        run(library, dev.gatun.bindings.model.TypeHierarchy.of(library));
    }

    /** Plans the procedures of {@code library} with the type hierarchy of another (private procedures: the library's). */
    void run(Library library, dev.gatun.bindings.model.TypeHierarchy hierarchy) {
        for (Procedure proc : library.procedures()) {
            if (notes.get(proc, Notes.Unsupported.class).isEmpty()) {
                notes.put(proc, plan(proc, hierarchy));
                for (Parameter p : proc.parameters()) {
                    if (p.type() instanceof Type.Derived d && !d.polymorphic() && !p.isArray() && !hierarchy.descendants(d).isEmpty()) {
                        notes.put(p, new Notes.ExactHandle(d));
                    }
                }
            }
        }
    }

    /** Returns the shim symbol for a procedure that needs one: {@code gatun_<module>_<name>}. */
    static String shimSymbol(Procedure proc) {
        return "gatun_" + proc.module().map(m -> m.toLowerCase(Locale.ROOT) + "_").orElse("") + proc.name().toLowerCase(Locale.ROOT);
    }

    /** Plans a procedure's call; the slots of a polymorphic handle of a type hierarchy include its type tag. */
    static Notes.CallPlan plan(Procedure proc, dev.gatun.bindings.model.TypeHierarchy hierarchy) {
        Notes.CallPlan plan = planSlots(proc, hierarchy);
        if (plan.shim() && proc.parameters().stream().anyMatch(p -> p.type() instanceof Type.Callback)) {
            // Concurrent calls each use their own copy of the shim's callback variables.
            var slots = new ArrayList<>(plan.slots());
            slots.add(new Notes.Slot(Notes.SlotKind.CALLBACK_SLOT, null, 0));
            return new Notes.CallPlan(plan.symbol(), plan.shim(), plan.result(), slots);
        }
        return plan;
    }

    private static Notes.CallPlan planSlots(Procedure proc, dev.gatun.bindings.model.TypeHierarchy hierarchy) {
        boolean shim = proc.interop() == Procedure.Interop.NEEDS_SHIM;
        List<Notes.Slot> slots = new ArrayList<>();
        for (Parameter p : proc.parameters()) {
            Type t = p.type();
            if (t instanceof Type.Callback) {
                slots.add(new Notes.Slot(Notes.SlotKind.CALLBACK, p, 0));
            } else if ((t instanceof Type.Struct && p.passing() == Parameter.Passing.REFERENCE) || t instanceof Type.Derived) {
                slots.add(new Notes.Slot(Notes.SlotKind.OBJECT, p, 0));
                if (shim && t instanceof Type.Derived d && d.polymorphic() && !p.isArray() && hierarchy.inHierarchy(d)) {
                    slots.add(new Notes.Slot(Notes.SlotKind.TYPE_TAG, p, 0));
                }
                for (int d = 0; d < p.rank(); d++) {
                    // An array of handle objects always carries its length: the shim makes a Fortran pointer array of it.
                    if (shim && (p.dimensions().get(d) instanceof Dimension.AssumedShape || t instanceof Type.Derived)) {
                        slots.add(new Notes.Slot(Notes.SlotKind.EXTENT, p, d));
                    }
                }
            } else if (t instanceof Type.Character && !p.isCharacterBytes()) {
                slots.add(new Notes.Slot(Notes.SlotKind.STRING_POINTER, p, 0));
                if (proc.language() == dev.gatun.bindings.model.Language.FORTRAN) {
                    // Fortran's hidden length; C strings end with a NUL (or their buffer length is a directive).
                    slots.add(new Notes.Slot(Notes.SlotKind.STRING_LENGTH, p, 0));
                    // The extents: the shim makes a pointer array of that shape of strings.
                    for (int d = 0; d < p.rank(); d++) {
                        slots.add(new Notes.Slot(Notes.SlotKind.EXTENT, p, d));
                    }
                }
            } else if (p.isArray()) {
                slots.add(new Notes.Slot(Notes.SlotKind.ARRAY_POINTER, p, 0));
                for (int d = 0; d < p.rank(); d++) {
                    if (shim && p.dimensions().get(d) instanceof Dimension.AssumedShape) {
                        slots.add(new Notes.Slot(Notes.SlotKind.EXTENT, p, d));
                    }
                }
            } else if (p.passing() == Parameter.Passing.VALUE || (shim && byValueInShim(p))) {
                slots.add(new Notes.Slot(Notes.SlotKind.VALUE, p, 0));
            } else {
                slots.add(new Notes.Slot(Notes.SlotKind.SCALAR_POINTER, p, 0));
            }
        }
        Notes.NativeResult result = Notes.NativeResult.VOID;
        if (proc.kind() == Procedure.Kind.FUNCTION) {
            boolean viaPointer = shim && (proc.result() instanceof Type.Character
                    || (proc.result() instanceof Type.Scalar s && s.kind().isComplex()));
            result = viaPointer ? Notes.NativeResult.VIA_POINTER : Notes.NativeResult.VALUE;
            if (viaPointer) {
                slots.add(new Notes.Slot(Notes.SlotKind.RESULT, null, 0));
            }
        }
        return new Notes.CallPlan(shim ? shimSymbol(proc) : proc.symbol(), shim, result, slots);
    }

    /** In a shim, read-only non-optional real, integer and logical scalars travel by value. */
    private static boolean byValueInShim(Parameter p) {
        boolean in = p.intent() == Parameter.Intent.IN || p.intent() == Parameter.Intent.HIDE;
        boolean simple = (p.type() instanceof Type.Scalar s && !s.kind().isComplex()) || p.type() instanceof Type.Logical;
        return in && simple && !p.optional();
    }
}
