// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.mpi;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;

import dev.gatun.array.IntArray;
import dev.gatun.kernels.omp.KernelsOmp;
import dev.gatun.mpi.Communicator;
import dev.gatun.mpi.Mpi;
import dev.gatun.mpi.ReduceOp;
import dev.gatun.mpi.Status;
import dev.gatun.mpi.ThreadLevel;
import dev.gatun.omp.OpenMP;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * <b>integration2d-mpi</b>: the seeds' MPI decomposition of the 2D integral of sin(x + y) over [0, pi]^2, hybrid
 * MPI + OpenMP. Each rank takes a block of rows of the n-by-n grid and calls the OpenMP C kernel
 * {@code integration2d_c_omp_rows} on it; the root adds the blocks up with {@code MPI_Reduce}.
 *
 * <p><b>What it shows.</b> Java as the driver of an MPI job: ranks x threads cover the cores, and the only data
 * crossing between ranks is one double each. The seeds' {@code mpirun -np 4 python integration2d_mpi.py} took
 * 5.76 s for n = 10000; here each rank's rows run as compiled C with OpenMP threads.
 *
 * <p><b>How to run.</b> After {@code ./mvnw -B -q package -DskipTests}, from the repository root:
 * <pre>
 * mpirun -np 4 --bind-to none java --enable-native-access=ALL-UNNAMED \
 *        -cp 'examples/target/classes:examples/target/lib/*' dev.gatun.examples.mpi.Integration2DMpi --n 20000 --threads 2
 * </pre>
 * ({@code --allow-run-as-root --oversubscribe} as root or with more ranks than cores; {@code --bind-to none} so a
 * rank's OpenMP threads are not all bound to its one core). {@code examples/scripts/mpi-scaling.sh} sweeps ranks
 * and threads.
 *
 * <p><b>What you should see.</b> On the root, per timed run, the seeds' two lines, e.g.
 * {@code Integral value is 4.492851e-12, Error is 4.492851e-12} and {@code Time spent: 0.31 sec}, then one
 * machine-readable line: {@code RESULT example=integration2d-mpi n=20000 ranks=4 threads=2 seconds=0.3012 ...}
 * (the median over the timed runs of the slowest rank's time).
 *
 * <p><b>{@code --balance dynamic}.</b> The seeds' split gives every rank the same rows once, so the slowest core
 * sets the time; on a cloud host whose cores run at unequal speeds that costs a third of the machine. With
 * {@code --balance dynamic} ranks instead fetch chunks of rows from rank 0 as they finish, asking one chunk ahead;
 * rank 0 computes chunks too and answers between steps of a few rows ({@code Communicator.iprobe}), so no extra
 * thread competes for its core and {@code MPI_THREAD_FUNNELED} is enough.
 */
@Command(name = "integration2d-mpi", mixinStandardHelpOptions = true,
        description = "The 2D integral of sin(x+y) over [0,pi]^2, rows split over MPI ranks, OpenMP threads in each.")
public final class Integration2DMpi implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "10000", description = "Grid points per direction (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--threads", defaultValue = "0",
            description = "OpenMP threads per rank; 0 keeps OpenMP's default (OMP_NUM_THREADS, else all cores it sees).")
    int threads;

    @Option(names = "--reps", defaultValue = "3", description = "Timed runs; RESULT reports their median (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--balance", defaultValue = "static",
            description = "static: the seeds' blocks of rows, one per rank; dynamic: ranks fetch chunks of rows from rank 0"
                    + " as they finish (for cores of unequal speed) (default: ${DEFAULT-VALUE}).")
    String balance;

    @Spec
    CommandSpec spec;

    private static final int TAG_REQUEST = 17;
    private static final int TAG_CHUNK = 18;

    /** Creates the command; picocli fills the options. */
    public Integration2DMpi() {
    }

    /**
     * Runs the example on every rank of the job.
     *
     * @param args command-line options, see {@code --help}
     */
    public static void main(String[] args) {
        int exit = new CommandLine(new Integration2DMpi()).execute(args);
        if (exit != 0 && Mpi.isInitialized()) {
            // picocli caught the failure, so the abort-on-uncaught handler did not see it; the other ranks would wait.
            Mpi.abort(exit, "integration2d-mpi failed (the error is above)");
        }
        Mpi.finalizeMpi();
        System.exit(exit);
    }

    @Override
    public Integer call() {
        if (n < 1 || repetitions < 1 || warmups < 0 || threads < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "expected --n >= 1, --reps >= 1, --warmup >= 0, --threads >= 0; got " + n + ", " + repetitions + ", "
                            + warmups + ", " + threads);
        }
        if (!balance.equals("static") && !balance.equals("dynamic")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--balance: expected static or dynamic, got " + balance);
        }
        boolean dynamic = balance.equals("dynamic");
        // Only main calls MPI (OpenMP threads never do), in both splits.
        ThreadLevel level = Mpi.init(ThreadLevel.FUNNELED);
        Communicator world = Mpi.world();
        if (threads > 0) {
            OpenMP.setNumThreads(threads); // on main, the thread that calls the kernel (OpenMP settings are per thread)
        }
        int threadsPerRank = world.allReduce(OpenMP.maxThreads(), ReduceOp.MAX);
        // The seeds' split: rank r takes rows [r*n/size, (r+1)*n/size), sizes differing by at most one.
        int begin = (int) ((long) world.rank() * n / world.size());
        int end = (int) ((long) (world.rank() + 1) * n / world.size());
        if (world.rank() == 0) {
            System.out.printf(Locale.ROOT, "integration2d-mpi: n = %d, %d ranks x %d OpenMP threads (%s granted), about %d rows"
                    + " per rank%n", n, world.size(), threadsPerRank, level.mpiName(), n / world.size());
        }
        // Dynamic: blocks shrink to minRows (1/64 of a rank's share) at the end, so a slow core's last block costs
        // little. Rank 0 answers requests between steps of half that: workers ask one block ahead, so an answer
        // half a block late still arrives before they need it.
        int minRows = Math.max(1, n / (64 * world.size()));
        int stepRows = Math.max(1, minRows / 2);
        DoubleSupplier localSum = dynamic ? () -> dynamicLocalSum(world, minRows, stepRows)
                : () -> KernelsOmp.integration2dCOmpRows(n, begin, end);
        for (int k = 0; k < warmups; k++) {
            timedRun(world, localSum);
        }
        List<Double> times = new ArrayList<>();
        double value = 0;
        for (int k = 0; k < repetitions; k++) {
            double[] run = timedRun(world, localSum);
            value = run[0];
            times.add(run[1]);
            if (world.rank() == 0) {
                System.out.printf(Locale.ROOT, "Integral value is %e, Error is %e%n", value, Math.abs(value - 0.0));
                System.out.printf(Locale.ROOT, "Time spent: %.2f sec%n", run[1]);
            }
        }
        if (world.rank() == 0) {
            List<Double> sorted = times.stream().sorted().toList();
            System.out.printf(Locale.ROOT, "RESULT example=integration2d-mpi n=%d ranks=%d threads=%d seconds=%.6f min=%.6f"
                    + " value=%.6e reps=%d balance=%s%n", n, world.size(), threadsPerRank, sorted.get(sorted.size() / 2),
                    sorted.getFirst(), value, repetitions, balance);
        }
        return 0;
    }

    /** One timed run, each rank computing its part of the sum: {value on the root, seconds of the slowest rank}. */
    private static double[] timedRun(Communicator world, DoubleSupplier localSum) {
        world.barrier(); // start together, so the time is the job's, not one rank's
        double start = Mpi.wtime();
        double local = localSum.getAsDouble();
        double total = world.reduce(local, ReduceOp.SUM, 0).orElse(Double.NaN);
        double seconds = world.allReduce(Mpi.wtime() - start, ReduceOp.MAX);
        return new double[] {total, seconds};
    }

    /**
     * This rank's sum over the blocks of rows it got from rank 0 (guided self-scheduling: each block is the rows
     * left over twice the ranks, at least {@code minRows}, so blocks shrink towards the end and the ranks finish
     * together). Rank 0 computes blocks too, in steps of {@code stepRows}, and between steps answers the requests
     * that are waiting ({@code iprobe}, never blocking), so no thread of its own competes for the core.
     */
    private double dynamicLocalSum(Communicator world, int minRows, int stepRows) {
        double local = 0;
        try (Arena arena = Arena.ofConfined()) {
            if (world.rank() == 0) {
                Dispatcher dispatcher = new Dispatcher(world, n, minRows, IntArray.allocate(arena, 2));
                for (long block = dispatcher.take(); block >= 0; block = dispatcher.take()) {
                    int end = (int) block;
                    for (int row = (int) (block >>> 32); row < end; row += stepRows) {
                        local += KernelsOmp.integration2dCOmpRows(n, row, Math.min(end, row + stepRows));
                        dispatcher.answerWaiting();
                    }
                }
                dispatcher.answerUntilAllStopped();
            } else {
                // Each request is sent one block ahead: the answer arrives while this rank computes.
                IntArray request = IntArray.allocate(arena, 1);
                IntArray block = IntArray.allocate(arena, 2);
                world.send(request, 0, TAG_REQUEST);
                world.receive(block, 0, TAG_CHUNK);
                for (int begin = block.get(0), end = block.get(1); begin >= 0; begin = block.get(0), end = block.get(1)) {
                    world.send(request, 0, TAG_REQUEST);
                    local += KernelsOmp.integration2dCOmpRows(n, begin, end);
                    world.receive(block, 0, TAG_CHUNK);
                }
            }
        }
        return local;
    }

    /** Rank 0's side of the dynamic split: hands out blocks of rows {begin, end}, then {-1, -1} once to each other rank. */
    private static final class Dispatcher {
        private final Communicator world;
        private final int rows;
        private final int minRows;
        private final IntArray message;
        private int next;
        private int stopped;

        Dispatcher(Communicator world, int rows, int minRows, IntArray message) {
            this.world = world;
            this.rows = rows;
            this.minRows = minRows;
            this.message = message;
        }

        /** {@return the next block as begin << 32 | end, or -1 when all rows are handed out} */
        long take() {
            if (next >= rows) {
                return -1;
            }
            int begin = next;
            next = Math.min(rows, begin + Math.max(minRows, (rows - begin) / (2 * world.size())));
            return (long) begin << 32 | next;
        }

        /** Answers every request already waiting, without blocking. */
        void answerWaiting() {
            if (world.size() == 1) {
                return;
            }
            for (Optional<Status> waiting = world.iprobe(Communicator.ANY_SOURCE, TAG_REQUEST); waiting.isPresent();
                    waiting = world.iprobe(Communicator.ANY_SOURCE, TAG_REQUEST)) {
                answer(waiting.get().source());
            }
        }

        /** Answers requests, blocking, until every other rank got its end mark. */
        void answerUntilAllStopped() {
            while (stopped < world.size() - 1) {
                answer(Communicator.ANY_SOURCE);
            }
        }

        private void answer(int source) {
            Status request = world.receive(message, source, TAG_REQUEST); // a 1-int request fits the 2-int buffer
            long block = take();
            if (block < 0) {
                stopped++;
            }
            message.set(0, block < 0 ? -1 : (int) (block >>> 32));
            message.set(1, block < 0 ? -1 : (int) block);
            world.send(message, request.source(), TAG_CHUNK);
        }
    }
}
