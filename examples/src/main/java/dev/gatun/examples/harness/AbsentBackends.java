// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import java.util.List;
import java.util.Map;

import dev.gatun.load.NativeLibrary;

/**
 * The CUDA and MPI rows every example lists, with the reason they did not run: a reader of the table
 * should see that a GPU or {@code mpirun} would add a row, not wonder whether the example forgot it.
 *
 * <p>A GPU is detected the way the runtime finds it (the CUDA driver {@code libcuda.so.1}); a run
 * under {@code mpirun}/{@code srun} by the launcher's environment ({@code OMPI_COMM_WORLD_SIZE} for
 * Open MPI, {@code PMI_SIZE} for MPICH and Slurm).
 */
public final class AbsentBackends {

    private AbsentBackends() {
    }

    /**
     * Returns the CUDA and MPI variants of an example, each unavailable with the reason.
     *
     * @return the two rows, CUDA first
     */
    public static List<Variant> variants() {
        return variants(System.getenv());
    }

    /**
     * {@return the CUDA row, unavailable with the reason} For examples without a CUDA kernel, or where
     * {@link CudaBackend#unavailableReason()} says a GPU cannot be used.
     */
    public static Variant cuda() {
        return Variant.unavailable("CUDA", cudaReason());
    }

    /** {@return the MPI row, unavailable with the reason} */
    public static Variant mpi() {
        return Variant.unavailable("MPI", mpiReason(System.getenv()));
    }

    /**
     * Returns the CUDA and MPI variants as seen from the given environment (tests pass their own).
     *
     * @param environment the process environment
     * @return the two rows, CUDA first
     */
    static List<Variant> variants(Map<String, String> environment) {
        return List.of(Variant.unavailable("CUDA", cudaReason()), Variant.unavailable("MPI", mpiReason(environment)));
    }

    private static String cudaReason() {
        if (NativeLibrary.findLoadedSystem("libcuda.so.1").isEmpty() && NativeLibrary.loadSystem("libcuda.so.1").isEmpty()) {
            return "no GPU: the CUDA driver libcuda.so.1 is not installed";
        }
        return CudaBackend.unavailableReason().orElse("this example has no CUDA kernel");
    }

    static String mpiReason(Map<String, String> environment) {
        String ranks = environment.getOrDefault("OMPI_COMM_WORLD_SIZE", environment.get("PMI_SIZE"));
        if (ranks == null) {
            return "not launched under mpirun (OMPI_COMM_WORLD_SIZE and PMI_SIZE are unset)";
        }
        return "launched under mpirun with " + ranks + " ranks, but the MPI variants live in dev.gatun.examples.mpi";
    }
}
