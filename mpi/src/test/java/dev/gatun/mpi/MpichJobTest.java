// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same MPI programs on MPICH: the shim's C source compiled with MPICH's {@code mpicc.mpich} against MPICH's
 * {@code mpi.h} (what the plugin does on a machine whose {@code mpicc} is MPICH's), the jobs started with
 * {@code mpiexec.mpich}. MPICH's handles are ints where Open MPI's are pointers; Java never sees either. Skips
 * where MPICH is not installed (bin/setup-system installs it beside Open MPI, which stays the default mpicc).
 */
class MpichJobTest {

    @TempDir
    static Path shim;

    @BeforeAll
    static void buildTheShimWithMpich() throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(MpiJob.onPath("mpicc.mpich") && MpiJob.onPath("mpiexec.mpich"),
                "MPICH is not installed (mpicc.mpich, mpiexec.mpich): apt-get install mpich");
        Process cc = new ProcessBuilder("mpicc.mpich", "-O2", "-fPIC", "-shared", "-Isrc/main/c", "-o",
                shim.resolve("libgatun_mpi.so").toString(), "src/main/c/gatun_mpi.c").inheritIO().start();
        assertTrue(cc.waitFor(120, TimeUnit.SECONDS), "mpicc.mpich did not finish");
        assertEquals(0, cc.exitValue(), "mpicc.mpich failed");
        assertTrue(Files.isRegularFile(shim.resolve("libgatun_mpi.so")));
    }

    @ParameterizedTest(name = "-n {0}")
    @ValueSource(ints = {2, 4})
    void collectivesOnMpich(int ranks) throws Exception {
        MpiJob job = MpiJob.runMpich(shim, ranks, 120, CollectivesProgram.class);
        assertEquals(0, job.exitCode(), job::toString);
        for (int r = 0; r < ranks; r++) {
            assertTrue(job.linesOf(r).contains("done"), () -> "rank did not finish: " + job);
            assertTrue(job.linesOf(r).getFirst().contains("library MPICH"), () -> "not MPICH: " + job);
        }
        assertTrue(job.linesOf(0).contains("ok iprobe finds the waiting message (count in bytes)"), job::toString);
    }

    @Test
    void nonblockingPersistentAndCartesianOnMpich() throws Exception {
        MpiJob job = MpiJob.runMpich(shim, 2, 120, NonblockingProgram.class);
        assertEquals(0, job.exitCode(), job::toString);
        for (int r = 0; r < 2; r++) {
            assertTrue(job.linesOf(r).contains("done"), () -> "rank did not finish: " + job);
            assertTrue(job.linesOf(r).contains("ok three persistent rounds"), job::toString);
        }
        assertTrue(job.linesOf(0).contains("ok status of a receive from PROC_NULL"), job::toString);
    }

    @Test
    void mpichErrorsBecomeExceptionsWithMpichsText() throws Exception {
        MpiJob job = MpiJob.runMpich(shim, 2, 120, ErrorsProgram.class);
        assertEquals(0, job.exitCode(), job::toString);
        String truncated = job.linesOf(1).stream().filter(l -> l.startsWith("ok truncated receive :: ")).findFirst().orElseThrow();
        // MPICH's own MPI_Error_string text ("Message truncated"), named by its error class.
        assertTrue(truncated.contains("MPI_Recv on rank 1 of 2 (world): MPI_ERR_TRUNCATE") && truncated.contains("truncated"),
                truncated);
    }

    @Test
    void executorOnMpich() throws Exception {
        MpiJob job = MpiJob.runMpich(shim, 4, 120, ExecutorProgram.class);
        assertEquals(0, job.exitCode(), job::toString);
        assertTrue(job.linesOf(0).contains("ok record task"), job::toString);
        for (int r = 0; r < 4; r++) {
            assertTrue(job.linesOf(r).contains("done"), () -> "rank did not finish: " + job);
        }
    }

    @Test
    void anUncaughtExceptionAbortsAnMpichJobNamingTheRank() throws Exception {
        MpiJob job = MpiJob.runMpich(shim, 4, 90, FailingProgram.class, "2", "throw");
        assertFalse(job.timedOut(), job::toString);
        assertNotEquals(0, job.exitCode(), job::toString);
        assertTrue(job.output().contains("gatun.mpi: rank 2 of 4 (world) failed: uncaught java.lang.IllegalStateException"),
                job::toString);
    }
}
