// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rank that leaves through {@code System.exit} while the others wait for it must end the job within seconds,
 * with a message naming the rank; ranks that all leave cleanly must still end cleanly. Each job has a time limit
 * far above what the scenario needs; a job that reaches it has hung.
 */
class ExitJobTest {
    private static final int HANG_SECONDS = 90;
    // A short exit barrier keeps the exit(0) scenario fast; the default is 10 s.
    private static final List<String> SHORT_EXIT_WAIT = List.of("-D" + Mpi.EXIT_TIMEOUT_PROPERTY + "=3");

    @BeforeAll
    static void mpiPresent() {
        MpiJob.assumeMpi();
    }

    @Test
    void exitWithAFailureStatusAbortsTheJobAtOnce() throws Exception {
        MpiJob job = MpiJob.run(4, HANG_SECONDS, ExitProgram.class, "2", "exit3");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 2 of 4 (world) called System.exit(3) at"
                + " dev.gatun.mpi.ExitProgram.main(ExitProgram.java:"), job::toString);
        assertFalse(job.output().contains("passed the barrier"), job::toString);
    }

    @Test
    void exitZeroWhileTheOthersWaitAbortsAfterTheExitTimeout() throws Exception {
        long start = System.nanoTime();
        MpiJob job = MpiJob.runWith(SHORT_EXIT_WAIT, 2, HANG_SECONDS, ExitProgram.class, "1", "exit0");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 1 of 2 (world) called System.exit(0) at"
                + " dev.gatun.mpi.ExitProgram.main(ExitProgram.java:"), job::toString);
        assertTrue(job.output().contains("the other ranks did not reach their exit or MPI_Finalize within 3 s"
                + " (gatun.mpi.exitTimeout)"), job::toString);
        assertTrue((System.nanoTime() - start) / 1e9 < HANG_SECONDS / 2.0, job::toString);
    }

    @Test
    void exitFromAnotherThreadWhileMainWaitsInABarrierAbortsAtOnce() throws Exception {
        MpiJob job = MpiJob.run(2, HANG_SECONDS, ExitProgram.class, "0", "exit-in-barrier");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 0 of 2 (world) is exiting (System.exit(0) at"), job::toString);
        assertTrue(job.output().contains("while 1 of its threads is inside a blocking MPI call"), job::toString);
    }

    @Test
    void exitWithAFailureAfterEveryRankFinalizedEndsTheJobNamingTheRank() throws Exception {
        MpiJob job = MpiJob.run(2, HANG_SECONDS, ExitProgram.class, "1", "finalize-then-exit");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.linesOf(0).contains("finalized") && job.linesOf(1).contains("finalized"), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 1 of 2 (world) called System.exit(4) at"
                + " dev.gatun.mpi.ExitProgram.main(ExitProgram.java:"), job::toString);
        assertTrue(job.output().contains("after MPI_Finalize"), job::toString);
    }

    @Test
    void everyRankCallingExitZeroEndsCleanlyEvenWhenOneArrivesLate() throws Exception {
        MpiJob job = MpiJob.runWith(SHORT_EXIT_WAIT, 2, HANG_SECONDS, ExitProgram.class, "1", "all-exit0");
        assertEquals(0, job.exitCode(), job::toString);
        assertFalse(job.output().contains("gatun.mpi:"), job::toString);
        assertTrue(job.linesOf(0).contains("exits") && job.linesOf(1).contains("exits"), job::toString);
    }

    @Test
    void aRankThatFinalizesEarlyAndExitsZeroWaitsForTheOthers() throws Exception {
        MpiJob job = MpiJob.runWith(SHORT_EXIT_WAIT, 2, HANG_SECONDS, ExitProgram.class, "0", "early-finalize");
        assertEquals(0, job.exitCode(), job::toString);
        assertFalse(job.output().contains("gatun.mpi:"), job::toString);
        assertTrue(job.linesOf(1).contains("ends main"), job::toString);
    }

    @Test
    void aRankWhoseMainReturnsWhileTheOthersWaitInABarrierEndsTheJobNamingIt() throws Exception {
        long start = System.nanoTime();
        MpiJob job = MpiJob.run(3, HANG_SECONDS, ExitProgram.class, "1", "return-in-barrier");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("waits in MPI_Barrier (rank "), job::toString);
        assertTrue(job.output().contains("which needs rank 1 of world, but that rank left the job (its main returned)"),
                job::toString);
        assertFalse(job.output().contains("passed the barrier"), job::toString);
        assertTrue((System.nanoTime() - start) / 1e9 < 30, job::toString);
    }

    @Test
    void aRankWhoseMainReturnsWhileAnotherWaitsToReceiveFromItEndsTheJob() throws Exception {
        MpiJob job = MpiJob.run(2, HANG_SECONDS, ExitProgram.class, "0", "return-in-recv");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 1 of 2 (world) waits in MPI_Recv"), job::toString);
        assertTrue(job.output().contains("which needs rank 0 of world, but that rank left the job (its main returned)"),
                job::toString);
    }

    @Test
    void aRankThatFinalizesWhileTheOthersWaitForItsBroadcastEndsTheJob() throws Exception {
        MpiJob job = MpiJob.run(2, HANG_SECONDS, ExitProgram.class, "0", "finalize-in-bcast");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 1 of 2 (world) waits in MPI_Bcast"), job::toString);
        assertTrue(job.output().contains("that rank left the job (it called Mpi.finalizeMpi())"), job::toString);
    }

    @Test
    void aRankThatReturnsEarlyWhileTheOthersGoOnWithoutItEndsCleanly() throws Exception {
        MpiJob job = MpiJob.run(3, HANG_SECONDS, ExitProgram.class, "0", "return-early");
        assertEquals(0, job.exitCode(), job::toString);
        assertFalse(job.output().contains("gatun.mpi:"), job::toString);
        assertTrue(job.linesOf(1).contains("ends main") && job.linesOf(2).contains("ends main"), job::toString);
    }

    @Test
    void aFunneledRankWhoseMainReturnsStillTellsTheOthers() throws Exception {
        MpiJob job = MpiJob.run(2, HANG_SECONDS, ExitProgram.class, "0", "return-funneled");
        assertFalse(job.timedOut(), job::toString);
        assertTrue(job.linesOf(0).contains("returns from main at FUNNELED"), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 1 of 2 (world) waits in MPI_Barrier"), job::toString);
        assertTrue(job.output().contains("which needs rank 0 of world, but that rank left the job (its main returned)"),
                job::toString);
    }
}
