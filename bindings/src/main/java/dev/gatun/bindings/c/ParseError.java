// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.SourcePosition;
import java.io.Serial;

/**
 * Abandons the current top-level declaration; {@link CParser} reports it and resumes at the next
 * {@code ;}. Never escapes the parser.
 */
final class ParseError extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient SourcePosition position;
    private final boolean unsupported;

    /**
     * @param position    where the problem is
     * @param message     what is wrong
     * @param unsupported true for valid C that Gatun cannot bind (reported as a warning), false for
     *                    malformed input (reported as an error)
     */
    ParseError(SourcePosition position, String message, boolean unsupported) {
        super(message, null, false, false);
        this.position = position;
        this.unsupported = unsupported;
    }

    SourcePosition position() {
        return position;
    }

    boolean unsupported() {
        return unsupported;
    }
}
