// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.ElementType;
import dev.gatun.array.Order;
import dev.gatun.cuda.Cublas;
import dev.gatun.cuda.Cuda;
import dev.gatun.cuda.CudaDevice;
import dev.gatun.cuda.CudaStream;
import dev.gatun.cuda.CufftPlan2d;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.kernels.Kernels;
import java.lang.foreign.Arena;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each CUDA kernel against gatun-native's CPU kernels (or a plain loop) on random inputs. Skips without
 * a CUDA device; prints the device so a failure log says where it ran.
 */
class GpuKernelsTest {

    private static CudaDevice gpu;
    private static CudaStream stream;
    private static Arena arena;

    @BeforeAll
    static void device() {
        assumeTrue(Cuda.isAvailable(), () -> "no CUDA: " + Cuda.unavailableReason().orElse(""));
        gpu = Cuda.device(0);
        System.out.println("GpuKernelsTest on " + gpu.describe());
        stream = CudaStream.create(gpu);
        arena = Arena.ofShared();
    }

    @AfterAll
    static void close() {
        if (stream != null) {
            stream.close();
            arena.close();
        }
    }

    private static double integrate(int n, boolean fp64) {
        try (DeviceArray work = GpuKernels.integrationWorkspace(gpu)) {
            GpuKernels.integration2d(n, fp64, work, stream);
            DoubleArray host = DoubleArray.allocate(arena, work.size());
            work.copyToAsync(host, stream);
            stream.synchronize();
            return host.get(work.size() - 1);
        }
    }

    @Test
    void integration2dFp64AgreesWithTheCpuLoop() {
        for (int n : new int[] {1, 7, 1000, 10000}) {
            double cpu = Kernels.integration2dC(n);
            double gpuValue = integrate(n, true);
            // The exact integral is 0 and both sums are rounding noise of about n^2 * 1e-16 * h^2.
            assertEquals(cpu, gpuValue, 1e-12, "n = " + n + ": CPU " + cpu + ", GPU " + gpuValue);
        }
        // n = 3: a value the CPU sums in a different order, to the same rounding.
        assertEquals(Kernels.integration2dC(3), integrate(3, true), 1e-14);
    }

    @Test
    void integration2dFp32IsWithinItsStatedError() {
        for (int n : new int[] {10, 1000, 10000}) {
            double error = Math.abs(integrate(n, false) - integrate(n, true));
            System.out.printf("integration2d fp32 (__sinf) n = %d: |fp32 - fp64| = %.3e%n", n, error);
            assertTrue(error <= 1e-5, "n = " + n + ": |fp32 - fp64| = " + error + " exceeds the stated 1e-5");
        }
    }

    @Test
    void sinpiIsWithinOneUlpOfTheExactValue() {
        var rnd = new SplittableRandom(11);
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            xs.add(rnd.nextDouble(-3, 3));
        }
        for (int k = -12; k <= 12; k++) { // quadrant boundaries, on them and a little off them
            double b = k / 4.0;
            xs.add(b);
            xs.add(Math.nextUp(b));
            xs.add(Math.nextDown(b));
            for (int e = 4; e <= 40; e += 4) {
                xs.add(b + Math.scalb(rnd.nextDouble(-1, 1), -e));
            }
        }
        for (int m = 1; m < 2 * 1000; m += 7) { // arguments of the integral, i + j + 1 = m, n = 1000
            xs.add(m * (1.0 / 1000));
        }
        xs.addAll(List.of(1e-300, Double.MIN_VALUE, -Double.MIN_NORMAL, 0x1p49 - 0.75, 0x1p49 + 0.5, -0x1p51 - 0.5, 0x1p51 + 1.5,
                0x1p52 + 1, 1e300, -1e300, 12345.125, -98765.375));
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = sinpiOnGpu(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            BigDecimal exact = exactSinpi(x[i]);
            double exactDouble = exact.doubleValue();
            double ulps = exactDouble == 0 ? (y[i] == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : new BigDecimal(y[i]).subtract(exact).abs().doubleValue() / Math.ulp(exactDouble);
            worst = Math.max(worst, ulps);
            int at = i;
            assertTrue(ulps < 1, () -> "sinpi(" + x[at] + ") = " + y[at] + ", exact " + exact.round(MathContext.DECIMAL64)
                    + ": " + new BigDecimal(y[at]).subtract(exact).abs().doubleValue() / Math.ulp(exactDouble) + " ulp");
        }
        System.out.printf("gatun_sinpi: largest error %.3f ulp over %d arguments%n", worst, x.length);
    }

    @Test
    void sinpiFollowsIeeeAtSpecialValues() {
        double[] x = {0.0, -0.0, 1, -1, 2, -2, 3, -3, 0x1p53, -0x1p53, 0.5, -0.5, 1.5, -1.5, 2.5,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] expected = {0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 1, -1, -1, 1, 1,
            Double.NaN, Double.NaN, Double.NaN};
        double[] y = sinpiOnGpu(x);
        for (int i = 0; i < x.length; i++) {
            // assertEquals(double, double) compares like Double.equals: +0 and -0 differ, NaN equals NaN.
            assertEquals(expected[i], y[i], "sinpi(" + x[i] + ")");
        }
    }

    @Test
    void sinpiRejectsMismatchedArrays() {
        try (DeviceArray x = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 10);
             DeviceArray shorter = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 9);
             DeviceArray floats = DeviceArray.allocate(gpu, ElementType.FLOAT, Order.C, 10)) {
            var e = assertThrows(IllegalArgumentException.class, () -> GpuKernels.sinpi(x, shorter, stream));
            assertTrue(e.getMessage().startsWith("y: expected 10 double"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> GpuKernels.sinpi(floats, x, stream));
            assertTrue(e.getMessage().startsWith("x: expected 10 double"), e.getMessage());
            assertThrows(NullPointerException.class, () -> GpuKernels.sinpi(null, x, stream));
        }
    }

    private static double[] sinpiOnGpu(double[] values) {
        DoubleArray host = DoubleArray.of(arena, Order.C, values, values.length);
        try (DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, values.length)) {
            d.copyFromAsync(host, stream);
            GpuKernels.sinpi(d, d, stream);
            d.copyToAsync(host, stream);
            stream.synchronize();
        }
        return host.toArray();
    }

    /** sin(pi x) to 40 digits: x reduced exactly to x = k/2 + r, |r| <= 1/4, then Taylor series of sin or cos. */
    private static BigDecimal exactSinpi(double x) {
        double t = Math.abs(x) < 0x1p50 ? x : x % 2.0; // exact
        double k = Math.rint(2 * t);
        double r = t - k / 2; // exact
        MathContext mc = new MathContext(45);
        BigDecimal a = PI.multiply(new BigDecimal(r), mc);
        BigDecimal a2 = a.multiply(a, mc);
        boolean cos = ((long) k & 1) != 0;
        BigDecimal term = cos ? BigDecimal.ONE : a;
        BigDecimal sum = term;
        for (int j = cos ? 1 : 2; term.signum() != 0 && term.abs().compareTo(sum.abs().scaleByPowerOfTen(-42)) > 0; j += 2) {
            term = term.multiply(a2, mc).divide(BigDecimal.valueOf(-(long) j * (j + 1)), mc);
            sum = sum.add(term, mc);
        }
        return ((long) k & 2) != 0 ? sum.negate() : sum;
    }

    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494");

    @Test
    void mySqrtMatchesTheCpuBitForBit() {
        int n = 100_003;
        DoubleArray cpu = DoubleArray.allocate(arena, n);
        Kernels.mySqrtC(cpu);
        try (DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, n)) {
            GpuKernels.mySqrt(d, stream);
            DoubleArray back = DoubleArray.allocate(arena, n);
            d.copyToAsync(back, stream);
            stream.synchronize();
            for (int i = 0; i < n; i++) {
                assertEquals(cpu.get(i), back.get(i), 0.0, "a[" + i + "]");
            }
        }
    }

    @Test
    void matvecHandWrittenAndCublasAgreeWithALoop() {
        var rnd = new SplittableRandom(6);
        for (int[] mn : new int[][] {{1, 1}, {7, 33}, {1000, 777}, {4096, 4096}}) {
            int m = mn[0], n = mn[1];
            DoubleArray a = DoubleArray.allocate(arena, Order.C, m, n);
            DoubleArray x = DoubleArray.allocate(arena, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    a.set(i, j, rnd.nextDouble(-1, 1));
                }
            }
            for (int j = 0; j < n; j++) {
                x.set(j, rnd.nextDouble(-1, 1));
            }
            try (var da = DeviceArray.copyOf(gpu, a); var dx = DeviceArray.copyOf(gpu, x);
                 var dy = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, m);
                 var dz = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, m);
                 var blas = Cublas.create(gpu)) {
                blas.setStream(stream);
                GpuKernels.matvec(da, dx, dy, stream);
                blas.dgemv(1.0, da, dx, 0.0, dz);
                DoubleArray y = DoubleArray.allocate(arena, m);
                DoubleArray z = DoubleArray.allocate(arena, m);
                dy.copyToAsync(y, stream);
                dz.copyToAsync(z, stream);
                stream.synchronize();
                for (int i = 0; i < m; i++) {
                    double ref = 0;
                    double abs = 0;
                    for (int j = 0; j < n; j++) {
                        ref += a.get(i, j) * x.get(j);
                        abs += Math.abs(a.get(i, j) * x.get(j));
                    }
                    double tol = 4 * n * Math.ulp(1.0) * abs + 1e-300;
                    assertEquals(ref, y.get(i), tol, "hand-written y[" + i + "], " + m + "x" + n);
                    assertEquals(ref, z.get(i), tol, "cuBLAS y[" + i + "], " + m + "x" + n);
                }
            }
        }
    }

    @Test
    void heatStepsMatchTheCpuKernel() {
        var rnd = new SplittableRandom(4);
        for (int periodic : new int[] {0, 1}) {
            int nx = 67, ny = 129, steps = 25;
            double alpha = 1, dt = 0.2, dx = 1, dy = 1;
            DoubleArray u = DoubleArray.allocate(arena, Order.C, nx, ny);
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    u.set(i, j, rnd.nextDouble());
                }
            }
            DoubleArray cpu = u.copy(arena);
            Kernels.heatC(cpu, DoubleArray.allocate(arena, Order.C, nx, ny), alpha, dt, dx, dy, steps, periodic);
            try (var a = DeviceArray.copyOf(gpu, u); var b = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, nx, ny)) {
                DeviceArray from = a, to = b;
                for (int s = 0; s < steps; s++) {
                    GpuKernels.heatStep(from, to, alpha * dt / (dx * dx), alpha * dt / (dy * dy), periodic == 1, stream);
                    DeviceArray t = from; from = to; to = t;
                }
                DoubleArray back = DoubleArray.allocate(arena, Order.C, nx, ny);
                from.copyToAsync(back, stream);
                stream.synchronize();
                for (int i = 0; i < nx; i++) {
                    for (int j = 0; j < ny; j++) {
                        assertEquals(cpu.get(i, j), back.get(i, j), 0.0, "periodic=" + periodic + " u[" + i + "," + j + "]");
                    }
                }
            }
        }
    }

    @Test
    void spectralHeatDecaysAFourierModeExactly() {
        // u0 = cos(2 pi (kx x / nx + ky y / ny)) decays as exp(-4 pi^2 (kx^2/nx^2 + ky^2/ny^2) t).
        int nx = 64, ny = 128, kx = 3, ky = 5;
        double t = 40;
        ComplexDoubleArray u = ComplexDoubleArray.allocate(arena, Order.C, nx, ny);
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                u.set(i, j, Math.cos(2 * Math.PI * ((double) kx * i / nx + (double) ky * j / ny)), 0);
            }
        }
        double decay = Math.exp(-4 * Math.PI * Math.PI * ((double) kx * kx / (nx * nx) + (double) ky * ky / (ny * ny)) * t);
        try (var d = DeviceArray.copyOf(gpu, u); var plan = CufftPlan2d.create(gpu, nx, ny)) {
            plan.setStream(stream);
            plan.forward(d, d);
            GpuKernels.heatSpectralDecay(d, t, 1.0 / (nx * ny), stream);
            plan.inverse(d, d);
            ComplexDoubleArray back = ComplexDoubleArray.allocate(arena, Order.C, nx, ny);
            d.copyToAsync(back, stream);
            stream.synchronize();
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    assertEquals(decay * u.getRe(i, j), back.getRe(i, j), 1e-12, "re u[" + i + "," + j + "]");
                    assertEquals(0, back.getIm(i, j), 1e-12, "im u[" + i + "," + j + "]");
                }
            }
        }
    }
}
