// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels.cuda;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.ElementType;
import dev.gatun.array.Order;
import dev.gatun.cuda.Cublas;
import dev.gatun.cuda.Cuda;
import dev.gatun.cuda.CudaCompiler;
import dev.gatun.cuda.CudaDevice;
import dev.gatun.cuda.CudaEvent;
import dev.gatun.cuda.CudaKernel;
import dev.gatun.cuda.CudaModule;
import dev.gatun.cuda.CudaStream;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.cuda.KernelArguments;
import dev.gatun.cuda.LaunchConfig;
import dev.gatun.cuda.PinnedArena;

/**
 * The CUDA numbers of issue 6, one line each as {@code RESULT <name> <value> <unit>} (read by
 * {@code cuda/scripts/gpu-check.sh}): empty-kernel launch overhead from Java, integration2d fp64 at
 * n = 100000, cuBLAS dgemv against a device-to-device copy, and pinned host-device copies.
 *
 * <p>Run on a GPU machine: {@code bash .device/run dev.gatun.kernels.cuda.CudaTimings}. Each figure is the
 * best of several repetitions after a warm-up.
 */
public final class CudaTimings {

    private CudaTimings() {
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
        try (CudaStream stream = CudaStream.create(gpu); CudaEvent a = CudaEvent.create(gpu); CudaEvent b = CudaEvent.create(gpu)) {
            launchOverhead(gpu, stream);
            integration(gpu, stream, a, b);
            dgemv(gpu, stream, a, b);
            pinnedCopies(gpu, stream, a, b);
        }
    }

    private static void result(String name, double value, String unit) {
        System.out.printf("RESULT %s %.3f %s%n", name, value, unit);
    }

    /** Launches back to back, then one synchronisation: the host-side cost per launch, as the C program measures. */
    private static void launchOverhead(CudaDevice gpu, CudaStream stream) {
        int n = 100_000;
        try (CudaModule module = CudaCompiler.compile(gpu, "extern \"C\" __global__ void empty() {}", "empty.cu")) {
            CudaKernel empty = module.kernel("empty");
            LaunchConfig one = LaunchConfig.of(1, 1, stream);
            KernelArguments none = KernelArguments.allocate(0);
            double best = Double.MAX_VALUE;
            double bestRuntime = Double.MAX_VALUE;
            for (int rep = 0; rep < 7; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    empty.launch(one, none);
                }
                stream.synchronize();
                best = Math.min(best, (System.nanoTime() - t0) / 1e3 / n);
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    GpuKernels.empty(stream);
                }
                stream.synchronize();
                bestRuntime = Math.min(bestRuntime, (System.nanoTime() - t0) / 1e3 / n);
            }
            result("java_launch_driver_us", best, "us");
            result("java_launch_runtime_us", bestRuntime, "us");
        }
    }

    private static void integration(CudaDevice gpu, CudaStream stream, CudaEvent a, CudaEvent b) {
        try (DeviceArray work = GpuKernels.integrationWorkspace(gpu); PinnedArena pinned = PinnedArena.open(gpu)) {
            DoubleArray host = DoubleArray.allocate(pinned, work.size());
            for (boolean fp64 : new boolean[] {true, false}) {
                double best = Double.MAX_VALUE;
                for (int rep = 0; rep < 4; rep++) {
                    a.record(stream);
                    GpuKernels.integration2d(100_000, fp64, work, stream);
                    b.record(stream);
                    b.synchronize();
                    best = Math.min(best, CudaEvent.elapsedMillis(a, b));
                }
                work.copyTo(host);
                System.out.printf("integration2d %s n = 100000: %.6e%n", fp64 ? "fp64" : "fp32", host.get(work.size() - 1));
                result("integration2d_" + (fp64 ? "fp64" : "fp32") + "_n100000_ms", best, "ms");
            }
        }
    }

    private static void dgemv(CudaDevice gpu, CudaStream stream, CudaEvent a, CudaEvent b) {
        int m = 16384, n = 16384;
        double bytes = 8.0 * m * n;
        try (Cublas blas = Cublas.create(gpu);
             DeviceArray mat = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.FORTRAN, m, n);
             DeviceArray copy = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.FORTRAN, m, n);
             DeviceArray x = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, n);
             DeviceArray y = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, m);
             DeviceArray yc = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, m)) {
            mat.zero();
            x.zero();
            blas.setStream(stream);
            double gemv = Double.MAX_VALUE, hand = Double.MAX_VALUE, d2d = Double.MAX_VALUE;
            try (DeviceArray matC = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, m, n)) {
                matC.zero();
                for (int rep = 0; rep < 6; rep++) {
                    a.record(stream);
                    blas.dgemv(1.0, mat, x, 0.0, y);
                    b.record(stream);
                    b.synchronize();
                    gemv = Math.min(gemv, CudaEvent.elapsedMillis(a, b));
                    a.record(stream);
                    GpuKernels.matvec(matC, x, yc, stream);
                    b.record(stream);
                    b.synchronize();
                    hand = Math.min(hand, CudaEvent.elapsedMillis(a, b));
                    a.record(stream);
                    copy.copyFrom(mat, stream);
                    b.record(stream);
                    b.synchronize();
                    d2d = Math.min(d2d, CudaEvent.elapsedMillis(a, b));
                }
            }
            result("dgemv_cublas_GBps", bytes / gemv / 1e6, "GB/s");
            result("matvec_handwritten_GBps", bytes / hand / 1e6, "GB/s");
            // A copy reads and writes each byte: count both, as bandwidth figures do.
            result("d2d_copy_GBps", 2 * bytes / d2d / 1e6, "GB/s");
            result("dgemv_fraction_of_copy", (bytes / gemv) / (2 * bytes / d2d), "");
        }
    }

    private static void pinnedCopies(CudaDevice gpu, CudaStream stream, CudaEvent a, CudaEvent b) {
        long n = 32L << 20; // 256 MiB of doubles
        try (PinnedArena pinned = PinnedArena.open(gpu);
             DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, n)) {
            DoubleArray host = DoubleArray.allocate(pinned, n);
            double h2d = Double.MAX_VALUE, d2h = Double.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                a.record(stream);
                d.copyFromAsync(host, stream);
                b.record(stream);
                b.synchronize();
                h2d = Math.min(h2d, CudaEvent.elapsedMillis(a, b));
                a.record(stream);
                d.copyToAsync(host, stream);
                b.record(stream);
                b.synchronize();
                d2h = Math.min(d2h, CudaEvent.elapsedMillis(a, b));
            }
            result("java_pinned_h2d_GBps", 8.0 * n / h2d / 1e6, "GB/s");
            result("java_pinned_d2h_GBps", 8.0 * n / d2h / 1e6, "GB/s");
        }
    }
}
