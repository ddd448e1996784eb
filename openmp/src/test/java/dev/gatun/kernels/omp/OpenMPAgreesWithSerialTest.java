// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels.omp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.kernels.Kernels;
import dev.gatun.omp.OpenMP;
import java.lang.foreign.Arena;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each OpenMP kernel (Fortran through the generated {@link KernelsOmp}, C through test downcalls) run
 * with 1, 2 and 4 threads against the serial kernel of gatun-native, which that module checks against
 * plain Java loops. Sizes 1, 7, 8, 9 and 1001 leave threads with empty, uneven and SIMD-tail blocks.
 * Work split by rows or elements keeps each result's order of operations, so it must agree exactly;
 * reductions combine per-thread partial sums in another order and get the reordered-sum bound.
 */
class OpenMPAgreesWithSerialTest {

    private static final double EPS = Math.ulp(1.0);

    static Stream<Arguments> threadsAndSizes() {
        return Stream.of(1, 2, 4).flatMap(t -> Stream.of(1, 7, 8, 9, 1001).map(n -> Arguments.of(t, n)));
    }

    private static double[] random(int n, long seed) {
        var r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * r.nextDouble() - 1;
        }
        return a;
    }

    /** Runs work with the given team size, checking that the kernels' libgomp really got it. */
    private static void withThreads(int threads, ThrowingRunnable work) {
        OpenMP.withThreads(threads, () -> {
            assertEquals(threads, OpenMP.maxThreads(), "omp_get_max_threads inside withThreads");
            try {
                work.run();
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        });
    }

    private interface ThrowingRunnable {
        void run() throws Throwable;
    }

    @ParameterizedTest(name = "{0} threads, n = {1}")
    @MethodSource("threadsAndSizes")
    void integration2d(int threads, int n) {
        double serial = Kernels.integration2dF(n);
        withThreads(threads, () -> {
            // All variants sum to 0 up to rounding (symmetric grid); serial values are below 1e-15 and a
            // wrong row split (a row lost or doubled) moves the sum by h^2 |row| >> 1e-12.
            assertEquals(serial, KernelsOmp.integration2dFOmp(n), 1e-12, "integration2d_f_omp");
            assertEquals(serial, COmpKernels.integration2d(n), 1e-12, "integration2d_c_omp");
            int half = n / 2;
            double split = COmpKernels.integration2dRows(n, 0, half) + COmpKernels.integration2dRows(n, half, n);
            assertEquals(serial, split, 1e-12, "integration2d_c_omp_rows over two blocks");
            assertEquals(0.0, KernelsOmp.integration2dFOmp(n), 1e-12, "the exact integral of sin(x + y) over [0, pi]^2 is 0");
        });
    }

    @ParameterizedTest(name = "{0} threads, n = {1}")
    @MethodSource("threadsAndSizes")
    void mySqrtAndCos(int threads, int n) {
        double[] serial = new double[n];
        Kernels.mySqrtF(serial);
        double[] in = random(n, 7);
        withThreads(threads, () -> {
            // Element-wise: exact.
            double[] f = new double[n];
            KernelsOmp.mySqrtFOmp(f);
            assertArrayEquals(serial, f, "my_sqrt_f_omp");
            try (Arena arena = Arena.ofConfined()) {
                DoubleArray c = DoubleArray.allocate(arena, n);
                COmpKernels.mySqrt(c.segment(), n);
                assertArrayEquals(serial, c.toArray(), "my_sqrt_c_omp");
                DoubleArray input = DoubleArray.of(arena, Order.C, in, n);
                DoubleArray out = DoubleArray.allocate(arena, n);
                COmpKernels.cosDoubles(input.segment(), out.segment(), n);
                for (int i = 0; i < n; i++) {
                    // libmvec's vector cos is within 4 ulp, and |cos| <= 1.
                    assertEquals(Math.cos(in[i]), out.get(i), 4 * EPS, "cos_doubles_omp at " + i);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0} threads, n = {1}")
    @MethodSource("threadsAndSizes")
    void dot(int threads, int n) {
        double[] x = random(n, 1);
        double[] y = random(n, 2);
        double serial = Kernels.dotF(x, y);
        double magnitude = 0;
        for (int i = 0; i < n; i++) {
            magnitude += Math.abs(x[i] * y[i]);
        }
        // Partial sums per thread and lane: any order is within 2 n eps sum|x_i y_i| of the serial sum.
        double bound = 2 * n * EPS * magnitude;
        withThreads(threads, () -> {
            assertEquals(serial, KernelsOmp.dotFOmp(x, y), bound, "dot_f_omp");
            try (Arena arena = Arena.ofConfined()) {
                assertEquals(serial, COmpKernels.dot(DoubleArray.of(arena, Order.C, x, n).segment(),
                        DoubleArray.of(arena, Order.C, y, n).segment(), n), bound, "dot_c_omp");
            }
        });
    }

    @ParameterizedTest(name = "{0} threads, m = {1}")
    @MethodSource("threadsAndSizes")
    void matvec(int threads, int m) {
        int n = m + 2;
        double[] a = random(m * n, 3);
        double[] x = random(n, 4);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray af = DoubleArray.of(arena, Order.FORTRAN, a, m, n);
            DoubleArray xs = DoubleArray.of(arena, Order.FORTRAN, x, n);
            DoubleArray serial = DoubleArray.allocate(arena, Order.FORTRAN, m);
            Kernels.matvecF(af, xs, serial);
            withThreads(threads, () -> {
                // Threads own blocks of rows; each y[i] is summed over j in order: exact.
                DoubleArray y = DoubleArray.allocate(arena, Order.FORTRAN, m);
                KernelsOmp.matvecFOmp(af, xs, y);
                assertArrayEquals(serial.toArray(), y.toArray(), "matvec_f_omp");
                y.fill(Double.NaN);
                COmpKernels.matvec(false, af.segment(), xs.segment(), y.segment(), m, n);
                assertArrayEquals(serial.toArray(), y.toArray(), "matvec_c_colmajor_omp");
                // The same buffer read row-major is the n-by-m transpose: y' = A^T x' with x' of length m.
                DoubleArray xr = DoubleArray.of(arena, Order.C, random(n, 5), n);
                DoubleArray yr = DoubleArray.allocate(arena, m);
                COmpKernels.matvec(true, af.segment(), xr.segment(), yr.segment(), m, n);
                for (int i = 0; i < m; i++) {
                    double s = 0, magnitude = 0;
                    for (int j = 0; j < n; j++) {
                        s += a[i * n + j] * xr.get(j);
                        magnitude += Math.abs(a[i * n + j] * xr.get(j));
                    }
                    // Each row is a SIMD reduction: within 2 n eps sum_j |a_ij x_j| of the in-order sum.
                    assertEquals(s, yr.get(i), 2 * n * EPS * magnitude, "matvec_c_rowmajor_omp row " + i);
                }
            });
        }
    }

    @ParameterizedTest(name = "{0} threads, ny = {1}")
    @MethodSource("threadsAndSizes")
    void heat(int threads, int ny) {
        int nx = 6;
        double alpha = 1.0, dt = 0.2, dx = 1.0, dy = 1.0; // alpha dt (1/dx^2 + 1/dy^2) = 0.4 <= 1/2: stable
        double[] u0 = random(nx * ny, 6);
        try (Arena arena = Arena.ofConfined()) {
            for (int steps : new int[] {3, 4}) {
                for (int periodic : new int[] {0, 1}) {
                    DoubleArray serial = DoubleArray.of(arena, Order.FORTRAN, u0, ny, nx);
                    Kernels.heatF(serial, DoubleArray.allocate(arena, Order.FORTRAN, ny, nx), alpha, dt, dx, dy, steps, periodic);
                    double[] expected = serial.toArray();
                    String what = " steps=" + steps + " periodic=" + periodic;
                    withThreads(threads, () -> {
                        // Rows are split over threads, each point's expression unchanged: exact.
                        DoubleArray u = DoubleArray.of(arena, Order.FORTRAN, u0, ny, nx);
                        KernelsOmp.heatFOmp(u, DoubleArray.allocate(arena, Order.FORTRAN, ny, nx), alpha, dt, dx, dy, steps, periodic);
                        assertArrayEquals(expected, u.toArray(), "heat_f_omp" + what);
                        DoubleArray c = DoubleArray.of(arena, Order.C, u0, nx, ny);
                        COmpKernels.heat(c.segment(), DoubleArray.allocate(arena, nx, ny).segment(), nx, ny, alpha, dt, dx, dy, steps, periodic);
                        assertArrayEquals(expected, c.toArray(), "heat_c_omp" + what);
                    });
                }
            }
        }
    }
}
