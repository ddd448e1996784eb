// SPDX-License-Identifier: Apache-2.0
/*
 * dot and matvec: y = A x for an m-by-n matrix A stored in C (row-major) or Fortran
 * (column-major) order; the "np.dot" of the seeds.
 */
#include "gatun_simd.h"

double dot_c(const double *x /* gatun: dimension(n) */, const double *y /* gatun: dimension(n) */, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
        sum += x[i] * y[i];
    }
    return sum;
}

/* Row-major: each y[i] is a dot product of a contiguous row with x. */
void matvec_c_rowmajor(const double *a /* gatun: dimension(m, n) */, const double *x /* gatun: dimension(n) */,
                       double *y /* gatun: out, dimension(m) */, int m, int n)
{
    for (int i = 0; i < m; i++) {
        y[i] = dot_c(a + (long) i * n, x, n);
    }
}

/* Column-major: y += x[j] * column j, so the inner loop still walks memory contiguously. */
void matvec_c_colmajor(const double *a /* gatun: dimension(m, n), order(fortran) */,
                       const double *x /* gatun: dimension(n) */, double *y /* gatun: out, dimension(m) */, int m, int n)
{
    for (int i = 0; i < m; i++) {
        y[i] = 0.0;
    }
    for (int j = 0; j < n; j++) {
        const double *col = a + (long) j * m;
        const double xj = x[j];
        for (int i = 0; i < m; i++) {
            y[i] += col[i] * xj;
        }
    }
}

GATUN_MULTIARCH
double dot_c_simd(const double *restrict x /* gatun: dimension(n) */, const double *restrict y /* gatun: dimension(n) */,
                  int n)
{
    double sum = 0.0;
#pragma omp simd reduction(+ : sum)
    for (int i = 0; i < n; i++) {
        sum += x[i] * y[i];
    }
    return sum;
}

GATUN_MULTIARCH
void matvec_c_rowmajor_simd(const double *restrict a /* gatun: dimension(m, n) */,
                            const double *restrict x /* gatun: dimension(n) */,
                            double *restrict y /* gatun: out, dimension(m) */, int m, int n)
{
    for (int i = 0; i < m; i++) {
        const double *row = a + (long) i * n;
        double sum = 0.0;
#pragma omp simd reduction(+ : sum)
        for (int j = 0; j < n; j++) {
            sum += row[j] * x[j];
        }
        y[i] = sum;
    }
}

GATUN_MULTIARCH
void matvec_c_colmajor_simd(const double *restrict a /* gatun: dimension(m, n), order(fortran) */,
                            const double *restrict x /* gatun: dimension(n) */,
                            double *restrict y /* gatun: out, dimension(m) */, int m, int n)
{
    for (int i = 0; i < m; i++) {
        y[i] = 0.0;
    }
    for (int j = 0; j < n; j++) {
        const double *col = a + (long) j * m;
        const double xj = x[j];
#pragma omp simd
        for (int i = 0; i < m; i++) {
            y[i] += col[i] * xj;
        }
    }
}
