// SPDX-License-Identifier: Apache-2.0
/*
 * Shared by the SIMD kernels: how they ask gcc for vector code that still runs on every x86-64.
 *
 * GATUN_MULTIARCH compiles a function three times (AVX-512, AVX2+FMA, baseline SSE2) and picks one
 * at load time through an ifunc, so one library is fast here and still loads on an older CPU.
 *
 * The `declare simd` lines tell gcc that glibc's libmvec has vector versions of sin, cos, exp and
 * sqrt (_ZGVeN8v_sin ...). glibc only declares them under -ffast-math, which would also let gcc
 * reorder sums and drop NaN checks everywhere; declaring them here keeps -ffast-math out.
 */
#ifndef GATUN_SIMD_H
#define GATUN_SIMD_H

#include <math.h>

/* -std=c11 hides the POSIX constants of math.h; the kernels need pi to the last bit. */
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__NVCC__)
#define GATUN_MULTIARCH __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#pragma omp declare simd notinbranch
extern double sin(double);
#pragma omp declare simd notinbranch
extern double cos(double);
#pragma omp declare simd notinbranch
extern double exp(double);
#else
#define GATUN_MULTIARCH
#endif

#endif
