// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The kernel-launch table without JMH: Gatun and JCuda launching the same empty kernel (see
 * {@link KernelLaunchBenchmark} for what is measured), next to the C program
 * {@code cuda/scripts/launch_latency.cu} when its output is given.
 *
 * <p><b>How to run</b>, on the GPU machine after staging ({@code bash .device/run} puts the class path together):
 * <pre>
 * nvcc -O3 -arch=sm_90 cuda/scripts/launch_latency.cu -o /tmp/launch_latency -lcuda &amp;&amp; /tmp/launch_latency &gt; /tmp/c.txt
 * bash .device/run dev.gatun.examples.bench.KernelLaunchComparison --c-output /tmp/c.txt
 * </pre>
 *
 * <p><b>What you should see.</b> One table in microseconds per launch, medians over {@code --reps}
 * repetitions (Gatun and JCuda interleaved, so clock drift hits both): "synchronised" waits for the stream
 * after every launch, "queued" launches {@value KernelLaunchBenchmark#BATCH} times per wait. The C program
 * reports the best of 7 runs of 100000 queued launches (driver API and {@code <<<>>>}); it has no
 * synchronised figure. Then {@code RESULT name value us} lines for scripts.
 */
@Command(name = "kernel-launch", mixinStandardHelpOptions = true,
        description = "Empty-kernel launch overhead: Gatun vs JCuda vs C (launch_latency.cu output).")
public final class KernelLaunchComparison implements Callable<Integer> {

    @Option(names = "--c-output", description = "Output of cuda/scripts/launch_latency.cu (its RESULT lines).")
    Path cOutput;

    @Option(names = "--reps", defaultValue = "15", description = "Timed repetitions per figure (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--launches", defaultValue = "20000",
            description = "Launches per repetition, a multiple of " + KernelLaunchBenchmark.BATCH + " (default: ${DEFAULT-VALUE}).")
    int launches;

    /** Creates the command; picocli fills the options. */
    public KernelLaunchComparison() {
    }

    /**
     * Runs the comparison.
     *
     * @param args options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new KernelLaunchComparison()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (reps < 1 || launches < KernelLaunchBenchmark.BATCH || launches % KernelLaunchBenchmark.BATCH != 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--reps: expected >= 1, --launches: a positive"
                    + " multiple of " + KernelLaunchBenchmark.BATCH + "; got " + reps + " and " + launches);
        }
        // Read the C figures first: a wrong path should not cost a whole run.
        OptionalDouble cDriver = cOutput == null ? OptionalDouble.empty() : cResult(cOutput, "c_launch_driver_us");
        OptionalDouble cRuntime = cOutput == null ? OptionalDouble.empty() : cResult(cOutput, "c_launch_runtime_us");
        try (EmptyKernelLaunches k = EmptyKernelLaunches.open()) {
            System.out.println(k.device());
            double[][] t = new double[4][reps];
            for (int rep = -2; rep < reps; rep++) { // two untimed rounds warm up the JIT and the driver
                double[] round = {synchronised(k::gatunLaunch, k::gatunSync), synchronised(k::jcudaLaunch, k::jcudaSync),
                        queued(k::gatunLaunch, k::gatunSync), queued(k::jcudaLaunch, k::jcudaSync)};
                for (int i = 0; rep >= 0 && i < 4; i++) {
                    t[i][rep] = round[i];
                }
            }
            printTable(median(t[0]), median(t[1]), median(t[2]), median(t[3]), cDriver, cRuntime);
        }
        return 0;
    }

    /** Microseconds per launch when every launch waits for the stream. */
    private double synchronised(Runnable launch, Runnable sync) {
        long t0 = System.nanoTime();
        for (int i = 0; i < launches / 10; i++) { // a round trip costs ~10 queued launches: keep reps comparable
            launch.run();
            sync.run();
        }
        return (System.nanoTime() - t0) / 1e3 / (launches / 10);
    }

    /** Microseconds per launch when {@code BATCH} launches share one wait. */
    private double queued(Runnable launch, Runnable sync) {
        long t0 = System.nanoTime();
        for (int b = 0; b < launches / KernelLaunchBenchmark.BATCH; b++) {
            for (int i = 0; i < KernelLaunchBenchmark.BATCH; i++) {
                launch.run();
            }
            sync.run();
        }
        return (System.nanoTime() - t0) / 1e3 / launches;
    }

    private void printTable(double gatunSync, double jcudaSync, double gatunQueued, double jcudaQueued,
                            OptionalDouble cDriver, OptionalDouble cRuntime) {
        String row = "%-34s %14s %14s %12s%n";
        System.out.printf(Locale.ROOT, "%nEmpty kernel <<<1, 1>>>, microseconds per launch (median of %d x %d launches)%n",
                reps, launches);
        System.out.printf(Locale.ROOT, row, "peer", "synchronised", "queued", "queued / C");
        double c = cDriver.orElse(Double.NaN);
        System.out.printf(Locale.ROOT, row, "Gatun (CudaKernel.launch, FFM)", us(gatunSync), us(gatunQueued), ratio(gatunQueued, c));
        System.out.printf(Locale.ROOT, row, "JCuda 12.6.0 (cuLaunchKernel, JNI)", us(jcudaSync), us(jcudaQueued), ratio(jcudaQueued, c));
        System.out.printf(Locale.ROOT, row, "C (cuLaunchKernel), best of 7", "-", us(c), cDriver.isPresent() ? "1.00" : "-");
        System.out.printf(Locale.ROOT, row, "C (<<<>>>, runtime API), best of 7", "-", us(cRuntime.orElse(Double.NaN)), "-");
        if (cOutput == null) {
            System.out.println("(no C figures: pass --c-output with the output of cuda/scripts/launch_latency.cu)");
        }
        System.out.println();
        result("gatun_launch_sync_us", gatunSync);
        result("jcuda_launch_sync_us", jcudaSync);
        result("gatun_launch_queued_us", gatunQueued);
        result("jcuda_launch_queued_us", jcudaQueued);
        cDriver.ifPresent(v -> result("c_launch_driver_us", v));
    }

    /**
     * Reads {@code RESULT name value us} from the C program's output.
     *
     * @param file the output file
     * @param name the figure
     * @return its value, or empty when the file lacks it
     * @throws IOException when the file cannot be read
     */
    static OptionalDouble cResult(Path file, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(new CommandLine(new KernelLaunchComparison()), "--c-output: " + file
                    + " is not a file; run cuda/scripts/launch_latency.cu and pass its output");
        }
        return Files.readAllLines(file).stream()
                .map(String::trim)
                .filter(line -> line.startsWith("RESULT " + name + " "))
                .mapToDouble(line -> Double.parseDouble(line.split("\\s+")[2]))
                .reduce((first, last) -> last);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String us(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String ratio(double v, double c) {
        return Double.isNaN(c) ? "-" : String.format(Locale.ROOT, "%.2f", v / c);
    }

    private static void result(String name, double v) {
        System.out.printf(Locale.ROOT, "RESULT %s %.3f us%n", name, v);
    }
}
