// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Declarations;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Unit;
import java.util.List;

/** Runs the passes over a library in their one fixed order. */
public final class Passes {

    private Passes() {
    }

    /**
     * Annotates a library for emission.
     *
     * @param library     the parsed library
     * @param diagnostics where problems are reported
     * @return the notes the emitters read
     */
    public static Annotations run(Library library, Diagnostics diagnostics) {
        var notes = new Annotations();
        // 1. Drop what cannot be bound first, so later passes only see supported procedures.
        new UnsupportedFilter(notes, diagnostics).run(library);
        // 1b. ... and what carries an expression the generated Java cannot evaluate (unknown names, intrinsics).
        new ExpressionChecker(notes, diagnostics).run(library);
        // 1c. gatun: status(...) rules: which integer results (or int * parameters) are statuses, their names and message
        //     function; before the audit, which does not ask for the extent of a status parameter the binding hides.
        new StatusResolver(notes, diagnostics).run(library);
        // 2. Decide which scalars are inferred from array shapes (they leave the Java signature).
        new ExtentResolver(notes, diagnostics).run(library);
        // 2b. Warn where an array's extent is left unchecked (no directive ties a count to it).
        new ContractAudit(notes, diagnostics).run(library);
        // 3. Java names, after filtering so skipped procedures cannot cause name clashes.
        new NameMangler(notes, diagnostics).run(library);
        // 4. The native call: direct symbol or gatun_ shim, and the slot of every argument.
        new ShimPlanner(notes).run(library);
        // 5. COMMON block members and module variables without a Java accessor are reported.
        new GlobalVariableFilter(notes, diagnostics).run(library);
        // 6. Type-bound procedures of handle types: the bound procedure each instance method calls. A private module
        //    procedure is reached only through its binding: it is annotated as the others are (silently: it is not bound).
        // (With the units' types, which name what a shim can use; the names of the types are the library's already.)
        var privates = new Library(library.name(), library.units().stream().map(u -> new Unit(u.source(), u.language(), u.privates(),
                List.of(), List.of(), Declarations.NONE, u.types())).toList());
        var untyped = new Library(library.name(), library.units().stream().map(u -> new Unit(u.source(), u.language(), u.privates(),
                List.of(), List.of(), Declarations.NONE, List.of())).toList());
        var quiet = new Diagnostics();
        new UnsupportedFilter(notes, quiet).run(privates);
        new ExpressionChecker(notes, quiet).run(privates);
        new ExtentResolver(notes, quiet).run(privates);
        new NameMangler(notes, quiet).run(untyped);
        new ShimPlanner(notes).run(privates, dev.gatun.bindings.model.TypeHierarchy.of(library));
        new TypeBindingResolver(notes, diagnostics).run(library, privates.procedures());
        return notes;
    }
}
