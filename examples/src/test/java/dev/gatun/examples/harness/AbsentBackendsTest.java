package dev.gatun.examples.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

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
}
