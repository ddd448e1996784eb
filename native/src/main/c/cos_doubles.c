// SPDX-License-Identifier: Apache-2.0
/* cos_doubles: out[i] = cos(in[i]), Cython's interfacing example as the seeds give it. */
#include "gatun_simd.h"

void cos_doubles(double *in_array /* gatun: in, dimension(size) */,
                 double *out_array /* gatun: out, dimension(size) */, int size)
{
    int i;
    for (i = 0; i < size; i++) {
        out_array[i] = cos(in_array[i]);
    }
}

/* The same loop vectorised through libmvec's SIMD cos. */
GATUN_MULTIARCH
void cos_doubles_simd(const double *restrict in_array /* gatun: dimension(size) */,
                      double *restrict out_array /* gatun: out, dimension(size) */, int size)
{
#pragma omp simd
    for (int i = 0; i < size; i++) {
        out_array[i] = cos(in_array[i]);
    }
}
