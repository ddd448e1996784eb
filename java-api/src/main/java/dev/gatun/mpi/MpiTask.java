// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task for {@link MpiExecutor#submit}: a {@link Callable} that can travel to another rank. A lambda
 * becomes one when its target type is {@code MpiTask}; whatever it captures must be {@link Serializable}
 * too (numbers, strings, records of them). Every rank runs the same program, so the classes are there.
 *
 * @param <T> the result type, serializable as well
 */
@FunctionalInterface
public interface MpiTask<T> extends Callable<T>, Serializable {
}
