// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels;

import java.lang.foreign.MemorySegment;

/**
 * The C kernels of {@code libkernels.so} as the tests call them: one method per kernel family with a
 * {@code simd} switch, over the generated raw layer ({@link Kernels.Raw}), which the plugin binds from
 * the {@code .c} definitions. The C kernels take explicit sizes (no directives yet), so the tests pass
 * segments and sizes exactly as C callers do.
 */
final class CKernels {

    private CKernels() {
    }

    static double integration2d(int n, boolean simd) {
        return simd ? Kernels.Raw.integration2dCSimd(n) : Kernels.Raw.integration2dC(n);
    }

    static void mySqrt(MemorySegment a, int n, boolean simd) {
        if (simd) {
            Kernels.Raw.mySqrtCSimd(a, n);
        } else {
            Kernels.Raw.mySqrtC(a, n);
        }
    }

    static void cosDoubles(MemorySegment in, MemorySegment out, int n, boolean simd) {
        if (simd) {
            Kernels.Raw.cosDoublesSimd(in, out, n);
        } else {
            Kernels.Raw.cosDoubles(in, out, n);
        }
    }

    static double dot(MemorySegment x, MemorySegment y, int n, boolean simd) {
        return simd ? Kernels.Raw.dotCSimd(x, y, n) : Kernels.Raw.dotC(x, y, n);
    }

    /** One of matvec_c_rowmajor, matvec_c_colmajor and their _simd variants, by C symbol name. */
    static void matvec(String symbol, MemorySegment a, MemorySegment x, MemorySegment y, int m, int n) {
        switch (symbol) {
            case "matvec_c_rowmajor" -> Kernels.Raw.matvecCRowmajor(a, x, y, m, n);
            case "matvec_c_rowmajor_simd" -> Kernels.Raw.matvecCRowmajorSimd(a, x, y, m, n);
            case "matvec_c_colmajor" -> Kernels.Raw.matvecCColmajor(a, x, y, m, n);
            case "matvec_c_colmajor_simd" -> Kernels.Raw.matvecCColmajorSimd(a, x, y, m, n);
            default -> throw new IllegalArgumentException("symbol: no matvec kernel named '" + symbol + "'");
        }
    }

    static void heat(MemorySegment u, MemorySegment work, int nx, int ny, double alpha, double dt, double dx, double dy,
                     int steps, int periodic, boolean simd) {
        if (simd) {
            Kernels.Raw.heatCSimd(u, work, nx, ny, alpha, dt, dx, dy, steps, periodic);
        } else {
            Kernels.Raw.heatC(u, work, nx, ny, alpha, dt, dx, dy, steps, periodic);
        }
    }
}
