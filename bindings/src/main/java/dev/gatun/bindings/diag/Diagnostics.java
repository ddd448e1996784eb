// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects the diagnostics of one generator run, in the order they were reported.
 *
 * <p>Frontends and passes report here instead of throwing, so one run shows every problem at once;
 * the driver checks {@link #hasErrors()} before it lets an emitter write anything.
 */
public final class Diagnostics {

    private final List<Diagnostic> reported = new ArrayList<>();

    /** Creates an empty collector. */
    public Diagnostics() {
    }

    /**
     * Reports an error: the construct cannot be bound and no Java will be emitted.
     *
     * @param position where the problem is
     * @param message  what is wrong
     */
    public void error(SourcePosition position, String message) {
        reported.add(new Diagnostic(Diagnostic.Severity.ERROR, position, message));
    }

    /**
     * Reports a warning: the construct is skipped or approximated, and emission goes on.
     *
     * @param position where the problem is
     * @param message  what was skipped and why
     */
    public void warning(SourcePosition position, String message) {
        reported.add(new Diagnostic(Diagnostic.Severity.WARNING, position, message));
    }

    /** Returns true when at least one error was reported. */
    public boolean hasErrors() {
        return reported.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** Returns every diagnostic reported so far, in order (an unmodifiable view). */
    public List<Diagnostic> all() {
        return Collections.unmodifiableList(reported);
    }

    /** Returns the errors only, in order. */
    public List<Diagnostic> errors() {
        return reported.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    }

    /** Returns the warnings only, in order. */
    public List<Diagnostic> warnings() {
        return reported.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
    }
}
