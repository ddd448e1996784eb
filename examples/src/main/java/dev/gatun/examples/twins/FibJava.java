// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.twins;

/**
 * The pure-Java twin of the seeds' Fortran 77 {@code FIB(A, N)}: the first n Fibonacci numbers as
 * doubles, each from the two before it.
 */
public final class FibJava {

    private FibJava() {
    }

    /**
     * Fills {@code a} with 0, 1, 1, 2, 3, 5, ... exactly as {@code FIB} does (a recurrence: no SIMD,
     * no threads can help).
     *
     * @param a the array to fill; its length is N
     */
    public static void fib(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i == 0 ? 0.0 : i == 1 ? 1.0 : a[i - 1] + a[i - 2];
        }
    }

    /**
     * The exact Fibonacci number F(k), for checking (exact in a long up to k = 92).
     *
     * @param k the index, 0 to 92
     * @return F(k)
     */
    public static long exact(int k) {
        if (k < 0 || k > 92) {
            throw new IllegalArgumentException("k: expected 0..92 (F(93) overflows a long), got " + k);
        }
        long previous = 0;
        long current = k == 0 ? 0 : 1;
        for (int i = 2; i <= k; i++) {
            long next = previous + current;
            previous = current;
            current = next;
        }
        return current;
    }
}
