// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.array.ElementType;
import dev.gatun.array.Order;
import dev.gatun.internal.cuda.Cufft;
import dev.gatun.internal.cuda.ToolkitLibraries;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A 2-D double-complex FFT plan of cuFFT ({@code libcufft.so.12}, found in the CUDA toolkit at run
 * time), for C-order {@code nx}-by-{@code ny} complex double device arrays. As in FFTW and NumPy's
 * unnormalised transforms, {@code inverse(forward(u))} is {@code nx * ny * u}.
 */
public final class CufftPlan2d implements AutoCloseable {

    private static final Optional<String> UNAVAILABLE = ToolkitLibraries.load("libcufft.so.12");
    private static final int Z2Z = 0x69;
    private static final int FORWARD = -1;
    private static final int INVERSE = 1;
    private static final List<String> RESULT_NAMES = List.of("CUFFT_SUCCESS", "CUFFT_INVALID_PLAN",
            "CUFFT_ALLOC_FAILED", "CUFFT_INVALID_TYPE", "CUFFT_INVALID_VALUE", "CUFFT_INTERNAL_ERROR",
            "CUFFT_EXEC_FAILED", "CUFFT_SETUP_FAILED", "CUFFT_INVALID_SIZE", "CUFFT_UNALIGNED_DATA");

    private final CudaDevice device;
    private final int plan;
    private final long nx;
    private final long ny;
    private boolean closed;

    private CufftPlan2d(CudaDevice device, int plan, long nx, long ny) {
        this.device = device;
        this.plan = plan;
        this.nx = nx;
        this.ny = ny;
    }

    /** {@return why cuFFT cannot be used, or empty when it can} */
    public static Optional<String> unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * Plans {@code nx}-by-{@code ny} double-complex transforms ({@code cufftPlan2d}, {@code CUFFT_Z2Z}).
     *
     * @param device the device
     * @param nx     rows (the slower dimension)
     * @param ny     columns
     * @return the plan; close it when done
     */
    public static CufftPlan2d create(CudaDevice device, int nx, int ny) {
        UNAVAILABLE.ifPresent(reason -> {
            throw new IllegalStateException("cuFFT is not available: " + reason);
        });
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("nx, ny: expected >= 1, got " + nx + ", " + ny);
        }
        device.makeCurrent();
        var r = Cufft.cufftPlan2d(nx, ny, Z2Z);
        check(r.result(), "cufftPlan2d(" + nx + ", " + ny + ", CUFFT_Z2Z)");
        return new CufftPlan2d(device, r.plan(), nx, ny);
    }

    /**
     * Queues later transforms on {@code stream}.
     *
     * @param stream a stream of the plan's device
     */
    public synchronized void setStream(CudaStream stream) {
        device.requireSame(stream.device(), "stream");
        check(Cufft.cufftSetStream(plan(), stream.handle()), "cufftSetStream");
    }

    /**
     * The forward transform (exponent sign -1); {@code in} and {@code out} may be the same array.
     *
     * @param in  nx-by-ny complex doubles, C order
     * @param out nx-by-ny complex doubles, C order
     */
    public synchronized void forward(DeviceArray in, DeviceArray out) {
        execute(in, out, FORWARD);
    }

    /**
     * The inverse transform (exponent sign +1), unnormalised.
     *
     * @param in  nx-by-ny complex doubles, C order
     * @param out nx-by-ny complex doubles, C order
     */
    public synchronized void inverse(DeviceArray in, DeviceArray out) {
        execute(in, out, INVERSE);
    }

    private void execute(DeviceArray in, DeviceArray out, int direction) {
        require(in, "in");
        require(out, "out");
        device.makeCurrent();
        check(Cufft.Raw.cufftExecZ2Z(plan(), java.lang.foreign.MemorySegment.ofAddress(in.address()),
                java.lang.foreign.MemorySegment.ofAddress(out.address()), direction),
                "cufftExecZ2Z(" + nx + "x" + ny + (direction == FORWARD ? ", forward)" : ", inverse)"));
    }

    private void require(DeviceArray a, String parameter) {
        Objects.requireNonNull(a, parameter);
        device.requireSame(a.device(), parameter);
        if (a.elementType() != ElementType.COMPLEX_DOUBLE || a.rank() != 2 || a.shape(0) != nx || a.shape(1) != ny
                || a.order() != Order.C) {
            throw new IllegalArgumentException(parameter + ": expected a C-order " + nx + "x" + ny
                    + " complex double device array, got " + a);
        }
    }

    private int plan() {
        if (closed) {
            throw new IllegalStateException("cuFFT plan was closed; create a new one");
        }
        return plan;
    }

    private static void check(int status, String call) {
        if (status != 0) {
            String name = status < RESULT_NAMES.size() ? RESULT_NAMES.get(status) : "cufftResult " + status;
            throw new CudaException(status, name, "see cufft.h", call);
        }
    }

    /** Destroys the plan ({@code cufftDestroy}). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            check(Cufft.cufftDestroy(plan), "cufftDestroy");
        }
    }
}
