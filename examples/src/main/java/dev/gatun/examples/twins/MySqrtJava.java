// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.twins;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pure-Java twins of the seeds' {@code my_sqrt}: {@code a[i] = sqrt(i)}.
 */
public final class MySqrtJava {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int BLOCK = 1 << 15;

    private MySqrtJava() {
    }

    /**
     * The loop as written.
     *
     * @param a receives sqrt(0), sqrt(1), ...
     */
    public static void scalar(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sqrt(i);
        }
    }

    /**
     * Blocks of the loop on a parallel stream of {@code threads} workers.
     *
     * @param a       receives sqrt(0), sqrt(1), ...
     * @param threads worker threads (>= 1)
     */
    public static void parallelStreams(double[] a, int threads) {
        int blocks = (a.length + BLOCK - 1) / BLOCK;
        Parallel.forEach(blocks, threads, b -> {
            for (int i = b * BLOCK, end = Math.min(a.length, i + BLOCK); i < end; i++) {
                a[i] = Math.sqrt(i);
            }
        });
    }

    /**
     * Lanes of indices converted to double and square-rooted together ({@link VectorOperators#SQRT}
     * is one instruction), the tail scalar.
     *
     * @param a receives sqrt(0), sqrt(1), ...
     */
    public static void vectorApi(double[] a) {
        int lanes = SPECIES.length();
        double[] first = new double[lanes];
        for (int k = 0; k < lanes; k++) {
            first[k] = k;
        }
        DoubleVector index = DoubleVector.fromArray(SPECIES, first, 0);
        int upper = SPECIES.loopBound(a.length);
        int i = 0;
        for (; i < upper; i += lanes) {
            index.add(i).lanewise(VectorOperators.SQRT).intoArray(a, i);
        }
        for (; i < a.length; i++) {
            a[i] = Math.sqrt(i);
        }
    }
}
