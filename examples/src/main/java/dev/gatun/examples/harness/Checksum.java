// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import dev.gatun.array.DoubleArray;

/**
 * The number an array-filling example checks: the sum of its output in index order, so every
 * variant's output is reduced the same way and only the kernels' own rounding shows in the error.
 */
public final class Checksum {

    private Checksum() {
    }

    /**
     * Sums a heap array in index order.
     *
     * @param a the values
     * @return their sum
     */
    public static double of(double[] a) {
        double s = 0.0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    /**
     * Sums an off-heap array in its memory order.
     *
     * @param a the values
     * @return their sum
     */
    public static double of(DoubleArray a) {
        double s = 0.0;
        for (long k = 0, size = a.size(); k < size; k++) {
            s += a.getFlat(k);
        }
        return s;
    }
}
