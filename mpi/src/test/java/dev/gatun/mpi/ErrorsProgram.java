// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.Order;

import java.lang.foreign.Arena;

/**
 * Run under mpirun by {@link CommunicatorJobTest}: bad arguments are refused before MPI is called, with messages
 * naming the parameter, and an error inside MPI (a truncated receive) becomes an {@link MpiException} with
 * {@code MPI_Error_string}'s text, after which MPI still works ({@code MPI_ERRORS_RETURN}).
 */
public final class ErrorsProgram {
    private ErrorsProgram() {
    }

    /**
     * Runs the checks; needs at least two ranks.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Check.fails(0, "world before init", IllegalStateException.class, Mpi::world, "call Mpi.init() first");
        Mpi.init();
        Communicator world = Mpi.world();
        int r = world.rank();
        int n = world.size();
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray four = DoubleArray.allocate(arena, 4);
            Check.fails(r, "heap array", IllegalArgumentException.class,
                    () -> world.send(DoubleArray.ofHeap(new double[4]), 0, 0), "parameter 'data'", "heap array");
            Check.fails(r, "strided view", IllegalArgumentException.class,
                    () -> world.broadcast(DoubleArray.allocate(arena, 8).slice(0, 0, 8, 2), 0),
                    "parameter 'data'", "contiguous", "copy(arena)");
            Check.fails(r, "dest out of range", IllegalArgumentException.class,
                    () -> world.send(four, n, 0), "parameter 'dest'", "[0, " + n + ")", "got " + n);
            Check.fails(r, "negative tag", IllegalArgumentException.class,
                    () -> world.send(four, 0, -5), "parameter 'tag'", "got -5");
            Check.fails(r, "element types differ", IllegalArgumentException.class,
                    () -> world.allReduce(four, IntArray.allocate(arena, 4), ReduceOp.SUM),
                    "parameter 'receive'", "element type double like 'send', got int");
            Check.fails(r, "sizes differ", IllegalArgumentException.class,
                    () -> world.allReduce(four, DoubleArray.allocate(arena, 3), ReduceOp.SUM),
                    "parameter 'receive'", "expected 4 elements", "got 3");
            Check.fails(r, "complex MIN", IllegalArgumentException.class,
                    () -> world.allReduce(ComplexDoubleArray.allocate(arena, 1), ReduceOp.MIN), "parameter 'op'", "MPI_MIN");
            Check.fails(r, "scatter size at root", IllegalArgumentException.class,
                    () -> world.scatter(DoubleArray.allocate(arena, 3), DoubleArray.allocate(arena, 2), r),
                    "parameter 'send'", "expected " + 2 * n + " elements");
            Check.fails(r, "null receive at root", NullPointerException.class,
                    () -> world.reduce(four, null, ReduceOp.SUM, r), "parameter 'receive'");
            Check.fails(r, "split colour", IllegalArgumentException.class, () -> world.split(-7, 0), "parameter 'color'");
        }
        Arena closed = Arena.ofConfined();
        DoubleArray gone = DoubleArray.allocate(closed, 2);
        closed.close();
        Check.fails(r, "closed arena", IllegalStateException.class, () -> world.allReduce(gone, ReduceOp.SUM),
                "parameter 'data'", "arena is already closed");
        truncatedReceive(world, r);
        Check.equal(r, "MPI works after the error", (double) n, world.allReduce(1.0, ReduceOp.SUM));
        Check.print(r, "done");
    }

    /** Rank 0 sends 10 doubles, rank 1 has room for 5: MPI_ERR_TRUNCATE, reported, not fatal. */
    private static void truncatedReceive(Communicator world, int r) {
        try (Arena arena = Arena.ofConfined()) {
            if (r == 0) {
                world.send(DoubleArray.allocate(arena, 10), 1, 3);
            } else if (r == 1) {
                MpiException e = Check.fails(r, "truncated receive", MpiException.class,
                        () -> world.receive(DoubleArray.allocate(arena, 5), 0, 3), "MPI_Recv on rank 1 of ", "(world)",
                        "truncated", "MPI error code");
                Check.equal(r, "error code is MPI's", true, e.errorCode() > 0 && e.operation().equals("MPI_Recv"));
            }
        }
        world.barrier();
    }
}
