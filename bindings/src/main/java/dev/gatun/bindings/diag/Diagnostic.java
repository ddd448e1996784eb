// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.diag;

import java.util.Objects;

/**
 * One message about the user's sources, printed as {@code file:line:col: severity: message}.
 *
 * @param severity how serious it is; any {@link Severity#ERROR} stops emission
 * @param position where it applies
 * @param message  what is wrong and, where possible, how to fix it
 */
public record Diagnostic(Severity severity, SourcePosition position, String message) {

    /** How serious a diagnostic is. */
    public enum Severity {
        /** Something was skipped or guessed; bindings are still emitted. */
        WARNING,
        /** The input cannot be bound as written; no Java is emitted. */
        ERROR
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is null
     */
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /** Returns the compiler-style line {@code file:line:col: error: message}. */
    @Override
    public String toString() {
        return position + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
