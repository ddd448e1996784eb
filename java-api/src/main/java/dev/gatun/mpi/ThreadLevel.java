// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

/**
 * How many Java threads may call MPI, as requested from and granted by {@code MPI_Init_thread}.
 * The constants are in MPI's order: each level allows what the ones before it allow.
 */
public enum ThreadLevel {
    /** Only one thread exists ({@code MPI_THREAD_SINGLE}); never true of a JVM, so Gatun does not request it. */
    SINGLE,
    /** Only the thread that called {@link Mpi#init(ThreadLevel)} calls MPI ({@code MPI_THREAD_FUNNELED}). */
    FUNNELED,
    /** Any thread calls MPI, but never two at once ({@code MPI_THREAD_SERIALIZED}). */
    SERIALIZED,
    /** Any thread calls MPI at any time ({@code MPI_THREAD_MULTIPLE}); {@link MpiExecutor} needs it. */
    MULTIPLE;

    /** {@return the MPI constant's name, e.g. {@code MPI_THREAD_MULTIPLE}} */
    public String mpiName() {
        return "MPI_THREAD_" + name();
    }
}
