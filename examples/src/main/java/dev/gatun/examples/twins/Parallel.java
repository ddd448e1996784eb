// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.twins;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a parallel stream on a fork/join pool of exactly {@code threads} workers, so the "Java
 * parallel streams" rows use the thread count the table says (the common pool would use all cores).
 */
final class Parallel {

    private Parallel() {
    }

    /**
     * Calls {@code body} for every index in [0, n) from a parallel stream on {@code threads} workers.
     *
     * @param n       the number of indices
     * @param threads worker threads (>= 1)
     * @param body    the work for one index; must be safe to run concurrently for different indices
     */
    static void forEach(int n, int threads, IntConsumer body) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
        try (ForkJoinPool pool = new ForkJoinPool(threads)) {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
        }
    }
}
