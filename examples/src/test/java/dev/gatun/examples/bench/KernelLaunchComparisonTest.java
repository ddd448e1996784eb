// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.gatun.cuda.Cuda;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The parts of the launch comparison that need no GPU: reading the C program's output, and failing with the reason. */
class KernelLaunchComparisonTest {

    @Test
    void readsTheCProgramsResultLines(@TempDir Path dir) throws Exception {
        Path out = Files.writeString(dir.resolve("c.txt"), """
                RESULT c_launch_driver_us 3.912 us
                RESULT c_launch_runtime_us 4.250 us
                RESULT c_pinned_h2d_GBps 54.100 GB/s
                """);
        assertEquals(3.912, KernelLaunchComparison.cResult(out, "c_launch_driver_us").orElseThrow());
        assertEquals(4.25, KernelLaunchComparison.cResult(out, "c_launch_runtime_us").orElseThrow());
        assertTrue(KernelLaunchComparison.cResult(out, "java_launch_driver_us").isEmpty());
        var e = assertThrows(CommandLine.ParameterException.class,
                () -> KernelLaunchComparison.cResult(dir.resolve("missing.txt"), "c_launch_driver_us"));
        assertTrue(e.getMessage().startsWith("--c-output: "), e.getMessage());
        assertEquals(2.5, KernelLaunchComparison.median(new double[] {4, 1, 2, 3}));
    }

    @Test
    void withoutAGpuTheMainFailsWithTheReason() {
        assumeFalse(Cuda.isAvailable(), "a GPU is usable here: the comparison runs (bash .device/run ...KernelLaunchComparison)");
        var err = new ByteArrayOutputStream();
        int exit = new CommandLine(new KernelLaunchComparison()).setErr(new PrintWriter(err, true)).execute("--reps", "1");
        assertNotEquals(0, exit);
        assertTrue(err.toString().contains("needs a GPU: "), err.toString());
    }
}
