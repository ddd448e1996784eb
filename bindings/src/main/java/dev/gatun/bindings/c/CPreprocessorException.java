// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import java.io.Serial;

/**
 * The C preprocessor could not be run, or rejected the headers; the message carries the compiler's
 * own diagnostics.
 */
public final class CPreprocessorException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, with the compiler's output
     * @param cause   the underlying I/O failure, or null
     */
    public CPreprocessorException(String message, Throwable cause) {
        super(message, cause);
    }
}
