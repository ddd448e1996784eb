// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.mpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import dev.gatun.kernels.omp.KernelsOmp;
import dev.gatun.mpi.Mpi;
import dev.gatun.mpi.MpiExecutor;
import dev.gatun.mpi.MpiTask;
import dev.gatun.omp.OpenMP;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * <b>mpi-kernel-tasks</b>: a bag of many independent native kernel calls. The n-by-n integration2d grid is cut
 * into {@code --tasks} blocks of rows; each block is a task (a record) that a worker rank runs through the OpenMP
 * C kernel, and the root adds the results up as they come back.
 *
 * <p><b>What it shows.</b> {@link MpiExecutor} balancing real work: workers pull the next block as soon as they
 * are done, so uneven blocks or uneven ranks even out without a static decomposition.
 *
 * <p><b>How to run.</b> After {@code ./mvnw -B -q package -DskipTests}:
 * <pre>
 * mpirun -np 5 --bind-to none java --enable-native-access=ALL-UNNAMED \
 *        -cp 'examples/target/classes:examples/target/lib/*' dev.gatun.examples.mpi.MpiKernelTasks --n 10000 --tasks 64
 * </pre>
 *
 * <p><b>What you should see.</b> On the root the seeds' two lines ({@code Integral value is ..., Error is ...},
 * {@code Time spent: ... sec}), how many blocks each worker ran, and a {@code RESULT example=mpi-kernel-tasks ...}
 * line.
 */
@Command(name = "mpi-kernel-tasks", mixinStandardHelpOptions = true,
        description = "integration2d as many row-block tasks handed out by an MpiExecutor.")
public final class MpiKernelTasks implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "10000", description = "Grid points per direction (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--tasks", defaultValue = "64", description = "Row blocks, one task each (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--threads", defaultValue = "1", description = "OpenMP threads per task (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Untimed rounds first: they load the kernel library and warm the JIT on every rank (default: ${DEFAULT-VALUE}).")
    int warmups;

    /** Creates the command; picocli fills the options. */
    public MpiKernelTasks() {
    }

    /** One block of rows, run on a worker; returns {partial integral, worker rank}. */
    record RowBlock(int n, int begin, int end, int threads) implements MpiTask<double[]> {
        @Override
        public double[] call() {
            double value = OpenMP.withThreads(threads, () -> KernelsOmp.integration2dCOmpRows(n, begin, end));
            return new double[] {value, Mpi.world().rank()};
        }
    }

    /**
     * Runs the example on every rank of the job.
     *
     * @param args command-line options, see {@code --help}
     */
    public static void main(String[] args) {
        int exit = new CommandLine(new MpiKernelTasks()).execute(args);
        if (exit != 0 && Mpi.isInitialized()) {
            // picocli caught the failure, so the abort-on-uncaught handler did not see it; the other ranks would wait.
            Mpi.abort(exit, "mpi-kernel-tasks failed (the error is above)");
        }
        Mpi.finalizeMpi();
        System.exit(exit);
    }

    @Override
    public Integer call() {
        if (n < 1 || tasks < 1 || tasks > n || threads < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "expected --n >= 1, 1 <= --tasks <= n, --threads >= 1; got " + n + ", " + tasks + ", " + threads);
        }
        Mpi.init();
        try (MpiExecutor executor = MpiExecutor.start(Mpi.world(), 0)) {
            if (!executor.isRoot()) {
                return 0;
            }
            for (int k = 0; k < warmups; k++) {
                runBlocks(executor);
            }
            double start = Mpi.wtime();
            int[] perRank = new int[Mpi.world().size()];
            double value = runBlocks(executor, perRank);
            double seconds = Mpi.wtime() - start;
            System.out.printf(Locale.ROOT, "Integral value is %e, Error is %e%n", value, Math.abs(value));
            System.out.printf(Locale.ROOT, "Time spent: %.2f sec%n", seconds);
            System.out.println("blocks per rank: " + Arrays.toString(perRank));
            System.out.printf(Locale.ROOT, "RESULT example=mpi-kernel-tasks n=%d ranks=%d workers=%d threads=%d tasks=%d"
                    + " seconds=%.6f value=%.6e%n", n, Mpi.world().size(), executor.workers(), threads, tasks, seconds, value);
        }
        return 0;
    }

    private double runBlocks(MpiExecutor executor) {
        return runBlocks(executor, new int[Mpi.world().size()]);
    }

    /** Submits every block, adds up the results; counts in {@code perRank} which rank ran how many. */
    private double runBlocks(MpiExecutor executor, int[] perRank) {
        List<CompletableFuture<double[]>> blocks = new ArrayList<>();
        for (int k = 0; k < tasks; k++) {
            int begin = (int) ((long) k * n / tasks);
            int end = (int) ((long) (k + 1) * n / tasks);
            blocks.add(executor.submit(new RowBlock(n, begin, end, threads)));
        }
        double value = 0;
        for (CompletableFuture<double[]> block : blocks) {
            double[] result = block.join();
            value += result[0];
            perRank[(int) result[1]]++;
        }
        return value;
    }
}
