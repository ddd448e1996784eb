// SPDX-License-Identifier: Apache-2.0
package dev.gatun.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's sums over a real recording. The events are committed here as the CUDA layer commits them
 * (its own test, CudaRuntimeTest, records real launches on the GPU machine); this one runs everywhere.
 */
class ProfileReportTest {

    @TempDir
    Path dir;

    @Test
    void gpuWorkIsSummedPerKernelAndCopyDirectionByGpuTime() throws Exception {
        Path jfr = dir.resolve("gpu.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(GpuWorkEvent.NAME).withThreshold(Duration.ZERO);
            recording.enable(NativeCallEvent.NAME).withThreshold(Duration.ZERO);
            recording.start();
            for (int i = 0; i < 3; i++) {
                commit("kernel", "scale", 0, 0, 2_000_000);
            }
            commit("copy HtoD", "copy HtoD", 0, 8_000, 1_000);
            commit("copy HtoD", "copy HtoD", 0, 8_000, 3_000);
            commit("kernel", "scale", 1, 0, 500); // another device: its own row
            NativeCallEvent call = new NativeCallEvent();
            call.begin();
            call.set("libcuda.so.1", "cuLaunchKernel", 0);
            call.commit();
            recording.stop();
            recording.dump(jfr);
        }
        ProfileReport report = ProfileReport.read(jfr);
        assertEquals(3, report.gpuRows().size(), report::format);
        ProfileReport.GpuRow scale = report.gpuRows().get(0);
        assertEquals(new ProfileReport.GpuRow(0, "kernel", "scale", 3, 6_000_000, 0), scale);
        assertEquals(new ProfileReport.GpuRow(0, "copy HtoD", "copy HtoD", 2, 4_000, 16_000), report.gpuRows().get(1));
        assertEquals(new ProfileReport.GpuRow(1, "kernel", "scale", 1, 500, 0), report.gpuRows().get(2));
        assertEquals(1, report.rows().size(), report::format);
        String table = report.format();
        assertTrue(table.contains("\n6 GPU operations in 0.00600"), table); // 6.0045 ms, however it rounds
        assertTrue(table.lines().anyMatch(l -> l.trim().startsWith("3 ") && l.contains("0.006000")
                && l.endsWith("0:kernel:scale")), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("16000") && l.endsWith("0:copy HtoD:copy HtoD")), table);
    }

    private static void commit(String kind, String name, int device, long bytes, long gpuNanos) {
        GpuWorkEvent event = new GpuWorkEvent();
        event.begin();
        event.set(kind, name, device, bytes, gpuNanos);
        event.commit();
    }
}
