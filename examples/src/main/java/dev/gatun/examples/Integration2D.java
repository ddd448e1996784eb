// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.gatun.array.DoubleArray;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.examples.harness.AbsentBackends;
import dev.gatun.examples.harness.CudaBackend;
import dev.gatun.examples.harness.ExampleOptions;
import dev.gatun.examples.harness.Measurement;
import dev.gatun.examples.harness.ResultTable;
import dev.gatun.examples.harness.Variant;
import dev.gatun.examples.harness.VariantTimer;
import dev.gatun.examples.twins.Integration2DJava;
import dev.gatun.kernels.Kernels;
import dev.gatun.kernels.cuda.GpuKernels;
import dev.gatun.kernels.omp.KernelsOmp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <b>integration2d</b>: the course's workhorse, the integral of sin(x + y) over [0, pi]^2 (exactly 0)
 * by the midpoint rule on an n-by-n grid, computed by every variant this machine can run.
 *
 * <p><b>What it shows.</b> A plain loop costs about the same in Java as in C; the big wins come from
 * vectorising the sine (the Vector API in Java, libmvec in C and Fortran), from threads, and from a
 * GPU. The seeds' Python took 20.4 s for n = 10000; this table shows what Java and native code take.
 *
 * <p><b>How to run.</b> From the repository root, after {@code ./mvnw -B -q package -DskipTests}:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
 *      -cp 'examples/target/classes:examples/target/lib/*' dev.gatun.examples.Integration2D --n 10000
 * </pre>
 *
 * <p><b>What you should see.</b> For each variant the seeds' two lines, e.g.
 * {@code Integral value is -7.117752e-17, Error is 7.117752e-17} and {@code Time spent: 1.01 sec},
 * then one table with the median time, spread, speed-up against the scalar Java loop and the error,
 * and last the C kernel's time called from Java next to the same kernel called from a C main (they
 * should be within about 2%: a downcall costs nanoseconds, the kernel a second).
 *
 * <p>The native variants are the {@code gatun-native} and {@code gatun-openmp} kernels through their
 * generated classes {@link Kernels} and {@link KernelsOmp}: one call computes the whole integral.
 * With a GPU, "CUDA fp64" and "CUDA fp32" run {@link GpuKernels#integration2d} (a grid-stride kernel and
 * a fixed-order reduction); their time includes the kernels and the device-to-host copy of the one result
 * value. fp32 uses {@code __sinf}: its error is about 1e-6, not 1e-17. Without a GPU the CUDA row says why.
 */
@Command(name = "integration2d", mixinStandardHelpOptions = true,
        description = "Time the 2D integral of sin(x+y) over [0,pi]^2 in Java and native variants.")
public final class Integration2D implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "10000", description = "Grid points per direction (default: ${DEFAULT-VALUE}).")
    int n;

    @Mixin
    ExampleOptions options;

    /** Creates the command; picocli fills the options. */
    public Integration2D() {
    }

    /**
     * Runs the example.
     *
     * @param args command-line options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Integration2D()).execute(args));
    }

    /**
     * Returns every variant of integration2d, available or with the reason it is not.
     *
     * @param gpu   the GPU side, or null without one
     * @param arena where the CUDA variants' host results live
     */
    List<Variant> variants(CudaBackend gpu, Arena arena) {
        if (n < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--n: expected >= 1, got " + n);
        }
        List<Variant> variants = new ArrayList<>();
        variants.add(Variant.of("Java scalar", 1, () -> Integration2DJava.scalar(n)));
        variants.add(Variant.of("Java Vector API", 1, () -> Integration2DJava.vectorApi(n)));
        for (int t : options.threadCounts()) {
            variants.add(Variant.of("Java parallel streams", t, () -> Integration2DJava.parallelStreams(n, t)));
        }
        variants.add(Variant.of("C", 1, () -> Kernels.integration2dC(n)));
        variants.add(Variant.of("Fortran", 1, () -> Kernels.integration2dF(n)));
        variants.add(Variant.of("C SIMD", 1, () -> Kernels.integration2dCSimd(n)));
        variants.add(Variant.of("Fortran SIMD", 1, () -> Kernels.integration2dFSimd(n)));
        for (int t : options.threadCounts()) {
            variants.add(Variant.openMp("C+OpenMP", t, () -> KernelsOmp.integration2dCOmp(n), null));
        }
        for (int t : options.threadCounts()) {
            variants.add(Variant.openMp("Fortran+OpenMP", t, () -> KernelsOmp.integration2dFOmp(n), null));
        }
        if (gpu == null) {
            variants.add(AbsentBackends.cuda());
        } else {
            DeviceArray work = gpu.keep(GpuKernels.integrationWorkspace(gpu.device()));
            DeviceArray result = gpu.keep(CudaBackend.element(work, GpuKernels.integrationBlocks()));
            DoubleArray host = DoubleArray.allocate(arena, 1);
            for (boolean fp64 : new boolean[] {true, false}) {
                variants.add(gpu.variant(fp64 ? "CUDA fp64" : "CUDA fp32", () -> {
                    GpuKernels.integration2d(n, fp64, work, gpu.stream());
                    result.copyToAsync(host, gpu.stream());
                }, () -> host.getFlat(0)));
            }
        }
        variants.add(AbsentBackends.mpi());
        return options.select(variants);
    }

    @Override
    public Integer call() throws Exception {
        List<Measurement> measured;
        try (Arena arena = Arena.ofConfined(); CudaBackend gpu = CudaBackend.open().orElse(null)) {
            List<Variant> variants = variants(gpu, arena);
            VariantTimer timer = new VariantTimer(options.warmups(), options.repetitions(), System.out);
            // The exact integral is 0, so the error is the value's magnitude.
            measured = timer.run("Integral value", variants, Math::abs);
            options.report(ResultTable.of("integration2d", "n = " + n, "Java scalar", variants, measured), System.out);
        }
        measured.stream().filter(m -> m.variant().equals("C")).findFirst().ifPresent(this::compareWithCMain);
        return 0;
    }

    /** Prints the C kernel's time from Java next to its time from a C main; skipped with the reason when gcc fails. */
    private void compareWithCMain(Measurement fromJava) {
        try {
            Measurement fromC = new Measurement("C main", 1,
                    Integration2DFromC.time(n, options.warmups(), options.repetitions()), Double.NaN, Double.NaN);
            System.out.printf(Locale.ROOT, "%nintegration2d_c, n = %d: called from Java %.4f s, from a C main %.4f s"
                            + " (medians of %d): Java / C = %.3f (target: within 2%%)%n",
                    n, fromJava.median(), fromC.median(), options.repetitions(), fromJava.median() / fromC.median());
        } catch (IOException e) {
            System.out.println("\nintegration2d_c from a C main: not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
