// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Runs each variant a few times untimed, and for at least half a second (so the JIT has compiled
 * the Java twins and the native libraries are loaded and paged in), then {@code repetitions} times timed, and prints the seeds'
 * two lines for it: {@code Integral value is ..., Error is ...} and {@code Time spent: ... sec}.
 */
public final class VariantTimer {

    // A 10 ms kernel needs dozens of calls before C2 has compiled a Java twin; a 1 s kernel needs one.
    private static final long MIN_WARMUP_NANOS = 500_000_000L;

    private final int warmups;
    private final int repetitions;
    private final PrintStream out;

    /**
     * Creates a timer.
     *
     * @param warmups     untimed runs before timing (>= 0)
     * @param repetitions timed runs (>= 1); the table reports their median
     * @param out         where the seeds' lines go
     */
    public VariantTimer(int warmups, int repetitions, PrintStream out) {
        if (warmups < 0) {
            throw new IllegalArgumentException("warmups: expected >= 0, got " + warmups);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions: expected >= 1, got " + repetitions);
        }
        this.warmups = warmups;
        this.repetitions = repetitions;
        this.out = out;
    }

    /**
     * Times every available variant.
     *
     * @param resultLabel what the result is, for the seeds' line (e.g. {@code "Integral value"})
     * @param variants    the variants, available or not
     * @param errorOf     the error of a result (distance from the exact or reference value)
     * @return one measurement per available variant, in order
     */
    public List<Measurement> run(String resultLabel, List<Variant> variants, DoubleUnaryOperator errorOf) {
        List<Measurement> measurements = new ArrayList<>();
        for (Variant variant : variants) {
            if (!variant.isAvailable()) {
                continue;
            }
            out.println("== " + variant.label());
            ProgressBar bar = new ProgressBar(System.err, variant.label(), warmups + repetitions);
            double result = Double.NaN;
            long warmupStart = System.nanoTime();
            for (int w = 0; w < warmups || (warmups > 0 && System.nanoTime() - warmupStart < MIN_WARMUP_NANOS); w++) {
                result = variant.body().getAsDouble();
                bar.update(Math.min(w + 1, warmups));
            }
            double[] seconds = new double[repetitions];
            for (int r = 0; r < repetitions; r++) {
                long t0 = System.nanoTime();
                result = variant.body().getAsDouble();
                seconds[r] = (System.nanoTime() - t0) / 1e9;
                bar.update(warmups + r + 1);
            }
            bar.finish();
            result = variant.resultAfter(result);
            Measurement m = new Measurement(variant.name(), variant.threads(), seconds, result,
                    errorOf.applyAsDouble(result));
            out.printf(Locale.ROOT, "%s is %e, Error is %e%n", resultLabel, m.result(), m.error());
            out.printf(Locale.ROOT, "Time spent: %s sec%n", m.median() >= 0.01 ? "%.2f".formatted(m.median()) : "%.3g".formatted(m.median()));
            measurements.add(m);
        }
        return measurements;
    }
}
