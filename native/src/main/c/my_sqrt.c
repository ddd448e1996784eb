// SPDX-License-Identifier: Apache-2.0
/* my_sqrt: a[i] = sqrt(i), the seeds' Cython/numba example. */
#include "gatun_simd.h"

void my_sqrt_c(double *a /* gatun: out, dimension(n) */, int n)
{
    for (int i = 0; i < n; i++) {
        a[i] = sqrt((double) i);
    }
}

/* sqrt is one instruction (vsqrtpd); with -fno-math-errno gcc vectorises it without libmvec. */
GATUN_MULTIARCH
void my_sqrt_c_simd(double *restrict a /* gatun: out, dimension(n) */, int n)
{
#pragma omp simd
    for (int i = 0; i < n; i++) {
        a[i] = sqrt((double) i);
    }
}
