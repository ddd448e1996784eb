// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * One rank of the whole-{@code mpi.h} test, run under {@code mpirun}: loads the binding that {@code gatun build}
 * made of the entire header and calls MPI through it alone, no shim. Open MPI's {@code MPI_COMM_WORLD} is the
 * address of the global {@code ompi_mpi_comm_world} (the header's macro is {@code &ompi_mpi_comm_world}), so the
 * handles come from the globals' address accessors. Prints {@code [rank] size=N sum=S version=V} for the test to check.
 */
public final class WholeMpiHeaderProgram {

    private WholeMpiHeaderProgram() {
    }

    /**
     * Runs one rank.
     *
     * @param args the jar {@code gatun build} wrote and the binding class in it
     * @throws Exception when the binding does not load or a call fails
     */
    public static void main(String[] args) throws Exception {
        BuiltBinding mpi = BuiltBinding.load(Path.of(args[0]), args[1]);
        Class<?> raw = mpi.nested("Raw");
        int success = (int) mpi.type().getField("MPI_SUCCESS").get(null);
        check(success, BuiltBinding.invoke(raw, "mpiInit", MemorySegment.NULL, MemorySegment.NULL), "MPI_Init");
        MemorySegment world = (MemorySegment) mpi.call("ompiMpiCommWorld$address");
        int[] rank = new int[1];
        int[] size = new int[1];
        check(success, mpi.call("mpiCommRank", world, rank), "MPI_Comm_rank");
        check(success, mpi.call("mpiCommSize", world, size), "MPI_Comm_size");
        try (Arena arena = Arena.ofConfined()) {
            // Each rank contributes (rank + 1, rank * rank): the sums are n(n+1)/2 and the sum of squares.
            MemorySegment send = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, rank[0] + 1.0, (double) rank[0] * rank[0]);
            MemorySegment received = arena.allocate(ValueLayout.JAVA_DOUBLE, 2);
            check(success, mpi.call("mpiAllreduce", send, received, 2, mpi.call("ompiMpiDouble$address"),
                    mpi.call("ompiMpiOpSum$address"), world), "MPI_Allreduce");
            Object version = mpi.call("mpiGetVersion");
            check(success, BuiltBinding.component(version, "result"), "MPI_Get_version");
            String line = "[%d] size=%d sum=%s squares=%s version=%d.%d%n".formatted(rank[0], size[0],
                    received.getAtIndex(ValueLayout.JAVA_DOUBLE, 0), received.getAtIndex(ValueLayout.JAVA_DOUBLE, 1),
                    (int) BuiltBinding.component(version, "version"), (int) BuiltBinding.component(version, "subversion"));
            // One write per line: mpirun merges the ranks' output and would interleave smaller pieces.
            System.out.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.flush();
        }
        check(success, mpi.call("mpiFinalize"), "MPI_Finalize");
    }

    private static void check(int success, Object status, String call) {
        if ((int) status != success) {
            throw new IllegalStateException(call + " returned " + status + ", not MPI_SUCCESS (" + success + ")");
        }
    }
}
