// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.io.Serial;

/**
 * A native library could not be found, extracted, verified or loaded. The message names the
 * library, the path involved and what to change, usually a system property such as
 * {@code gatun.cache.dir} or {@code gatun.library.path}.
 */
public class NativeLoadException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and how to fix it
     */
    public NativeLoadException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed and how to fix it
     * @param cause the underlying failure, usually an {@link java.io.IOException}
     */
    public NativeLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
