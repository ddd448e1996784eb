// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels.omp;

import java.lang.foreign.MemorySegment;

/**
 * The C OpenMP kernels as the tests call them, over the generated raw layer ({@link KernelsOmp.Raw})
 * that the plugin binds from the {@code .c} definitions; the C kernels take explicit sizes.
 */
final class COmpKernels {

    private COmpKernels() {
    }

    static double integration2d(int n) {
        return KernelsOmp.Raw.integration2dCOmp(n);
    }

    static double integration2dRows(int n, int begin, int end) {
        return KernelsOmp.Raw.integration2dCOmpRows(n, begin, end);
    }

    static void mySqrt(MemorySegment a, int n) {
        KernelsOmp.Raw.mySqrtCOmp(a, n);
    }

    static void cosDoubles(MemorySegment in, MemorySegment out, int n) {
        KernelsOmp.Raw.cosDoublesOmp(in, out, n);
    }

    static double dot(MemorySegment x, MemorySegment y, int n) {
        return KernelsOmp.Raw.dotCOmp(x, y, n);
    }

    static void matvec(boolean rowMajor, MemorySegment a, MemorySegment x, MemorySegment y, int m, int n) {
        if (rowMajor) {
            KernelsOmp.Raw.matvecCRowmajorOmp(a, x, y, m, n);
        } else {
            KernelsOmp.Raw.matvecCColmajorOmp(a, x, y, m, n);
        }
    }

    static void heat(MemorySegment u, MemorySegment work, int nx, int ny, double alpha, double dt, double dx, double dy,
                     int steps, int periodic) {
        KernelsOmp.Raw.heatCOmp(u, work, nx, ny, alpha, dt, dx, dy, steps, periodic);
    }
}
