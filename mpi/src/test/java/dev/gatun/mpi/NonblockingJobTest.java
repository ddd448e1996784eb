// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real {@code mpirun} jobs of 2 and 4 ranks: nonblocking and persistent requests, sendReceive, Cartesian grids. */
class NonblockingJobTest {

    @BeforeAll
    static void mpiPresent() {
        MpiJob.assumeMpi();
    }

    @ParameterizedTest(name = "-np {0}")
    @ValueSource(ints = {2, 4})
    void nonblockingOperationsGiveTheExpectedValuesOnEveryRank(int ranks) throws Exception {
        MpiJob job = MpiJob.run(ranks, 120, NonblockingProgram.class);
        assertEquals(0, job.exitCode(), job::toString);
        for (int r = 0; r < ranks; r++) {
            var lines = job.linesOf(r);
            assertTrue(lines.contains("done"), () -> "rank did not finish: " + job);
            assertTrue(lines.contains("ok irecv wrote into the matrix's row 2 in place"), job::toString);
            assertTrue(lines.contains("ok MpiArena closes once the request completed"), job::toString);
            assertTrue(lines.contains("ok three persistent rounds"), job::toString);
            assertTrue(lines.contains("ok periodic shift east"), job::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ok truncated irecv :: ") && l.contains("MPI_ERR_TRUNCATE")),
                    job::toString);
            assertTrue(lines.stream().filter(l -> l.startsWith("ok ")).count() >= 30, job::toString);
        }
        assertTrue(job.linesOf(0).contains("ok sendReceive from PROC_NULL leaves the halo"), job::toString);
        assertTrue(job.linesOf(ranks - 1).contains("ok sendReceive shifted the row down"), job::toString);
    }
}
