// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

/** The reductions of {@link Communicator#reduce} and {@link Communicator#allReduce}, element by element. */
public enum ReduceOp {
    /** {@code MPI_SUM}. Floating-point sums depend on the order MPI combines the ranks in. */
    SUM,
    /** {@code MPI_MIN}; not defined for complex numbers. */
    MIN,
    /** {@code MPI_MAX}; not defined for complex numbers. */
    MAX,
    /** {@code MPI_PROD}. */
    PROD;

    /** {@return the MPI constant's name, e.g. {@code MPI_SUM}} */
    public String mpiName() {
        return "MPI_" + name();
    }
}
