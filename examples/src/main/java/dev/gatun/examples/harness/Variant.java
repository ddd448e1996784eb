package dev.gatun.examples.harness;

import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * One way of computing an example's result: a Java loop, a C kernel, a Fortran kernel with OpenMP...
 *
 * <p>A variant either runs (its {@link #body()} returns the result the example checks, such as the
 * value of the integral) or is listed with the reason it cannot run on this machine, so the table
 * always shows every variant a user might look for.
 *
 * @param name              what the table shows, e.g. {@code "C+OpenMP (4 threads)"}
 * @param threads           how many threads it uses (1 for serial code)
 * @param body              computes the result once; called for warm-up and timed runs
 * @param unavailableReason empty when it can run; otherwise why not (no GPU, not under mpirun, ...)
 */
public record Variant(String name, int threads, DoubleSupplier body, Optional<String> unavailableReason) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a component is null
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
     * A variant that can run here.
     *
     * @param name    the table's label
     * @param threads threads it uses
     * @param body    computes the result once
     * @return the variant
     */
    public static Variant of(String name, int threads, DoubleSupplier body) {
        return new Variant(name, threads, body, Optional.empty());
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
        }, Optional.of(reason));
    }

    /** Returns the name with the thread count when the variant uses more than one thread. */
    public String label() {
        return threads > 1 ? "%s (%d threads)".formatted(name, threads) : name;
    }

    /** Returns true when the variant can run on this machine. */
    public boolean isAvailable() {
        return unavailableReason.isEmpty();
    }
}
