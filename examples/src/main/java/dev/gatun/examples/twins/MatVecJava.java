// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.twins;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pure-Java twins of {@code np.dot(A, x)}: y = A x for an m-by-n matrix stored row-major in a
 * {@code double[]} (row i at {@code a[i * n]}), the way a Java programmer would store it.
 */
public final class MatVecJava {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private MatVecJava() {
    }

    /**
     * One dot product per row, in order.
     *
     * @param a row-major m-by-n matrix
     * @param x n values
     * @param y receives m values
     * @param m rows
     * @param n columns
     */
    public static void scalar(double[] a, double[] x, double[] y, int m, int n) {
        for (int i = 0; i < m; i++) {
            y[i] = row(a, x, i, n);
        }
    }

    /**
     * Rows on a parallel stream of {@code threads} workers (each row is independent).
     *
     * @param a       row-major m-by-n matrix
     * @param x       n values
     * @param y       receives m values
     * @param m       rows
     * @param n       columns
     * @param threads worker threads (>= 1)
     */
    public static void parallelStreams(double[] a, double[] x, double[] y, int m, int n, int threads) {
        Parallel.forEach(m, threads, i -> y[i] = row(a, x, i, n));
    }

    /**
     * Each row's dot product over lanes with fused multiply-adds, lanes summed at the end of the row.
     *
     * @param a row-major m-by-n matrix
     * @param x n values
     * @param y receives m values
     * @param m rows
     * @param n columns
     */
    public static void vectorApi(double[] a, double[] x, double[] y, int m, int n) {
        int upper = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++) {
            int base = i * n;
            DoubleVector acc = DoubleVector.zero(SPECIES);
            int j = 0;
            for (; j < upper; j += SPECIES.length()) {
                acc = DoubleVector.fromArray(SPECIES, a, base + j).fma(DoubleVector.fromArray(SPECIES, x, j), acc);
            }
            double sum = acc.reduceLanes(VectorOperators.ADD);
            for (; j < n; j++) {
                sum += a[base + j] * x[j];
            }
            y[i] = sum;
        }
    }

    private static double row(double[] a, double[] x, int i, int n) {
        double sum = 0.0;
        int base = i * n;
        for (int j = 0; j < n; j++) {
            sum += a[base + j] * x[j];
        }
        return sum;
    }
}
