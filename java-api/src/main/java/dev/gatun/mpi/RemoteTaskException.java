// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.io.Serial;

/**
 * A task submitted to an {@link MpiExecutor} failed on a worker rank. The message names the rank and the
 * task's failure; the cause is the task's own exception when it could be sent back, else {@code null} and the
 * message holds its text and stack trace.
 */
public final class RemoteTaskException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int rank;

    /**
     * Creates the exception.
     *
     * @param rank    the worker rank the task ran on
     * @param message what failed
     * @param cause   the task's exception, or {@code null}
     */
    public RemoteTaskException(int rank, String message, Throwable cause) {
        super(message, cause);
        this.rank = rank;
    }

    /** {@return the worker rank (in the executor's communicator) the task failed on} */
    public int rank() {
        return rank;
    }
}
