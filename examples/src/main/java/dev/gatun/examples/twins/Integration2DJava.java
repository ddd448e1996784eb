// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.twins;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pure-Java twins of the integration2d kernel: the midpoint sum of sin(x + y) over [0, pi]^2 on
 * an n-by-n grid, times h^2 (the exact integral is 0). The seeds' Python loop, written three ways a
 * Java developer would: a scalar loop, parallel streams, and the Vector API with its SIMD sine.
 */
public final class Integration2DJava {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private Integration2DJava() {
    }

    /**
     * The seeds' loop as written: row by row, column by column, one {@link Math#sin} per point.
     * With n = 10000 it gives the course's {@code -7.117752e-17}.
     *
     * @param n grid points per direction (>= 1)
     * @return the midpoint approximation of the integral
     */
    public static double scalar(int n) {
        checkN(n);
        double h = Math.PI / n;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double x = h * (i + 0.5);
            for (int j = 0; j < n; j++) {
                double y = h * (j + 0.5);
                sum += Math.sin(x + y);
            }
        }
        return h * h * sum;
    }

    /**
     * Rows summed in parallel on a fork/join pool of {@code threads} workers; each row is the scalar
     * inner loop, so only the order of the final row additions differs from {@link #scalar(int)}.
     *
     * @param n       grid points per direction (>= 1)
     * @param threads worker threads (>= 1)
     * @return the midpoint approximation of the integral
     */
    public static double parallelStreams(int n, int threads) {
        checkN(n);
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        double h = Math.PI / n;
        try (ForkJoinPool pool = new ForkJoinPool(threads)) {
            double sum = pool.submit(() -> IntStream.range(0, n).parallel().mapToDouble(i -> row(i, n, h)).sum()).join();
            return h * h * sum;
        }
    }

    /**
     * The inner loop over lanes of the preferred vector species (8 doubles with AVX-512), with the
     * Vector API's vectorised sine ({@link VectorOperators#SIN}); the tail is scalar.
     *
     * @param n grid points per direction (>= 1)
     * @return the midpoint approximation of the integral
     */
    public static double vectorApi(int n) {
        checkN(n);
        double h = Math.PI / n;
        int lanes = SPECIES.length();
        // (j + 0.5) * h for lane k of the first chunk; advanced by lanes * h per chunk.
        double[] offsets = new double[lanes];
        for (int k = 0; k < lanes; k++) {
            offsets[k] = k;
        }
        DoubleVector laneIndex = DoubleVector.fromArray(SPECIES, offsets, 0);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += vectorRow(h * (i + 0.5), n, h, laneIndex);
        }
        return h * h * sum;
    }

    // One row per call, so C2 compiles this small method early and fully (an OSR-compiled loop
    // nest inside vectorApi stays slower for many calls).
    private static double vectorRow(double x, int n, double h, DoubleVector laneIndex) {
        int lanes = SPECIES.length();
        int upper = SPECIES.loopBound(n);
        DoubleVector acc = DoubleVector.zero(SPECIES);
        for (int j = 0; j < upper; j += lanes) {
            DoubleVector y = laneIndex.add(j + 0.5).mul(h);
            acc = acc.add(y.add(x).lanewise(VectorOperators.SIN));
        }
        double tail = 0.0;
        for (int j = upper; j < n; j++) {
            tail += Math.sin(x + h * (j + 0.5));
        }
        return acc.reduceLanes(VectorOperators.ADD) + tail;
    }

    private static double row(int i, int n, double h) {
        double x = h * (i + 0.5);
        double sum = 0.0;
        for (int j = 0; j < n; j++) {
            sum += Math.sin(x + h * (j + 0.5));
        }
        return sum;
    }

    private static void checkN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: expected >= 1, got " + n);
        }
    }
}
