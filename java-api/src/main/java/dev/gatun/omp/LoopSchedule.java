// SPDX-License-Identifier: Apache-2.0
package dev.gatun.omp;

import java.util.Objects;

/**
 * The {@code run-sched-var} setting: the schedule that {@code schedule(runtime)} loops use.
 *
 * @param kind the schedule kind
 * @param chunk the chunk size; 0 or less means the kind's default
 */
public record LoopSchedule(Schedule kind, int chunk) {
    /** Requires a kind. */
    public LoopSchedule {
        Objects.requireNonNull(kind, "kind");
    }
}
