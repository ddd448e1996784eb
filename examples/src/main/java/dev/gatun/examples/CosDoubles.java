// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.gatun.array.DoubleArray;
import dev.gatun.examples.harness.AbsentBackends;
import dev.gatun.examples.harness.Checksum;
import dev.gatun.examples.harness.ExampleOptions;
import dev.gatun.examples.harness.Measurement;
import dev.gatun.examples.harness.ResultTable;
import dev.gatun.examples.harness.Variant;
import dev.gatun.examples.harness.VariantTimer;
import dev.gatun.examples.twins.CosDoublesJava;
import dev.gatun.kernels.Kernels;
import dev.gatun.kernels.omp.KernelsOmp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <b>cos_doubles</b>: Cython's interfacing example, {@code out[i] = cos(in[i])} over a large array,
 * the C function called on arrays that Java owns.
 *
 * <p><b>What it shows.</b> Passing arrays costs nothing: an off-heap {@link DoubleArray} and a heap
 * {@code double[]} (critical downcall) reach C without a copy, so the C loop runs at C speed. A
 * scalar libm cosine is no faster than Java's; the vectorised ones (libmvec in C, the Vector API in
 * Java) are several times faster, and OpenMP adds the cores.
 *
 * <p><b>How to run.</b> {@code bin/examples cos_doubles --n 10000000 --threads 1,2}, or after
 * {@code ./mvnw -B -q package -DskipTests}:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
 *      -cp 'examples/target/classes:examples/target/lib/*' dev.gatun.examples.CosDoubles
 * </pre>
 *
 * <p><b>What you should see.</b> {@code sum(out) is ..., Error is ...} per variant (the error is the
 * checksum's distance from one computed with {@link StrictMath#cos}: last-bit differences between
 * cosine implementations, about 1e-9 for 10^7 values), then the table.
 */
@Command(name = "cos_doubles", mixinStandardHelpOptions = true,
        description = "Time out[i] = cos(in[i]) in Java and through the C kernels on zero-copy arrays.")
public final class CosDoubles implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "5000000", description = "Array length (default: ${DEFAULT-VALUE}).")
    int n;

    @Mixin
    ExampleOptions options;

    /** Creates the command; picocli fills the options. */
    public CosDoubles() {
    }

    /**
     * Runs the example.
     *
     * @param args command-line options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new CosDoubles()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (n < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--n: expected >= 1, got " + n);
        }
        double[] in = new double[n];
        double reference = 0.0;
        for (int i = 0; i < n; i++) {
            in[i] = 100.0 * i / n; // 0 to 100 radians: the cosines see real range reduction
            reference += StrictMath.cos(in[i]);
        }
        double[] out = new double[n];
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray inOff = DoubleArray.of(arena, dev.gatun.array.Order.C, in, n);
            DoubleArray outOff = DoubleArray.allocate(arena, n);
            List<Variant> variants = new ArrayList<>();
            variants.add(Variant.of("Java scalar", 1, () -> CosDoublesJava.scalar(in, out), () -> Checksum.of(out)));
            variants.add(Variant.of("Java Vector API", 1, () -> CosDoublesJava.vectorApi(in, out), () -> Checksum.of(out)));
            for (int t : options.threadCounts()) {
                variants.add(Variant.of("Java parallel streams", t, () -> CosDoublesJava.parallelStreams(in, out, t), () -> Checksum.of(out)));
            }
            variants.add(Variant.of("C", 1, () -> Kernels.cosDoubles(inOff, outOff), () -> Checksum.of(outOff)));
            variants.add(Variant.of("C (heap double[], critical)", 1, () -> Kernels.cosDoubles(in, out), () -> Checksum.of(out)));
            variants.add(Variant.of("C SIMD", 1, () -> Kernels.cosDoublesSimd(inOff, outOff), () -> Checksum.of(outOff)));
            for (int t : options.threadCounts()) {
                variants.add(Variant.openMp("C+OpenMP", t, () -> {
                    KernelsOmp.cosDoublesOmp(inOff, outOff);
                    return 0.0;
                }, () -> Checksum.of(outOff)));
            }
            variants.addAll(AbsentBackends.variants());
            variants = options.select(variants);

            double exact = reference;
            VariantTimer timer = new VariantTimer(options.warmups(), options.repetitions(), System.out);
            List<Measurement> measured = timer.run("sum(out)", variants, v -> Math.abs(v - exact));
            options.report(ResultTable.of("cos_doubles", "n = " + n, "Java scalar", variants, measured), System.out);
        }
        return 0;
    }
}
