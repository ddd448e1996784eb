// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import java.util.Map;

import dev.gatun.cuda.Cuda;
import org.junit.jupiter.api.Test;

class AbsentBackendsTest {

    @Test
    void mpiRowSaysWhetherTheProcessRunsUnderMpirun() {
        assertTrue(AbsentBackends.mpiReason(Map.of()).startsWith("not launched under mpirun"));
        assertTrue(AbsentBackends.mpiReason(Map.of("OMPI_COMM_WORLD_SIZE", "4")).contains("4 ranks"));
        assertTrue(AbsentBackends.mpiReason(Map.of("PMI_SIZE", "2")).contains("2 ranks"));
    }

    @Test
    void bothRowsAreUnavailableWithAReason() {
        List<Variant> rows = AbsentBackends.variants(Map.of());
        assertEquals(List.of("CUDA", "MPI"), rows.stream().map(Variant::name).toList());
        rows.forEach(v -> assertTrue(!v.isAvailable() && !v.unavailableReason().orElseThrow().isBlank()));
    }

    @Test
    void withoutAGpuTheCudaRowSaysSoAndNoBackendOpens() {
        assumeFalse(Cuda.isAvailable(), "a GPU is usable here: the CUDA rows run instead (ExampleMainsTest checks them)");
        Variant cuda = AbsentBackends.cuda();
        assertFalse(cuda.isAvailable());
        String reason = cuda.unavailableReason().orElseThrow();
        assertTrue(reason.startsWith("no GPU: "), reason);
        assertTrue(CudaBackend.unavailableReason().orElseThrow().startsWith("no GPU: "));
        assertTrue(CudaBackend.open().isEmpty(), "no CUDA backend without a GPU");
    }
}
