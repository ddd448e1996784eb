// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.twins;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pure-Java twins of Cython's {@code cos_doubles}: {@code out[i] = cos(in[i])}.
 */
public final class CosDoublesJava {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    // Blocks of this many elements per parallel task: small enough to balance, big enough to amortise.
    private static final int BLOCK = 1 << 14;

    private CosDoublesJava() {
    }

    /**
     * The loop as written.
     *
     * @param in  the angles
     * @param out receives the cosines; at least as long as {@code in}
     */
    public static void scalar(double[] in, double[] out) {
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.cos(in[i]);
        }
    }

    /**
     * Blocks of the loop on a parallel stream of {@code threads} workers.
     *
     * @param in      the angles
     * @param out     receives the cosines
     * @param threads worker threads (>= 1)
     */
    public static void parallelStreams(double[] in, double[] out, int threads) {
        int blocks = (in.length + BLOCK - 1) / BLOCK;
        Parallel.forEach(blocks, threads, b -> {
            for (int i = b * BLOCK, end = Math.min(in.length, i + BLOCK); i < end; i++) {
                out[i] = Math.cos(in[i]);
            }
        });
    }

    /**
     * The Vector API's vectorised cosine ({@link VectorOperators#COS}) over lanes, the tail scalar.
     *
     * @param in  the angles
     * @param out receives the cosines
     */
    public static void vectorApi(double[] in, double[] out) {
        int upper = SPECIES.loopBound(in.length);
        int i = 0;
        for (; i < upper; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, in, i).lanewise(VectorOperators.COS).intoArray(out, i);
        }
        for (; i < in.length; i++) {
            out[i] = Math.cos(in[i]);
        }
    }
}
