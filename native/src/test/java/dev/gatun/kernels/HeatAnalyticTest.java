// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The heat equation u_t = alpha (u_xx + u_yy) on a periodic grid, started from one Fourier mode
 * sin(k x) (constant in y): the exact solution keeps its shape and decays as exp(-alpha k^2 t).
 */
class HeatAnalyticTest {

    private static final int NX = 64;
    private static final int NY = 8;
    private static final int K = 2;
    private static final double ALPHA = 1.0;
    private static final double DX = 2 * Math.PI / NX;
    private static final double DT = 0.2 * DX * DX; // alpha dt (1/dx^2 + 1/dy^2) = 0.4 <= 1/2: stable
    private static final int STEPS = 52; // t = STEPS dt ~ 0.1

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSingleFourierModeDecaysAsExpMinusAlphaKSquaredT(boolean simd) {
        try (Arena arena = Arena.ofConfined()) {
            // u(j, i) = sin(K x_i) with x_i = i dx: Fortran order, shape (NY, NX), x along the second index.
            DoubleArray u = DoubleArray.allocate(arena, Order.FORTRAN, NY, NX);
            for (int i = 0; i < NX; i++) {
                for (int j = 0; j < NY; j++) {
                    u.set(j, i, Math.sin(K * i * DX));
                }
            }
            DoubleArray work = DoubleArray.allocate(arena, Order.FORTRAN, NY, NX);
            if (simd) {
                Kernels.heatFSimd(u, work, ALPHA, DT, DX, DX, STEPS, 1);
            } else {
                Kernels.heatF(u, work, ALPHA, DT, DX, DX, STEPS, 1);
            }
            double t = STEPS * DT;
            double amplitude = amplitude(u);
            // The scheme multiplies the mode by g = 1 - 4 cx sin^2(k dx / 2) per step; 1e-12 relative
            // covers the rounding of 52 steps over 512 points (each ~1e-16) with a wide margin.
            double g = 1 - 4 * ALPHA * DT / (DX * DX) * Math.pow(Math.sin(K * DX / 2), 2);
            assertEquals(Math.pow(g, STEPS), amplitude, 1e-12 * Math.pow(g, STEPS), "discrete decay factor");
            // Against the continuum: the 5-point Laplacian is off by k^2 dx^2 / 12 (0.3 %) and explicit Euler by
            // (lambda dt)^2 / 2 per step (0.15 % over the run); 1 % relative bounds their sum.
            double exact = Math.exp(-ALPHA * K * K * t);
            assertEquals(exact, amplitude, 0.01 * exact, "exp(-alpha k^2 t) at t = " + t);
            // The mode keeps its shape: every point is the amplitude times sin(K x), constant in y.
            for (int i = 0; i < NX; i++) {
                for (int j = 0; j < NY; j++) {
                    assertEquals(amplitude * Math.sin(K * i * DX), u.get(j, i), 1e-12, "shape at (" + j + ", " + i + ")");
                }
            }
        }
    }

    /** The coefficient of sin(K x): (2 / NX) sum_i u_i sin(K x_i), from the first grid row. */
    private static double amplitude(DoubleArray u) {
        double s = 0;
        for (int i = 0; i < NX; i++) {
            s += u.get(0, i) * Math.sin(K * i * DX);
        }
        return 2.0 * s / NX;
    }
}
