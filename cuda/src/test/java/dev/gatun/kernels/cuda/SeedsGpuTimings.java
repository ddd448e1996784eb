// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels.cuda;

import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.ElementType;
import dev.gatun.array.Order;
import dev.gatun.cuda.Cublas;
import dev.gatun.cuda.Cuda;
import dev.gatun.cuda.CudaCompiler;
import dev.gatun.cuda.CudaDevice;
import dev.gatun.cuda.CudaKernel;
import dev.gatun.cuda.CudaModule;
import dev.gatun.cuda.CudaStream;
import dev.gatun.cuda.CufftPlan2d;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.cuda.KernelArguments;
import dev.gatun.cuda.LaunchConfig;

import java.lang.foreign.Arena;
import java.util.Random;

/**
 * Gatun's side of the seeds' GPU tools comparison ({@code cuda/scripts/seeds_gpu_tools.py} is the CuPy and
 * numba.cuda side): the same workloads and sizes, timed the same way (device-resident data, a warm-up, the best
 * of several runs, each ended by a synchronisation), one line each as {@code RESULT <name> <value> <unit>}.
 * <ul>
 *   <li>{@code cp.dot(matrix, vector)}, n = 2048 and 3000: cuBLAS dgemv on a C-order matrix, as CuPy calls it;</li>
 *   <li>the explicit heat equation, 4096^2, 100 steps: {@link GpuKernels#heatStep} on two grids;</li>
 *   <li>the spectral heat solution, 4096^2: cuFFT forward, {@link GpuKernels#heatSpectralDecay}, inverse;</li>
 *   <li>integration2d, n = 1e4 and 1e5: {@link GpuKernels#integration2d} in fp64;</li>
 *   <li>an empty kernel compiled with NVRTC and launched through the driver API, as {@code cp.RawKernel} is.</li>
 * </ul>
 * Run on a GPU machine: {@code bash .device/run dev.gatun.kernels.cuda.SeedsGpuTimings}.
 */
public final class SeedsGpuTimings {

    private SeedsGpuTimings() {
    }

    /**
     * Prints the measurements.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        if (!Cuda.isAvailable()) {
            System.out.println("no CUDA: " + Cuda.unavailableReason().orElse(""));
            return;
        }
        CudaDevice gpu = Cuda.device(0);
        System.out.println(gpu.describe());
        try (CudaStream stream = CudaStream.create(gpu)) {
            matvec(gpu, stream);
            heatExplicit(gpu, stream, 4096, 100);
            heatSpectral(gpu, stream, 4096, 1e-3);
            integration(gpu, stream);
            emptyLaunch(gpu, stream, 100_000);
        }
    }

    private static void result(String name, double value, String unit) {
        System.out.printf("RESULT %s %.3f %s%n", name, value, unit);
    }

    /** Best seconds per call over {@code reps} runs of {@code inner} calls, each run ended by a synchronisation. */
    private static double bestOf(CudaStream stream, int reps, int inner, Runnable call) {
        call.run();
        stream.synchronize();
        double best = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < inner; i++) {
                call.run();
            }
            stream.synchronize();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9 / inner);
        }
        return best;
    }

    private static void matvec(CudaDevice gpu, CudaStream stream) {
        Random random = new Random(1);
        for (int n : new int[] {2048, 3000}) {
            try (Arena arena = Arena.ofConfined(); Cublas blas = Cublas.create(gpu)) {
                DoubleArray hostA = DoubleArray.allocate(arena, n, n);
                DoubleArray hostX = DoubleArray.allocate(arena, n);
                for (long k = 0; k < (long) n * n; k++) {
                    hostA.setFlat(k, random.nextDouble());
                }
                for (int k = 0; k < n; k++) {
                    hostX.set(k, random.nextDouble());
                }
                try (DeviceArray a = DeviceArray.copyOf(gpu, hostA); DeviceArray x = DeviceArray.copyOf(gpu, hostX);
                     DeviceArray y = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, n)) {
                    blas.setStream(stream);
                    double t = bestOf(stream, 7, 200, () -> blas.dgemv(1.0, a, x, 0.0, y));
                    result("dot_n" + n + "_us", t * 1e6, "us");
                }
            }
        }
    }

    private static void heatExplicit(CudaDevice gpu, CudaStream stream, int n, int steps) {
        double h = 1.0 / (n - 1);
        double dt = 0.4 / (2 / (h * h));
        double c = dt / (h * h);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray host = DoubleArray.allocate(arena, n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    host.set(i, j, Math.sin(Math.PI * i * h) * Math.sin(Math.PI * j * h));
                }
            }
            try (DeviceArray u0 = DeviceArray.copyOf(gpu, host);
                 DeviceArray u = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, n, n);
                 DeviceArray v = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, n, n)) {
                Runnable run = () -> {
                    u.copyFrom(u0, stream); // each run starts from the initial state, as CuPy's u0.copy()
                    for (int s = 0; s < steps; s += 2) {
                        GpuKernels.heatStep(u, v, c, c, false, stream);
                        GpuKernels.heatStep(v, u, c, c, false, stream);
                    }
                };
                double t = bestOf(stream, 3, 1, run);
                u.copyTo(host);
                System.out.printf("heat explicit n=%d steps=%d: u(centre) = %.9e%n", n, steps, host.get(n / 2, n / 2));
                result("heat_explicit_n" + n + "_s" + steps + "_ms", t * 1e3, "ms");
            }
        }
    }

    private static void heatSpectral(CudaDevice gpu, CudaStream stream, int n, double alphaT) {
        Random random = new Random(2);
        try (Arena arena = Arena.ofConfined(); CufftPlan2d plan = CufftPlan2d.create(gpu, n, n)) {
            ComplexDoubleArray host = ComplexDoubleArray.allocate(arena, n, n);
            for (long k = 0; k < (long) n * n; k++) {
                host.segment().setAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE, 2 * k, random.nextDouble());
            }
            plan.setStream(stream);
            try (DeviceArray u0 = DeviceArray.copyOf(gpu, host);
                 DeviceArray a = DeviceArray.allocate(gpu, ElementType.COMPLEX_DOUBLE, Order.C, n, n);
                 DeviceArray u = DeviceArray.allocate(gpu, ElementType.COMPLEX_DOUBLE, Order.C, n, n)) {
                double t = bestOf(stream, 5, 5, () -> {
                    plan.forward(u0, a);
                    GpuKernels.heatSpectralDecay(a, alphaT, 1.0 / ((double) n * n), stream);
                    plan.inverse(a, u);
                });
                result("heat_spectral_n" + n + "_ms", t * 1e3, "ms");
            }
        }
    }

    private static void integration(CudaDevice gpu, CudaStream stream) {
        try (DeviceArray work = GpuKernels.integrationWorkspace(gpu); Arena arena = Arena.ofConfined()) {
            DoubleArray host = DoubleArray.allocate(arena, work.size());
            for (int n : new int[] {10_000, 100_000}) {
                double t = bestOf(stream, 3, 1, () -> GpuKernels.integration2d(n, true, work, stream));
                work.copyTo(host);
                System.out.printf("integration2d Gatun fp64 n=%d: %.6e%n", n, host.get(work.size() - 1));
                result("integration2d_gatun_n" + n + "_ms", t * 1e3, "ms");
            }
        }
    }

    private static void emptyLaunch(CudaDevice gpu, CudaStream stream, int n) {
        try (CudaModule module = CudaCompiler.compile(gpu, "extern \"C\" __global__ void empty() {}", "empty.cu")) {
            CudaKernel empty = module.kernel("empty");
            LaunchConfig one = LaunchConfig.of(1, 1, stream);
            KernelArguments none = KernelArguments.allocate(0);
            double t = bestOf(stream, 5, n, () -> empty.launch(one, none));
            result("empty_rawkernel_us", t * 1e6, "us");
        }
    }
}
