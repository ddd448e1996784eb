// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real {@code mpirun} jobs of 2 and 4 ranks: every communicator operation, and errors named and survived. */
class CommunicatorJobTest {

    @BeforeAll
    static void mpiPresent() {
        MpiJob.assumeMpi();
    }

    @ParameterizedTest(name = "-np {0}")
    @ValueSource(ints = {2, 4})
    void collectivesGiveTheExpectedValuesOnEveryRank(int ranks) throws Exception {
        MpiJob job = MpiJob.run(ranks, 120, CollectivesProgram.class);
        assertEquals(0, job.exitCode(), job::toString);
        for (int r = 0; r < ranks; r++) {
            List<String> lines = job.linesOf(r);
            assertTrue(lines.contains("done"), () -> "rank did not finish: " + job);
            assertTrue(lines.getFirst().startsWith("level MULTIPLE library "), () -> "MULTIPLE not granted: " + job);
            assertTrue(lines.contains("ok received into the matrix's row 1 (zero copy)"), job::toString);
            assertTrue(lines.contains("ok broadcast 1000x1000 Fortran-order doubles"), job::toString);
            assertTrue(lines.stream().filter(l -> l.startsWith("ok ")).count() >= 20, job::toString);
        }
        assertTrue(job.linesOf(0).contains("ok reduce long[2] SUM at root (others pass null)"), job::toString);
        assertTrue(job.linesOf(0).contains("ok iprobe finds the waiting message (count in bytes)"), job::toString);
        assertTrue(job.linesOf(ranks - 1).contains("ok gather in rank order at root n-1"), job::toString);
    }

    @ParameterizedTest(name = "-np {0}")
    @ValueSource(ints = {2, 4})
    void badArgumentsAndMpiErrorsBecomeExceptions(int ranks) throws Exception {
        MpiJob job = MpiJob.run(ranks, 120, ErrorsProgram.class);
        assertEquals(0, job.exitCode(), job::toString);
        for (int r = 0; r < ranks; r++) {
            assertTrue(job.linesOf(r).contains("done"), () -> "rank did not finish: " + job);
        }
        String truncated = job.linesOf(1).stream().filter(l -> l.startsWith("ok truncated receive :: ")).findFirst().orElseThrow();
        // Open MPI's MPI_Error_string text for the code, through the shim.
        assertTrue(truncated.contains("MPI_Recv on rank 1 of " + ranks + " (world): MPI_ERR_TRUNCATE: message truncated"), truncated);
        assertFalse(job.output().contains("MPI_ABORT"), job::toString);
    }
}
