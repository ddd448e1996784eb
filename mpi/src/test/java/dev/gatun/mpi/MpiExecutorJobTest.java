// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link MpiExecutor} in real jobs: one rank (the root runs the tasks), two and four ranks (workers pull tasks). */
class MpiExecutorJobTest {

    @BeforeAll
    static void mpiPresent() {
        MpiJob.assumeMpi();
    }

    @ParameterizedTest(name = "-np {0}")
    @ValueSource(ints = {1, 2, 4})
    void tasksRunOnWorkersWithResultsFailuresAndBalancing(int ranks) throws Exception {
        MpiJob job = MpiJob.run(ranks, 120, ExecutorProgram.class);
        assertEquals(0, job.exitCode(), job::toString);
        var root = job.linesOf(0);
        assertTrue(root.contains("squared [0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196, 225, 256, 289, 324,"
                + " 361, 400]"), job::toString);
        assertTrue(root.contains("ok record task"), job::toString);
        assertTrue(root.contains("ok failure names a worker"), job::toString);
        assertTrue(root.stream().anyMatch(l -> l.startsWith("ok unserializable capture :: parameter 'task'")), job::toString);
        if (ranks >= 3) {
            assertTrue(root.contains("ok slow worker ran fewer short tasks than a static share"), job::toString);
        }
        for (int r = 0; r < ranks; r++) {
            assertTrue(job.linesOf(r).contains("done"), () -> "rank did not finish: " + job);
        }
        for (int r = 1; r < ranks; r++) {
            assertTrue(job.linesOf(r).stream().anyMatch(l -> l.startsWith("ok worker cannot submit")), job::toString);
        }
    }
}
