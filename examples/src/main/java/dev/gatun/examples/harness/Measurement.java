// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import java.util.Arrays;
import java.util.Objects;

/**
 * The timed runs of one variant: the median is what the table reports, because one slow run (a GC,
 * another process on a 2-core machine) should not move the headline number.
 *
 * @param variant   the variant's name
 * @param threads   threads it used
 * @param seconds   wall-clock seconds of each timed run, in the order they ran
 * @param result    the result of the last run (the value of the integral, a checksum, ...)
 * @param error     how far the result is from the exact or reference value
 */
public record Measurement(String variant, int threads, double[] seconds, double result, double error) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if there are no timed runs
     */
    public Measurement {
        Objects.requireNonNull(variant, "variant");
        if (seconds.length == 0) {
            throw new IllegalArgumentException("seconds: expected at least one timed run");
        }
        seconds = seconds.clone();
    }

    /** Returns the variant's name with its thread count when it used more than one thread. */
    public String label() {
        return threads > 1 ? "%s (%d threads)".formatted(variant, threads) : variant;
    }

    /** Returns the median of the timed runs, in seconds. */
    public double median() {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Returns the spread of the timed runs, (max - min) / median, as a fraction (0.05 is 5%). */
    public double spread() {
        double min = Arrays.stream(seconds).min().orElseThrow();
        double max = Arrays.stream(seconds).max().orElseThrow();
        double median = median();
        return median > 0 ? (max - min) / median : 0;
    }

    /** Returns a copy of the timed runs, in seconds. */
    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    /** Compares by value, including the timed runs. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Measurement m && variant.equals(m.variant) && threads == m.threads
                && Arrays.equals(seconds, m.seconds) && Double.compare(result, m.result) == 0
                && Double.compare(error, m.error) == 0;
    }

    /** Hashes by value, including the timed runs. */
    @Override
    public int hashCode() {
        return Objects.hash(variant, threads, Arrays.hashCode(seconds), result, error);
    }

    /** Returns a short human-readable summary. */
    @Override
    public String toString() {
        return "%s: median %.4g s over %d runs (spread %.1f%%), result %.6e, error %.3e"
                .formatted(variant, median(), seconds.length, 100 * spread(), result, error);
    }
}
