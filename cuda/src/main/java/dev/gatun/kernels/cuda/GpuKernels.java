// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels.cuda;

import dev.gatun.array.ElementType;
import dev.gatun.array.Order;
import dev.gatun.cuda.CudaDevice;
import dev.gatun.cuda.CudaException;
import dev.gatun.cuda.CudaStream;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.load.NativeLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * The CUDA seed kernels of {@code libcuda_kernels.so} on {@link DeviceArray}s: integration2d (fp64 and
 * fp32) and its element-wise fp64 sinpi, my_sqrt, a hand-written matvec, the explicit heat step and the spectral heat decay.
 *
 * <p>The generated {@link CudaKernels} binds the launchers of {@code gatun_cuda.h} with raw device
 * pointers (the generator cannot map device pointers to {@code DeviceArray} yet); this class is the thin
 * checked layer over it: element types, extents and devices are checked before a launch, and a failed
 * launch becomes a {@link CudaException} named by the CUDA runtime. Every call is queued on
 * {@code stream} and returns at once.
 */
public final class GpuKernels {

    private static final MethodHandle ERROR_NAME;
    private static final MethodHandle ERROR_STRING;

    static {
        // The launchers link libcudart.so.13: load it from the toolkit first if the loader path lacks it.
        for (String dir : new String[] {System.getenv("CUDA_HOME"), "/usr/local/cuda"}) {
            if (dir != null && NativeLibrary.findLoadedSystem("libcudart.so.13").isEmpty()
                    && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(dir, "lib64", "libcudart.so.13"))) {
                NativeLibrary.load(java.nio.file.Path.of(dir, "lib64", "libcudart.so.13"));
            }
        }
        NativeLibrary cudart = NativeLibrary.requireSystem("libcudart.so.13");
        FunctionDescriptor text = FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
        ERROR_NAME = cudart.downcall("cudaGetErrorName", text);
        ERROR_STRING = cudart.downcall("cudaGetErrorString", text);
    }

    private GpuKernels() {
    }

    /** {@return how many doubles the integration2d workspace needs} */
    public static int integrationBlocks() {
        return CudaKernels.gatunIntegration2dBlocks();
    }

    /**
     * Allocates the workspace and result that {@link #integration2d} needs.
     *
     * @param device the device
     * @return a double array of {@link #integrationBlocks()} + 1 elements (partials, then the result)
     */
    public static DeviceArray integrationWorkspace(CudaDevice device) {
        return DeviceArray.allocate(device, ElementType.DOUBLE, Order.C, integrationBlocks() + 1L);
    }

    /**
     * Queues the midpoint integral of sin(x + y) over [0, pi]^2 on an n-by-n grid; the value lands in the
     * last element of {@code workspace}.
     *
     * @param n         grid points per dimension
     * @param fp64      true: double precision; false: float with {@code __sinf} (|error| <= 1e-5 for n <= 10000)
     * @param workspace from {@link #integrationWorkspace(CudaDevice)}
     * @param stream    a stream of the workspace's device
     */
    public static void integration2d(int n, boolean fp64, DeviceArray workspace, CudaStream stream) {
        if (n < 1) {
            throw new IllegalArgumentException("n: expected >= 1, got " + n);
        }
        require(workspace, ElementType.DOUBLE, integrationBlocks() + 1L, "workspace", stream);
        MemorySegment partials = ptr(workspace);
        MemorySegment result = MemorySegment.ofAddress(workspace.address() + 8L * integrationBlocks());
        stream.device().makeCurrent();
        check(fp64 ? CudaKernels.Raw.gatunIntegration2dF64(n, partials, result, stream.handle())
                : CudaKernels.Raw.gatunIntegration2dF32(n, partials, result, stream.handle()),
                "gatun_integration2d_" + (fp64 ? "f64" : "f32") + "(n = " + n + ")");
    }

    /**
     * Queues {@code y[i] = sin(pi x[i])}, element-wise, with the fp64 sine of {@link #integration2d}: within one
     * ulp of the exact value for every finite double, NaN for NaN and infinities, and IEEE 754's signed zeros
     * at integers.
     *
     * @param x      doubles
     * @param y      doubles of the same size as {@code x} (may be {@code x} itself)
     * @param stream a stream of their device
     */
    public static void sinpi(DeviceArray x, DeviceArray y, CudaStream stream) {
        Objects.requireNonNull(x, "x");
        require(x, ElementType.DOUBLE, x.size(), "x", stream);
        require(y, ElementType.DOUBLE, x.size(), "y", stream);
        stream.device().makeCurrent();
        check(CudaKernels.Raw.gatunSinpi(ptr(x), ptr(y), toInt(x.size(), "x"), stream.handle()), "gatun_sinpi");
    }

    /**
     * Queues {@code a[i] = sqrt(i)}.
     *
     * @param a      doubles
     * @param stream a stream of a's device
     */
    public static void mySqrt(DeviceArray a, CudaStream stream) {
        require(a, ElementType.DOUBLE, a.size(), "a", stream);
        stream.device().makeCurrent();
        check(CudaKernels.Raw.gatunMySqrt(ptr(a), toInt(a.size(), "a"), stream.handle()), "gatun_my_sqrt");
    }

    /**
     * Queues {@code y = A x} with the hand-written warp-per-row kernel.
     *
     * @param a      m-by-n doubles, C order
     * @param x      n doubles
     * @param y      m doubles
     * @param stream a stream of their device
     */
    public static void matvec(DeviceArray a, DeviceArray x, DeviceArray y, CudaStream stream) {
        Objects.requireNonNull(a, "a");
        if (a.rank() != 2 || a.order() != Order.C) {
            throw new IllegalArgumentException("a: expected a C-order matrix, got " + a);
        }
        int m = toInt(a.shape(0), "a");
        int n = toInt(a.shape(1), "a");
        require(a, ElementType.DOUBLE, (long) m * n, "a", stream);
        require(x, ElementType.DOUBLE, n, "x", stream);
        require(y, ElementType.DOUBLE, m, "y", stream);
        stream.device().makeCurrent();
        check(CudaKernels.Raw.gatunMatvecRowmajor(ptr(a), ptr(x), ptr(y), m, n, stream.handle()), "gatun_matvec_rowmajor");
    }

    /**
     * Queues one explicit heat step {@code u -> v}, the arithmetic of native {@code heat_c}.
     *
     * @param u        nx-by-ny doubles, C order
     * @param v        the next state, same shape, another array
     * @param cx       alpha dt / dx^2
     * @param cy       alpha dt / dy^2
     * @param periodic true: wrap around; false: boundary values stay
     * @param stream   a stream of their device
     */
    public static void heatStep(DeviceArray u, DeviceArray v, double cx, double cy, boolean periodic, CudaStream stream) {
        Objects.requireNonNull(u, "u");
        if (u.rank() != 2 || u.order() != Order.C) {
            throw new IllegalArgumentException("u: expected a C-order nx-by-ny grid, got " + u);
        }
        require(v, ElementType.DOUBLE, u.size(), "v", stream);
        require(u, ElementType.DOUBLE, u.size(), "u", stream);
        if (u.address() == v.address()) {
            throw new IllegalArgumentException("v: must not be u; the step reads u's neighbours while writing v");
        }
        stream.device().makeCurrent();
        check(CudaKernels.Raw.gatunHeatStep(ptr(u), ptr(v), toInt(u.shape(0), "u"), toInt(u.shape(1), "u"), cx, cy,
                periodic ? 1 : 0, stream.handle()), "gatun_heat_step");
    }

    /**
     * Queues the spectral decay of Fourier coefficients by {@code exp(-4 pi^2 (m^2/nx^2 + n^2/ny^2) alpha t) * scale}.
     *
     * @param coefficients nx-by-ny complex doubles in FFT order, C order
     * @param alphaT       alpha times t (grid spacing 1)
     * @param scale        extra factor, e.g. {@code 1 / (nx * ny)} to normalise the inverse FFT
     * @param stream       a stream of their device
     */
    public static void heatSpectralDecay(DeviceArray coefficients, double alphaT, double scale, CudaStream stream) {
        Objects.requireNonNull(coefficients, "coefficients");
        if (coefficients.rank() != 2 || coefficients.order() != Order.C) {
            throw new IllegalArgumentException("coefficients: expected a C-order nx-by-ny array, got " + coefficients);
        }
        require(coefficients, ElementType.COMPLEX_DOUBLE, coefficients.size(), "coefficients", stream);
        stream.device().makeCurrent();
        check(CudaKernels.Raw.gatunHeatSpectralDecay(ptr(coefficients), toInt(coefficients.shape(0), "coefficients"),
                toInt(coefficients.shape(1), "coefficients"), alphaT, scale, stream.handle()), "gatun_heat_spectral_decay");
    }

    /**
     * Queues an empty kernel through the CUDA runtime's {@code <<<>>>}, for launch-overhead measurements.
     *
     * @param stream the stream
     */
    public static void empty(CudaStream stream) {
        stream.device().makeCurrent();
        check(CudaKernels.Raw.gatunEmpty(stream.handle()), "gatun_empty");
    }

    private static void require(DeviceArray a, ElementType type, long size, String parameter, CudaStream stream) {
        Objects.requireNonNull(a, parameter);
        Objects.requireNonNull(stream, "stream");
        if (a.elementType() != type || a.size() != size) {
            throw new IllegalArgumentException(parameter + ": expected " + size + " " + type.displayName()
                    + " elements, got " + a);
        }
        if (a.device() != stream.device()) {
            throw new IllegalArgumentException(parameter + ": on device " + a.device().ordinal() + " but the stream is on device "
                    + stream.device().ordinal() + "; copy it to that device first");
        }
    }

    private static MemorySegment ptr(DeviceArray a) {
        return MemorySegment.ofAddress(a.address());
    }

    private static int toInt(long n, String parameter) {
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(parameter + ": " + n + " elements exceed the launchers' int extents");
        }
        return (int) n;
    }

    private static void check(int status, String call) {
        if (status != 0) {
            throw new CudaException(status, text(ERROR_NAME, status), text(ERROR_STRING, status), call);
        }
    }

    private static String text(MethodHandle handle, int status) {
        try {
            return ((MemorySegment) handle.invokeExact(status)).reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "cudaError_t " + status;
        }
    }
}
