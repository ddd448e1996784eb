package dev.gatun.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.gatun.examples.harness.ExampleOptions;
import dev.gatun.examples.harness.Measurement;
import dev.gatun.examples.harness.ResultTable;
import dev.gatun.examples.harness.Variant;
import dev.gatun.examples.harness.VariantTimer;
import dev.gatun.examples.twins.Integration2DJava;
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
 * then one table with the median time, spread, speed-up against the scalar Java loop and the error.
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
        return options.select(variants);
    }

    @Override
    public Integer call() throws Exception {
        List<Variant> variants = variants();
        VariantTimer timer = new VariantTimer(options.warmups(), options.repetitions(), System.out);
        // The exact integral is 0, so the error is the value's magnitude.
        List<Measurement> measured = timer.run("Integral value", variants, Math::abs);
        options.report(ResultTable.of("integration2d", "n = " + n, "Java scalar", variants, measured), System.out);
        return 0;
    }
}
