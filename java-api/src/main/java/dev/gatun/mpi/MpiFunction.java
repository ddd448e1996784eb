// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.io.Serializable;

/**
 * A function for {@link MpiExecutor#map}, applied to each item on some worker rank. A lambda or method
 * reference becomes one when its target type is {@code MpiFunction}; captured values, items and results must be
 * {@link Serializable}.
 *
 * @param <A> the item type
 * @param <R> the result type
 */
@FunctionalInterface
public interface MpiFunction<A, R> extends Serializable {
    /**
     * Computes the result for one item.
     *
     * @param item the item
     * @return its result
     * @throws Exception any failure; {@link MpiExecutor#map}'s future then fails with it
     */
    R apply(A item) throws Exception;
}
