package dev.gatun.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.gatun.examples.harness.AbsentBackends;
import dev.gatun.examples.harness.ExampleOptions;
import dev.gatun.examples.harness.Measurement;
import dev.gatun.examples.harness.ResultTable;
import dev.gatun.examples.harness.Variant;
import dev.gatun.examples.harness.VariantTimer;
import dev.gatun.examples.twins.Integration2DJava;
import dev.gatun.kernels.Kernels;
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

    /** Returns every variant of integration2d, available or with the reason it is not. */
    List<Variant> variants() {
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
        variants.addAll(AbsentBackends.variants());
        return options.select(variants);
    }

    @Override
    public Integer call() throws Exception {
        List<Variant> variants = variants();
        VariantTimer timer = new VariantTimer(options.warmups(), options.repetitions(), System.out);
        // The exact integral is 0, so the error is the value's magnitude.
        List<Measurement> measured = timer.run("Integral value", variants, Math::abs);
        options.report(ResultTable.of("integration2d", "n = " + n, "Java scalar", variants, measured), System.out);
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
