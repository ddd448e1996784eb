// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.gatun.array.DoubleArray;
import dev.gatun.load.NativeLibrary;
import dev.gatun.mpi.Communicator;
import dev.gatun.mpi.Mpi;
import dev.gatun.mpi.ReduceOp;
import dev.gatun.mpi.ThreadLevel;

/**
 * <b>ping-pong</b>: what an MPI message costs from Java. Ranks 0 and 1 bounce a message of 8 B to 64 MiB back and
 * forth ({@code send}/{@code receive} on an off-heap Gatun array, zero copies); with {@code allreduce}, every rank
 * takes part in {@code MPI_Allreduce} (SUM) of 1 Mi doubles.
 *
 * <p><b>What it shows.</b> Gatun adds a bounds check and one FFM downcall to each MPI call, so it should be within
 * a few percent of C even for 8-byte messages; {@code examples/scripts/mpi-bench.sh} runs this beside the same
 * program in C ({@code pingpong.c}) and with mpi4py's buffer API ({@code pingpong.py}), with the same schedule.
 *
 * <p><b>How to run.</b> After {@code ./mvnw -B -q package -DskipTests}, from the repository root:
 * <pre>
 * mpirun -np 2 java --enable-native-access=ALL-UNNAMED -cp 'examples/target/classes:examples/target/lib/*' \
 *        dev.gatun.examples.mpi.PingPong
 * mpirun -np 16 java ... dev.gatun.examples.mpi.PingPong allreduce
 * mpirun -np 1 java ... dev.gatun.examples.mpi.PingPong overhead
 * mpirun -np 2 java ... dev.gatun.examples.mpi.PingPong raw
 * </pre>
 *
 * <p>{@code overhead} times {@code send} and {@code receive} to {@link Communicator#PROC_NULL}, which MPI completes
 * at once: what Gatun adds to each call (checks, bookkeeping, the downcall), beside {@code pingpong.c overhead}.
 * {@code raw} runs the ping-pong up to 4 KiB through plain FFM downcall handles on the shim's C functions, with no
 * checks and no bookkeeping: the floor that any Java binding of MPI pays (the FFM transition into and out of native
 * code), so that the distance from C splits into the JDK's share and Gatun's. It is a measurement, not a way to call
 * MPI: a wrong argument there reaches MPI unchecked.
 *
 * <p><b>What you should see.</b> One line per size, {@code RESULT pingpong impl=gatun bytes=8 us=0.35 GBps=0.023}:
 * one-way time (half the round trip, best of three runs) and bandwidth; or
 * {@code RESULT allreduce impl=gatun ranks=16 doubles=1048576 us=...}.
 */
public final class PingPong {
    private static final long[] SIZES = {8, 64, 512, 4096, 32768, 262144, 2097152, 16777216, 67108864};

    private PingPong() {
    }

    /**
     * Runs the measurement.
     *
     * @param args nothing for the ping-pong, {@code allreduce} for the reduction, {@code overhead} for the cost of a call,
     *             {@code raw} for the ping-pong through plain FFM handles
     * @throws Throwable from the raw handles only
     */
    public static void main(String[] args) throws Throwable {
        Mpi.init(ThreadLevel.SINGLE);
        Communicator world = Mpi.world();
        try (Arena arena = Arena.ofConfined()) {
            if (args.length > 0 && args[0].equals("allreduce")) {
                allReduce(world, arena);
            } else if (args.length > 0 && args[0].equals("overhead")) {
                overhead(world, arena);
            } else if (args.length > 0 && args[0].equals("raw") && world.size() >= 2) {
                rawPingPong(world, arena);
            } else if (world.size() < 2) {
                System.err.println("ping-pong needs 2 ranks: mpirun -np 2 ...");
            } else {
                pingPong(world, arena);
            }
        }
        Mpi.finalizeMpi();
    }

    /** The same schedule as pingpong.c: 5000 round trips up to 64 KiB, then 256 MiB of traffic per run, at least 20. */
    static int iterations(long bytes) {
        long n = bytes <= 65536 ? 5000 : (256L << 20) / bytes;
        return (int) Math.max(20, n);
    }

    private static void pingPong(Communicator world, Arena arena) {
        DoubleArray buffer = DoubleArray.allocate(arena, (64L << 20) / Double.BYTES);
        buffer.fill(1.0);
        int rank = world.rank();
        // The JIT compiles the send/receive path during the first tens of thousands of calls; C needs no warm-up.
        // The timed loop is a method of its own (roundTrips), so that it is compiled as a whole method, not only
        // on-stack-replaced inside this one, where a new message size could send it back to the interpreter.
        roundTrips(world, buffer.slice(0, 0, 1), 50_000, rank);
        for (long bytes : SIZES) {
            DoubleArray message = buffer.slice(0, 0, bytes / Double.BYTES); // a view: the first bytes of the buffer
            int iterations = iterations(bytes);
            // An untimed run per size first (20 000 round trips up to 64 KiB): under `mpirun --bind-to core` the JVM's
            // compiler threads share the rank's one core, and a compilation still running would be timed too.
            roundTrips(world, message, bytes <= 65536 ? 20_000 : iterations, rank);
            double best = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                world.barrier();
                double t0 = Mpi.wtime();
                roundTrips(world, message, iterations, rank);
                best = Math.min(best, (Mpi.wtime() - t0) / iterations / 2);
            }
            if (rank == 0) {
                System.out.printf(Locale.ROOT, "RESULT pingpong impl=gatun bytes=%d us=%.3f GBps=%.3f%n", bytes, best * 1e6,
                        bytes / best / 1e9);
            }
        }
    }

    /** Send and receive to PROC_NULL, as {@code pingpong.c overhead}: the cost of a call with no transfer, in ns. */
    private static void overhead(Communicator world, Arena arena) {
        DoubleArray cell = DoubleArray.allocate(arena, 1);
        int iterations = 2_000_000;
        nullCalls(world, cell, iterations); // compiled before it is timed
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 7; run++) {
            double t0 = Mpi.wtime();
            nullCalls(world, cell, iterations);
            best = Math.min(best, (Mpi.wtime() - t0) / iterations / 2);
        }
        if (world.rank() == 0) {
            System.out.printf(Locale.ROOT, "RESULT overhead impl=gatun ns=%.1f%n", best * 1e9);
        }
    }

    private static void nullCalls(Communicator world, DoubleArray cell, int iterations) {
        for (int i = 0; i < iterations; i++) {
            world.send(cell, Communicator.PROC_NULL, 0);
            world.receive(cell, Communicator.PROC_NULL, 0);
        }
    }

    /** The ping-pong of 8 B to 4 KiB through plain FFM handles on the shim ({@code raw}): same schedule, no checks. */
    private static void rawPingPong(Communicator world, Arena arena) throws Throwable {
        MemorySegment buffer = arena.allocate(4096, 64);
        MemorySegment status = arena.allocate(3 * Integer.BYTES); // the shim's (source, tag, count)
        int rank = world.rank();
        rawRoundTrips(buffer, 1, status, 50_000, rank);
        for (long bytes : SIZES) {
            if (bytes > 4096) {
                break;
            }
            int count = (int) (bytes / Double.BYTES);
            rawRoundTrips(buffer, count, status, 20_000, rank);
            double best = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                world.barrier();
                double t0 = Mpi.wtime();
                rawRoundTrips(buffer, count, status, iterations(bytes), rank);
                best = Math.min(best, (Mpi.wtime() - t0) / iterations(bytes) / 2);
            }
            if (rank == 0) {
                System.out.printf(Locale.ROOT, "RESULT pingpong impl=raw bytes=%d us=%.3f GBps=%.3f%n", bytes, best * 1e6,
                        bytes / best / 1e9);
            }
        }
    }

    private static void rawRoundTrips(MemorySegment buffer, int count, MemorySegment status, int iterations, int rank)
            throws Throwable {
        for (int i = 0; i < iterations; i++) {
            if (rank == 0) {
                int sent = (int) Raw.SEND.invokeExact(buffer, count, Raw.DOUBLE, 1, 0, Raw.WORLD);
                int received = (int) Raw.RECV.invokeExact(buffer, count, Raw.DOUBLE, 1, 0, Raw.WORLD, status);
            } else if (rank == 1) {
                int received = (int) Raw.RECV.invokeExact(buffer, count, Raw.DOUBLE, 0, 0, Raw.WORLD, status);
                int sent = (int) Raw.SEND.invokeExact(buffer, count, Raw.DOUBLE, 0, 0, Raw.WORLD);
            }
        }
    }

    /** Constant handles on the shim's send and receive (the JIT inlines only what it sees as constant). */
    private static final class Raw {
        static final int DOUBLE = 4; // GATUN_MPI_DOUBLE in gatun_mpi.h
        static final int WORLD = 0;  // the shim's table index of MPI_COMM_WORLD
        static final MethodHandle SEND;
        static final MethodHandle RECV;

        static {
            NativeLibrary shim = NativeLibrary.loaded().stream().filter(l -> l.name().equals("libgatun_mpi.so"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("the MPI shim is not loaded: call Mpi.init() first"));
            SEND = shim.downcall("gatun_mpi_send", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, JAVA_INT));
            RECV = shim.downcall("gatun_mpi_recv", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, JAVA_INT, ADDRESS));
        }
    }

    /** {@code iterations} round trips of {@code message} between ranks 0 and 1 (other ranks do nothing). */
    private static void roundTrips(Communicator world, DoubleArray message, int iterations, int rank) {
        for (int i = 0; i < iterations; i++) {
            if (rank == 0) {
                world.send(message, 1, 0);
                world.receive(message, 1, 0);
            } else if (rank == 1) {
                world.receive(message, 0, 0);
                world.send(message, 0, 0);
            }
        }
    }

    private static void allReduce(Communicator world, Arena arena) {
        int n = 1 << 20;
        DoubleArray in = DoubleArray.allocate(arena, n);
        DoubleArray out = DoubleArray.allocate(arena, n);
        for (int i = 0; i < n; i++) {
            in.set(i, world.rank() + i * 1e-6);
        }
        for (int i = 0; i < 10; i++) {
            world.allReduce(in, out, ReduceOp.SUM);
        }
        int iterations = 100;
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            world.barrier();
            double t0 = Mpi.wtime();
            for (int i = 0; i < iterations; i++) {
                world.allReduce(in, out, ReduceOp.SUM);
            }
            best = Math.min(best, world.allReduce((Mpi.wtime() - t0) / iterations, ReduceOp.MAX));
        }
        if (world.rank() == 0) {
            System.out.printf(Locale.ROOT, "RESULT allreduce impl=gatun ranks=%d doubles=%d us=%.3f%n", world.size(), n,
                    best * 1e6);
        }
    }
}
