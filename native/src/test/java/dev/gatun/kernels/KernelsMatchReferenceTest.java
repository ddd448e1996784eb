// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kernel, plain and SIMD, Fortran and C, against {@link ReferenceLoops} at sizes around the
 * vector width (8 doubles with AVX-512): 1, 7, 8, 9 and 1001 exercise the scalar tails and remainders.
 * Where a kernel keeps the reference's order of operations (no FMA: the driver passes
 * {@code -ffp-contract=off}) the comparison is exact; reductions that SIMD reorders get the standard
 * rounding bound of a reordered sum.
 */
class KernelsMatchReferenceTest {

    private static final double EPS = Math.ulp(1.0);

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 1001})
    void fibMatchesTheReferenceRecurrence(int n) {
        double[] a = new double[n];
        Kernels.fib(a);
        // Same additions in the same order: exact (fib(1000) ~ 4e208 is still finite).
        assertArrayEquals(ReferenceLoops.fib(n), a);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 1001})
    void mySqrtIsExactInEveryVariant(int n) throws Throwable {
        double[] expected = ReferenceLoops.mySqrt(n);
        // sqrt is correctly rounded by IEEE 754 in scalar and vector form: exact equality.
        double[] f = new double[n];
        Kernels.mySqrtF(f);
        assertArrayEquals(expected, f);
        double[] fs = new double[n];
        Kernels.mySqrtFSimd(fs);
        assertArrayEquals(expected, fs);
        try (Arena arena = Arena.ofConfined()) {
            for (boolean simd : new boolean[] {false, true}) {
                DoubleArray c = DoubleArray.allocate(arena, n);
                CKernels.mySqrt(c.segment(), n, simd);
                assertArrayEquals(expected, c.toArray(), "my_sqrt_c simd=" + simd);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 1001})
    void dotIsExactInOrderAndWithinTheReorderingBoundWithSimd(int n) throws Throwable {
        double[] x = ReferenceLoops.randomValues(n, 1);
        double[] y = ReferenceLoops.randomValues(n, 2);
        double expected = ReferenceLoops.dot(x, y);
        // A sum in any order differs from the in-order sum by at most 2 n eps sum|x_i y_i| (Higham, 2002, 3.1).
        double bound = 2 * n * EPS * ReferenceLoops.dotMagnitude(x, y);
        assertEquals(expected, Kernels.dotF(x, y), 0.0, "dot_f keeps the order");
        assertEquals(expected, Kernels.dotFSimd(x, y), bound, "dot_f_simd reorders the sum");
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray xs = DoubleArray.of(arena, Order.C, x, n);
            DoubleArray ys = DoubleArray.of(arena, Order.C, y, n);
            assertEquals(expected, CKernels.dot(xs.segment(), ys.segment(), n, false), 0.0, "dot_c keeps the order");
            assertEquals(expected, CKernels.dot(xs.segment(), ys.segment(), n, true), bound, "dot_c_simd reorders the sum");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 1001})
    void matvecMatchesTheReferenceInBothOrders(int m) throws Throwable {
        int n = m + 2;
        double[] a = ReferenceLoops.randomValues(m * n, 3);
        double[] x = ReferenceLoops.randomValues(n, 4);
        double[] byColumns = ReferenceLoops.matvecColumnMajor(a, m, n, x);
        double[] byRows = ReferenceLoops.matvecRowMajor(a, m, n, x);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray af = DoubleArray.of(arena, Order.FORTRAN, a, m, n);
            DoubleArray xs = DoubleArray.of(arena, Order.FORTRAN, x, n);
            DoubleArray y = DoubleArray.allocate(arena, Order.FORTRAN, m);
            // Column-major SIMD runs across rows i; each y[i] is still summed over j in order: exact.
            Kernels.matvecF(af, xs, y);
            assertArrayEquals(byColumns, y.toArray(), "matvec_f");
            y.fill(Double.NaN);
            Kernels.matvecFSimd(af, xs, y);
            assertArrayEquals(byColumns, y.toArray(), "matvec_f_simd");
            for (String symbol : new String[] {"matvec_c_colmajor", "matvec_c_colmajor_simd", "matvec_c_rowmajor"}) {
                y.fill(Double.NaN);
                CKernels.matvec(symbol, af.segment(), xs.segment(), y.segment(), m, n);
                assertArrayEquals(symbol.contains("col") ? byColumns : byRows, y.toArray(), symbol);
            }
            // Row-major SIMD reduces each row in lanes: within the reordered-sum bound 2 n eps sum_j |a_ij x_j|.
            y.fill(Double.NaN);
            CKernels.matvec("matvec_c_rowmajor_simd", af.segment(), xs.segment(), y.segment(), m, n);
            for (int i = 0; i < m; i++) {
                double[] row = java.util.Arrays.copyOfRange(a, i * n, (i + 1) * n);
                double bound = 2 * n * EPS * ReferenceLoops.dotMagnitude(row, x);
                assertEquals(byRows[i], y.get(i), bound, "matvec_c_rowmajor_simd row " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 1001})
    void heatStepsMatchTheStencilWithBothBoundaries(int ny) throws Throwable {
        int nx = 5;
        double alpha = 1.0, dt = 0.2, dx = 1.0, dy = 1.0; // alpha dt (1/dx^2 + 1/dy^2) = 0.4 <= 1/2: stable
        double[] u0 = ReferenceLoops.randomValues(nx * ny, 5);
        try (Arena arena = Arena.ofConfined()) {
            for (int steps : new int[] {3, 4}) { // odd and even: the result is copied back from work, or not
                for (int periodic : new int[] {0, 1}) {
                    double[] expected = ReferenceLoops.heat(u0, nx, ny, alpha, dt, dx, dy, steps, periodic != 0);
                    String what = " steps=" + steps + " periodic=" + periodic;
                    // u(0:ny-1, 0:nx-1) in Fortran order is the C kernel's u[i * ny + j]: same buffer.
                    for (boolean simd : new boolean[] {false, true}) {
                        DoubleArray u = DoubleArray.of(arena, Order.FORTRAN, u0, ny, nx);
                        DoubleArray work = DoubleArray.allocate(arena, Order.FORTRAN, ny, nx);
                        if (simd) {
                            Kernels.heatFSimd(u, work, alpha, dt, dx, dy, steps, periodic);
                        } else {
                            Kernels.heatF(u, work, alpha, dt, dx, dy, steps, periodic);
                        }
                        // Same expression, same order, no contraction: exact.
                        assertArrayEquals(expected, u.toArray(), "heat_f simd=" + simd + what);
                        DoubleArray c = DoubleArray.of(arena, Order.C, u0, nx, ny);
                        DoubleArray cwork = DoubleArray.allocate(arena, Order.C, nx, ny);
                        CKernels.heat(c.segment(), cwork.segment(), nx, ny, alpha, dt, dx, dy, steps, periodic, simd);
                        assertArrayEquals(expected, c.toArray(), "heat_c simd=" + simd + what);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 1001})
    void cosDoublesAgreesWithJavaWithinLibmvecAccuracy(int n) throws Throwable {
        double[] in = ReferenceLoops.randomValues(n, 6);
        for (int i = 0; i < n; i++) {
            in[i] *= 10; // arguments over several periods
        }
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray input = DoubleArray.of(arena, Order.C, in, n);
            for (boolean simd : new boolean[] {false, true}) {
                DoubleArray out = DoubleArray.allocate(arena, n);
                CKernels.cosDoubles(input.segment(), out.segment(), n, simd);
                for (int i = 0; i < n; i++) {
                    // glibc's scalar cos is within 1 ulp and libmvec's vector cos within 4 ulp; |cos| <= 1, so 4 ulp(1) bounds both.
                    assertEquals(Math.cos(in[i]), out.get(i), 4 * EPS, "cos_doubles simd=" + simd + " at " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 1001})
    void integration2dAgreesWithTheJavaLoop(int n) throws Throwable {
        double expected = ReferenceLoops.integration2d(n);
        // The grid is symmetric about x + y = pi, so every variant sums to 0 up to rounding: the observed
        // values are below 1e-15; 1e-12 is far below what a shifted grid gives (0.0126 for n = 1001, x_i = i h).
        double tolerance = 1e-12;
        assertEquals(expected, Kernels.integration2dF(n), tolerance, "integration2d_f");
        assertEquals(expected, Kernels.integration2dFSimd(n), tolerance, "integration2d_f_simd");
        assertEquals(expected, CKernels.integration2d(n, false), tolerance, "integration2d_c");
        assertEquals(expected, CKernels.integration2d(n, true), tolerance, "integration2d_c_simd");
        assertEquals(0.0, expected, tolerance, "the exact integral of sin(x + y) over [0, pi]^2 is 0");
    }
}
