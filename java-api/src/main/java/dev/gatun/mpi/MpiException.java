// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.io.Serial;

/**
 * An MPI call returned an error code. The message holds the call's name, where it ran (rank and
 * communicator) and the text of {@code MPI_Error_string} for the code, for example
 * {@code MPI_Recv on rank 1 of 2 (world): MPI_ERR_TRUNCATE: message truncated (MPI error code 15)}.
 *
 * <p>Gatun sets {@code MPI_ERRORS_RETURN} on every communicator it hands out (world and self included), so
 * MPI reports errors to Java instead of aborting the job; negative codes come from Gatun's shim itself
 * (for example a communicator that was already closed).
 */
public final class MpiException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errorCode;
    private final String errorText;

    /**
     * Creates the exception.
     *
     * @param operation the MPI call, e.g. {@code MPI_Allreduce}
     * @param where     the rank and communicator it ran on, or {@code null} when unknown
     * @param errorCode the code the call returned
     * @param errorText {@code MPI_Error_string}'s text for the code
     */
    public MpiException(String operation, String where, int errorCode, String errorText) {
        super(operation + (where == null ? "" : " on " + where) + ": " + errorText + " (MPI error code " + errorCode + ")");
        this.operation = operation;
        this.errorCode = errorCode;
        this.errorText = errorText;
    }

    /** {@return the MPI call that failed, e.g. {@code MPI_Send}} */
    public String operation() {
        return operation;
    }

    /** {@return the error code the call returned; negative for errors of Gatun's shim} */
    public int errorCode() {
        return errorCode;
    }

    /** {@return {@code MPI_Error_string}'s text for {@link #errorCode()}} */
    public String errorText() {
        return errorText;
    }
}
