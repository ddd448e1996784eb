// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import dev.gatun.omp.OpenMP;

/**
 * One way of computing an example's result: a Java loop, a C kernel, a Fortran kernel with OpenMP...
 *
 * <p>A variant either runs (its {@link #body()} computes the example once) or is listed with the
 * reason it cannot run on this machine, so the table always shows every variant a user might look
 * for. Kernels that fill an array return nothing useful from the body; their {@link #readResult()}
 * reduces the array to one checked number after the timed runs, so the reduction is not timed.
 *
 * @param name              what the table shows, e.g. {@code "C+OpenMP"}
 * @param threads           how many threads it uses (1 for serial code)
 * @param body              computes the result once; called for warm-up and timed runs
 * @param readResult        reads the result after the last run, or null when the body's return is the result
 * @param unavailableReason empty when it can run; otherwise why not (no GPU, not under mpirun, ...)
 */
public record Variant(String name, int threads, DoubleSupplier body, DoubleSupplier readResult,
                      Optional<String> unavailableReason) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a component other than {@code readResult} is null
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Variant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(unavailableReason, "unavailableReason");
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected >= 1, got " + threads);
        }
    }

    /**
     * A variant that can run here and whose body returns the result (an integral, a dot product).
     *
     * @param name    the table's label
     * @param threads threads it uses
     * @param body    computes the result once
     * @return the variant
     */
    public static Variant of(String name, int threads, DoubleSupplier body) {
        return new Variant(name, threads, body, null, Optional.empty());
    }

    /**
     * A variant that fills an array: {@code kernel} is timed, {@code readResult} (a checksum of the
     * output) runs once after the timed runs.
     *
     * @param name       the table's label
     * @param threads    threads it uses
     * @param kernel     runs the kernel once
     * @param readResult reduces the output to the number the table checks
     * @return the variant
     */
    public static Variant of(String name, int threads, Runnable kernel, DoubleSupplier readResult) {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(readResult, "readResult");
        return new Variant(name, threads, () -> {
            kernel.run();
            return Double.NaN;
        }, readResult, Optional.empty());
    }

    /**
     * A native OpenMP variant: runs {@code kernel} with {@code threads} OpenMP threads on the calling
     * thread (then restores the previous count), or is unavailable when no OpenMP runtime loads.
     *
     * @param name       the table's label, e.g. {@code "C+OpenMP"}
     * @param threads    OpenMP threads per parallel region
     * @param kernel     calls the OpenMP kernel once
     * @param readResult reduces the output to the checked number, or null when the kernel returns it
     * @return the variant
     */
    public static Variant openMp(String name, int threads, DoubleSupplier kernel, DoubleSupplier readResult) {
        if (!OpenMP.isAvailable()) {
            return unavailable(name, "no OpenMP runtime (libgomp) could be loaded");
        }
        Supplier<Double> boxed = kernel::getAsDouble;
        return new Variant(name, threads, () -> OpenMP.withThreads(threads, boxed), readResult, Optional.empty());
    }

    /**
     * A variant that cannot run on this machine, listed with the reason.
     *
     * @param name   the table's label
     * @param reason why it cannot run, e.g. {@code "no CUDA driver (libcuda.so.1 not found)"}
     * @return the variant
     */
    public static Variant unavailable(String name, String reason) {
        return new Variant(name, 1, () -> {
            throw new IllegalStateException(name + " is unavailable: " + reason);
        }, null, Optional.of(reason));
    }

    /** Returns the name with the thread count when the variant uses more than one thread. */
    public String label() {
        return threads > 1 ? "%s (%d threads)".formatted(name, threads) : name;
    }

    /** Returns true when the variant can run on this machine. */
    public boolean isAvailable() {
        return unavailableReason.isEmpty();
    }

    /**
     * Returns the result of the last run.
     *
     * @param lastReturn what the body returned on its last run
     * @return {@code lastReturn}, or what {@link #readResult()} reads when the variant has one
     */
    public double resultAfter(double lastReturn) {
        return readResult == null ? lastReturn : readResult.getAsDouble();
    }
}
