// SPDX-License-Identifier: Apache-2.0
package dev.gatun.omp;

/**
 * OpenMP loop schedule kinds, as used by {@code schedule(runtime)} loops ({@code omp_sched_t}).
 */
public enum Schedule {
    /** Iterations split into chunks handed out round-robin in order ({@code omp_sched_static}). */
    STATIC(1),
    /** Chunks handed to whichever thread is free ({@code omp_sched_dynamic}). */
    DYNAMIC(2),
    /** Like dynamic, with chunks shrinking as work runs out ({@code omp_sched_guided}). */
    GUIDED(3),
    /** The runtime chooses ({@code omp_sched_auto}). */
    AUTO(4);

    private final int code;

    Schedule(int code) {
        this.code = code;
    }

    /** The {@code omp_sched_t} value. */
    int code() {
        return code;
    }

    /** The kind for an {@code omp_sched_t} value, ignoring the monotonic modifier bit. */
    static Schedule of(int code) {
        int kind = code & 0x7fffffff; // omp_sched_monotonic is the top bit
        for (Schedule schedule : values()) {
            if (schedule.code == kind) {
                return schedule;
            }
        }
        throw new IllegalStateException("the OpenMP runtime reported an unknown schedule kind " + code);
    }
}
