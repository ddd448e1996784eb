// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.gatun.array.DoubleArray;
import dev.gatun.examples.harness.ExampleOptions;
import dev.gatun.examples.harness.Measurement;
import dev.gatun.examples.harness.ResultTable;
import dev.gatun.examples.harness.Variant;
import dev.gatun.examples.harness.VariantTimer;
import dev.gatun.examples.twins.FibJava;
import dev.gatun.kernels.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <b>fib</b>: the seeds' f2py example, Fortran 77 {@code FIB(A, N)} filling the first N Fibonacci
 * numbers, called from Java exactly as {@code f2py -c -m fib fib.f} calls it from Python.
 *
 * <p><b>What it shows.</b> A kernel this small (80 additions, tens of nanoseconds) is all call
 * overhead: the table times {@code --calls} calls per run, so you read what one call through the
 * generated binding costs, with an off-heap {@link DoubleArray} (zero copies) and with a heap
 * {@code double[]} (a critical downcall, also zero copies), against the same loop in Java, which the
 * JIT inlines. It is a recurrence, so no SIMD, OpenMP or GPU variant exists.
 *
 * <p><b>How to run.</b> {@code bin/examples fib --n 80 --calls 200000}, or after
 * {@code ./mvnw -B -q package -DskipTests}:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
 *      -cp 'examples/target/classes:examples/target/lib/*' dev.gatun.examples.Fib
 * </pre>
 *
 * <p><b>What you should see.</b> {@code F(79) is 1.440113e+16, Error is 0} for each variant, then the
 * table and the time per call: Java a few tens of nanoseconds, Fortran some nanoseconds more (the
 * downcall and the argument checks).
 */
@Command(name = "fib", mixinStandardHelpOptions = true,
        description = "Time the seeds' Fortran FIB(A, N) through the generated binding against the Java loop.")
public final class Fib implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "80", description = "Fibonacci numbers per call, 2..93 (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--calls", defaultValue = "200000", description = "Calls per timed run (default: ${DEFAULT-VALUE}).")
    int calls;

    @Mixin
    ExampleOptions options;

    /** Creates the command; picocli fills the options. */
    public Fib() {
    }

    /**
     * Runs the example.
     *
     * @param args command-line options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Fib()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (n < 2 || n > 93) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--n: expected 2..93 (F(92) is the last exact in a long), got " + n);
        }
        if (calls < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--calls: expected >= 1, got " + calls);
        }
        try (Arena arena = Arena.ofConfined()) {
            double[] heap = new double[n];
            DoubleArray offHeap = DoubleArray.allocate(arena, n);
            List<Variant> variants = new ArrayList<>();
            variants.add(Variant.of("Java scalar", 1, () -> {
                for (int c = 0; c < calls; c++) {
                    FibJava.fib(heap);
                }
            }, () -> heap[n - 1]));
            variants.add(Variant.of("Fortran (off-heap DoubleArray)", 1, () -> {
                for (int c = 0; c < calls; c++) {
                    Kernels.fib(offHeap);
                }
            }, () -> offHeap.get(n - 1)));
            variants.add(Variant.of("Fortran (heap double[], critical)", 1, () -> {
                for (int c = 0; c < calls; c++) {
                    Kernels.fib(heap);
                }
            }, () -> heap[n - 1]));
            variants = options.select(variants);

            double exact = FibJava.exact(n - 1);
            VariantTimer timer = new VariantTimer(options.warmups(), options.repetitions(), System.out);
            List<Measurement> measured = timer.run("F(" + (n - 1) + ")", variants, v -> Math.abs(v - exact));
            String problem = "n = %d, %d calls per run".formatted(n, calls);
            options.report(ResultTable.of("fib", problem, "Java scalar", variants, measured), System.out);
            for (Measurement m : measured) {
                System.out.printf(Locale.ROOT, "%-36s %8.1f ns per call%n", m.variant(), 1e9 * m.median() / calls);
            }
        }
        return 0;
    }
}
