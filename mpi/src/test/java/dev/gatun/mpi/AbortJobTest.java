// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One rank fails while the others wait for it in a barrier: the job must end on its own (no hang), with a
 * non-zero exit and a message naming the failing rank.
 */
class AbortJobTest {
    /** The others sit in MPI_Barrier forever unless the failing rank aborts the job. */
    private static final int HANG_SECONDS = 90;

    @BeforeAll
    static void mpiPresent() {
        MpiJob.assumeMpi();
    }

    @Test
    void uncaughtExceptionOnOneOfFourRanksAbortsTheJobNamingTheRank() throws Exception {
        MpiJob job = MpiJob.run(4, HANG_SECONDS, FailingProgram.class, "2", "throw");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 2 of 4 (world) failed: uncaught java.lang.IllegalStateException:"
                + " input file for rank 2 is missing in thread 'main'"), job::toString);
        assertTrue(job.output().contains("at dev.gatun.mpi.FailingProgram.main"), () -> "no stack trace: " + job);
        assertFalse(job.output().contains("passed the barrier"), job::toString);
    }

    @Test
    void exceptionOnAHelperThreadAbortsTooOnTwoRanks() throws Exception {
        MpiJob job = MpiJob.run(2, HANG_SECONDS, FailingProgram.class, "0", "worker-thread");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 0 of 2 (world) failed: uncaught java.lang.ArithmeticException:"
                + " division by zero in a helper thread in thread 'helper'"), job::toString);
    }

    @Test
    void explicitAbortNamesTheRankAndMessage() throws Exception {
        MpiJob job = MpiJob.run(2, HANG_SECONDS, FailingProgram.class, "1", "abort");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 1 of 2 (world) aborts the job: world: bad input on purpose"), job::toString);
    }
}
