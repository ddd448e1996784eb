// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Library;

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
        // 6. Type-bound procedures of handle types: the bound procedure each instance method calls.
        new TypeBindingResolver(notes, diagnostics).run(library);
        return notes;
    }
}
