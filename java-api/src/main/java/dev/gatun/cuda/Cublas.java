// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.array.ElementType;
import dev.gatun.array.Order;
import dev.gatun.internal.cuda.ToolkitLibraries;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.Optional;

/**
 * A cuBLAS handle on one device ({@code libcublas.so.13}, found in the CUDA toolkit at run time) with
 * the double-precision matrix-vector and matrix-matrix products on device arrays. Both C-order and
 * Fortran-order matrices are accepted: a C-order matrix is its transpose in column-major memory, so
 * the right transpose flags are passed and nothing is copied.
 *
 * <p>A handle is used by one thread at a time (the methods synchronise on it). Calls are queued on the
 * handle's stream and return at once.
 */
public final class Cublas implements AutoCloseable {

    private static final Optional<String> UNAVAILABLE = ToolkitLibraries.load("libcublas.so.13");
    private static final int OP_N = 0;
    private static final int OP_T = 1;

    private final CudaDevice device;
    private final MemorySegment handle;
    private final MemorySegment alpha;
    private final MemorySegment beta;
    private CudaStream stream;
    private boolean closed;

    private Cublas(CudaDevice device, MemorySegment handle) {
        this.device = device;
        this.handle = handle;
        Arena arena = Arena.ofAuto();
        this.alpha = arena.allocate(ValueLayout.JAVA_DOUBLE);
        this.beta = arena.allocate(ValueLayout.JAVA_DOUBLE);
        this.stream = CudaStream.legacyDefault(device);
    }

    /** {@return why cuBLAS cannot be used, or empty when it can} */
    public static Optional<String> unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * Creates a handle on {@code device} ({@code cublasCreate}).
     *
     * @param device the device
     * @return the handle; close it when done
     * @throws IllegalStateException when cuBLAS is not installed
     */
    public static Cublas create(CudaDevice device) {
        UNAVAILABLE.ifPresent(reason -> {
            throw new IllegalStateException("cuBLAS is not available: " + reason);
        });
        device.makeCurrent();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            check(dev.gatun.internal.cuda.Cublas.Raw.cublasCreateV2(out), "cublasCreate_v2(device " + device.ordinal() + ")");
            return new Cublas(device, out.get(ValueLayout.ADDRESS, 0));
        }
    }

    /** {@return the cuBLAS version, for example 130000} */
    public synchronized int version() {
        var r = dev.gatun.internal.cuda.Cublas.cublasGetVersionV2(handle());
        check(r.result(), "cublasGetVersion_v2");
        return r.version();
    }

    /**
     * Queues later calls on {@code stream}.
     *
     * @param stream a stream of this handle's device
     */
    public synchronized void setStream(CudaStream stream) {
        device.requireSame(stream.device(), "stream");
        device.makeCurrent();
        check(dev.gatun.internal.cuda.Cublas.Raw.cublasSetStreamV2(handle(), stream.handle()), "cublasSetStream_v2");
        this.stream = stream;
    }

    /**
     * {@code y = alpha * A x + beta * y} ({@code cublasDgemv}).
     *
     * @param alpha the scale of {@code A x}
     * @param a     an m-by-n double matrix, C or Fortran order
     * @param x     n doubles
     * @param beta  the scale of the old {@code y}; 0 ignores its contents
     * @param y     m doubles, overwritten
     */
    public synchronized void dgemv(double alpha, DeviceArray a, DeviceArray x, double beta, DeviceArray y) {
        requireDoubles(a, 2, "a");
        requireDoubles(x, 1, "x");
        requireDoubles(y, 1, "y");
        long m = a.shape(0);
        long n = a.shape(1);
        requireLength(x, n, "x", "n = a.shape(1)");
        requireLength(y, m, "y", "m = a.shape(0)");
        boolean fortran = a.order() == Order.FORTRAN;
        int rows = toInt(fortran ? m : n, "a");
        int cols = toInt(fortran ? n : m, "a");
        this.alpha.set(ValueLayout.JAVA_DOUBLE, 0, alpha);
        this.beta.set(ValueLayout.JAVA_DOUBLE, 0, beta);
        device.makeCurrent();
        check(dev.gatun.internal.cuda.Cublas.Raw.cublasDgemvV2(handle(), fortran ? OP_N : OP_T, rows, cols, this.alpha,
                ptr(a), Math.max(1, rows), ptr(x), 1, this.beta, ptr(y), 1), "cublasDgemv_v2(" + m + "x" + n + ")");
    }

    /**
     * {@code C = alpha * A B + beta * C} ({@code cublasDgemm}); all three in the same order.
     *
     * @param alpha the scale of {@code A B}
     * @param a     m-by-k
     * @param b     k-by-n
     * @param beta  the scale of the old {@code C}
     * @param c     m-by-n, overwritten
     */
    public synchronized void dgemm(double alpha, DeviceArray a, DeviceArray b, double beta, DeviceArray c) {
        requireDoubles(a, 2, "a");
        requireDoubles(b, 2, "b");
        requireDoubles(c, 2, "c");
        if (b.order() != a.order() || c.order() != a.order()) {
            throw new IllegalArgumentException("b, c: expected the order of a (" + a.order() + "), got " + b.order()
                    + " and " + c.order());
        }
        int m = toInt(a.shape(0), "a");
        int k = toInt(a.shape(1), "a");
        int n = toInt(b.shape(1), "b");
        if (b.shape(0) != k) {
            throw new IllegalArgumentException("b: expected " + k + " rows (a.shape(1)), got " + b.shape(0));
        }
        if (c.shape(0) != m || c.shape(1) != n) {
            throw new IllegalArgumentException("c: expected shape [" + m + ", " + n + "], got [" + c.shape(0) + ", "
                    + c.shape(1) + "]");
        }
        this.alpha.set(ValueLayout.JAVA_DOUBLE, 0, alpha);
        this.beta.set(ValueLayout.JAVA_DOUBLE, 0, beta);
        device.makeCurrent();
        int status = a.order() == Order.FORTRAN
                ? dev.gatun.internal.cuda.Cublas.Raw.cublasDgemmV2(handle(), OP_N, OP_N, m, n, k, this.alpha,
                        ptr(a), Math.max(1, m), ptr(b), Math.max(1, k), this.beta, ptr(c), Math.max(1, m))
                // Row-major C = A B is column-major C^T = B^T A^T, and each array's memory is that transpose.
                : dev.gatun.internal.cuda.Cublas.Raw.cublasDgemmV2(handle(), OP_N, OP_N, n, m, k, this.alpha,
                        ptr(b), Math.max(1, n), ptr(a), Math.max(1, k), this.beta, ptr(c), Math.max(1, n));
        check(status, "cublasDgemm_v2(" + m + "x" + k + " times " + k + "x" + n + ")");
    }

    private MemorySegment ptr(DeviceArray array) {
        return MemorySegment.ofAddress(array.address());
    }

    private void requireDoubles(DeviceArray array, int rank, String parameter) {
        Objects.requireNonNull(array, parameter);
        device.requireSame(array.device(), parameter);
        if (array.elementType() != ElementType.DOUBLE || array.rank() != rank) {
            throw new IllegalArgumentException(parameter + ": expected a rank-" + rank + " double array, got " + array);
        }
    }

    private static void requireLength(DeviceArray array, long length, String parameter, String why) {
        if (array.size() != length) {
            throw new IllegalArgumentException(parameter + ": expected " + length + " elements (" + why + "), got "
                    + array.size());
        }
    }

    private static int toInt(long extent, String parameter) {
        if (extent > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(parameter + ": extent " + extent + " exceeds cuBLAS's 32-bit int");
        }
        return (int) extent;
    }

    private MemorySegment handle() {
        if (closed) {
            throw new IllegalStateException("cuBLAS handle on device " + device.ordinal() + " was closed; create a new one");
        }
        return handle;
    }

    /** {@return the stream later calls are queued on} */
    public synchronized CudaStream stream() {
        return stream;
    }

    static void check(int status, String call) {
        if (status != 0) {
            String name = dev.gatun.internal.cuda.Cublas.cublasGetStatusName(status).reinterpret(256).getString(0);
            String text = dev.gatun.internal.cuda.Cublas.cublasGetStatusString(status).reinterpret(256).getString(0);
            throw new CudaException(status, name, text, call);
        }
    }

    /** Destroys the handle ({@code cublasDestroy}). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            device.makeCurrent();
            check(dev.gatun.internal.cuda.Cublas.Raw.cublasDestroyV2(handle), "cublasDestroy_v2");
        }
    }
}
