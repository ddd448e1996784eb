// SPDX-License-Identifier: Apache-2.0
/*
 * integration2d: the midpoint sum of sin(x + y) over [0, pi]^2 on an n-by-n grid, times h^2.
 * The exact integral is 0; the seeds' loop gives -7.117752e-17 for n = 10000.
 */
#include "gatun_simd.h"

/* The seeds' loop as written: one libm sin per point, summed in order. */
double integration2d_c(int n)
{
    const double h = M_PI / n;
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
        const double x = h * (i + 0.5);
        for (int j = 0; j < n; j++) {
            const double y = h * (j + 0.5);
            sum += sin(x + y);
        }
    }
    return h * h * sum;
}

/* The inner loop vectorised: libmvec's SIMD sin, 8 lanes with AVX-512, partial sums per lane. */
GATUN_MULTIARCH
double integration2d_c_simd(int n)
{
    const double h = M_PI / n;
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
        const double x = h * (i + 0.5);
        double row = 0.0;
#pragma omp simd reduction(+ : row)
        for (int j = 0; j < n; j++) {
            row += sin(x + h * (j + 0.5));
        }
        sum += row;
    }
    return h * h * sum;
}
