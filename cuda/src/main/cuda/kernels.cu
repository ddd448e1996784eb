// SPDX-License-Identifier: Apache-2.0
/*
 * CUDA versions of Gatun's seed kernels, with extern "C" launchers declared in gatun_cuda.h.
 * Built by gatun-maven-plugin with nvcc for sm_80 and sm_90 plus compute_90 PTX.
 */
#include <cuda_runtime.h>
#include "gatun_cuda.h"

static const int REDUCE_THREADS = 256;
static const int INTEGRATION_BLOCKS = 4096;

/* Sum over a block, deterministic: warp shuffles, then the first warp adds the warp sums. */
template <typename T>
__device__ T block_sum(T v)
{
    __shared__ T warp_sums[32];
    for (int o = 16; o > 0; o >>= 1) {
        v += __shfl_down_sync(0xffffffffu, v, o);
    }
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) {
        warp_sums[warp] = v;
    }
    __syncthreads();
    v = threadIdx.x < (blockDim.x + 31) / 32 ? warp_sums[lane] : T(0);
    if (warp == 0) {
        for (int o = 16; o > 0; o >>= 1) {
            v += __shfl_down_sync(0xffffffffu, v, o);
        }
    }
    return v;
}

/*
 * sin(pi a b) for |a b| < 2^50, with the product a b never rounded on its own: the fp64 sine of the
 * integration kernel, about 14 fp64 instructions where CUDA's sinpi takes some 25 (a Payne-Hanek-free
 * reduction plus special cases this kernel never meets).
 *
 * Reduction: s = a b + 1.5 * 2^51 rounds a b to a multiple of 1/2 (the spacing of doubles in
 * [2^51, 2^52)), k = s - 1.5 * 2^51 exactly, and r = a b - k with one rounding, |r| <= 1/4. The low word
 * of s is 2k mod 2^32: bit 0 picks cos(pi r) over sin(pi r), bit 1 the sign.
 * Polynomials in u = r^2 on [0, 1/16]: Chebyshev fits from cuda/scripts/sinpi-coefficients.py (mpmath,
 * fit errors 3.3e-18 relative for sin, 3e-20 for cos, far below the rounding of the evaluation); the
 * leading terms pi r and 1 are added last with one fma, so the error stays below one ulp.
 * The coefficients live in constant memory so each fma reads its operand from the constant bank instead
 * of rebuilding it in registers (about 20% faster than immediates, measured on an H200).
 */
__constant__ double SINPI_SIN[7] = {
    0x1.e3f38399551bfp-12, -0x1.e30071afc3e59p-8, 0x1.50782fda12d96p-4, -0x1.32d2cce2e5b19p-1,
    0x1.466bc677587f8p+1, -0x1.4abbce625be41p+2, 0x1.921fb54442d18p+1 /* pi */
};
__constant__ double SINPI_COS[7] = {
    -0x1.b264ba152378ap-14, 0x1.f9cc41140bb60p-10, -0x1.a6d1ec7906c20p-6, 0x1.e1f5068355e15p-3,
    -0x1.55d3c7e3c90f8p+0, 0x1.03c1f081b5aacp+2, -0x1.3bd3cc9be45dep+2
};

__device__ __forceinline__ double sinpi_of_product(double a, double b)
{
    const double magic = 0x1.8p51;
    const double s = fma(a, b, magic);
    const double k = s - magic;
    const double r = fma(a, b, -k);
    const int q = __double2loint(s);
    const double u = r * r;
    double v;
    if (q & 1) {
        double p = SINPI_COS[0];
#pragma unroll
        for (int c = 1; c < 7; c++) {
            p = fma(p, u, SINPI_COS[c]);
        }
        v = fma(u, p, 1.0);
    } else {
        double p = SINPI_SIN[0];
#pragma unroll
        for (int c = 1; c < 6; c++) {
            p = fma(p, u, SINPI_SIN[c]);
        }
        v = fma(r, SINPI_SIN[6], (r * u) * p);
    }
    return __hiloint2double(__double2hiint(v) ^ ((q & 2) << 30), __double2loint(v));
}

/*
 * Block b sums rows i = b, b + gridDim.x, ...; thread t the columns j = t, t + blockDim.x, ...
 * sin(x_i + y_j) with x_i + y_j = h (i + j + 1) = pi (i + j + 1) / n is evaluated as sin(pi m inv_n),
 * m = i + j + 1: the same value, with an exact range reduction instead of a Payne-Hanek/Cody-Waite one.
 * m counts in double (integers below 2^53 are exact), which saves an int-to-double conversion per point.
 * The grid is fixed (INTEGRATION_BLOCKS), so the result is the same bits on every GPU.
 */
__global__ void integration2d_f64_kernel(int n, double *partials)
{
    const double inv_n = 1.0 / n;
    const double step = blockDim.x;
    double sum = 0.0;
    for (int i = blockIdx.x; i < n; i += gridDim.x) {
        const double end = (double) i + 1.0 + n;
        double row = 0.0;
        for (double m = (double) (i + 1 + threadIdx.x); m < end; m += step) {
            row += sinpi_of_product(m, inv_n);
        }
        sum += row;
    }
    sum = block_sum(sum);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = sum;
    }
}

/* Element-wise sin(pi x) for every double, with IEEE 754's sinPi zeros (+0 for positive integers, -0 for negative). */
__global__ void sinpi_kernel(const double *x, double *y, int n)
{
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        double t = x[i];
        if (!(fabs(t) < 0x1p49)) {
            t = fmod(t, 2.0); /* exact; NaN for NaN and infinities */
        }
        double v = sinpi_of_product(t, 1.0);
        y[i] = v == 0.0 ? copysign(0.0, t) : v;
    }
}

extern "C" int gatun_sinpi(const void *x, void *y, int n, void *stream)
{
    if (n <= 0) {
        return n == 0 ? 0 : (int) cudaErrorInvalidValue;
    }
    int blocks = (n + 255) / 256;
    sinpi_kernel<<<blocks < 65535 ? blocks : 65535, 256, 0, (cudaStream_t) stream>>>((const double *) x, (double *) y, n);
    return (int) cudaGetLastError();
}

/*
 * fp32: __sinf has an absolute error of at most 2^-21.41 on [-pi, pi], so the argument pi (i + j + 1) / n
 * in (0, 2 pi) is shifted to (-pi, pi) with sin(t) = -sin(t - pi). Per-thread sums stay float (at most
 * n / blockDim.x * ceil(n / gridDim.x) terms each); partial sums are added in double. Bound used by the
 * tests: |result - fp64 result| <= 1e-5 for n <= 10000 (pi^2 * (3.6e-7 sin error + 4.8e-7 argument rounding)
 * plus float accumulation).
 */
__global__ void integration2d_f32_kernel(int n, double *partials)
{
    const float pi_over_n = 3.14159265358979f / n;
    float sum = 0.0f;
    for (int i = blockIdx.x; i < n; i += gridDim.x) {
        float row = 0.0f;
        for (int j = threadIdx.x; j < n; j += blockDim.x) {
            row -= __sinf((float) (i + j + 1) * pi_over_n - 3.14159265358979f);
        }
        sum += row;
    }
    double total = block_sum((double) sum);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = total;
    }
}

/* One block adds the partial sums in a fixed order and scales by h^2. */
__global__ void finish_sum_kernel(const double *partials, int count, double scale, double *result)
{
    double v = 0.0;
    for (int k = threadIdx.x; k < count; k += blockDim.x) {
        v += partials[k];
    }
    v = block_sum(v);
    if (threadIdx.x == 0) {
        result[0] = v * scale;
    }
}

static int integration2d(int n, void *partials, void *result, void *stream, bool fp64)
{
    cudaStream_t s = (cudaStream_t) stream;
    if (n <= 0) {
        return (int) cudaErrorInvalidValue;
    }
    const int blocks = n < INTEGRATION_BLOCKS ? n : INTEGRATION_BLOCKS;
    if (fp64) {
        integration2d_f64_kernel<<<blocks, REDUCE_THREADS, 0, s>>>(n, (double *) partials);
    } else {
        integration2d_f32_kernel<<<blocks, REDUCE_THREADS, 0, s>>>(n, (double *) partials);
    }
    const double h = 3.14159265358979323846 / n;
    finish_sum_kernel<<<1, 1024, 0, s>>>((const double *) partials, blocks, h * h, (double *) result);
    return (int) cudaGetLastError();
}

extern "C" int gatun_integration2d_blocks(void)
{
    return INTEGRATION_BLOCKS;
}

extern "C" int gatun_integration2d_f64(int n, void *partials, void *result, void *stream)
{
    return integration2d(n, partials, result, stream, true);
}

extern "C" int gatun_integration2d_f32(int n, void *partials, void *result, void *stream)
{
    return integration2d(n, partials, result, stream, false);
}

__global__ void my_sqrt_kernel(double *a, int n)
{
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        a[i] = sqrt((double) i);
    }
}

extern "C" int gatun_my_sqrt(void *a, int n, void *stream)
{
    if (n <= 0) {
        return 0;
    }
    int blocks = (n + 255) / 256;
    my_sqrt_kernel<<<blocks < 65535 ? blocks : 65535, 256, 0, (cudaStream_t) stream>>>((double *) a, n);
    return (int) cudaGetLastError();
}

/* A warp per row: coalesced reads of the row, a shuffle reduction. */
__global__ void matvec_rowmajor_kernel(const double *__restrict__ a, const double *__restrict__ x,
                                       double *__restrict__ y, int m, int n)
{
    const int lane = threadIdx.x & 31;
    const long warps = (long) gridDim.x * (blockDim.x / 32);
    for (long row = (long) blockIdx.x * (blockDim.x / 32) + (threadIdx.x >> 5); row < m; row += warps) {
        const double *r = a + row * n;
        double v = 0.0;
        for (int j = lane; j < n; j += 32) {
            v += r[j] * x[j];
        }
        for (int o = 16; o > 0; o >>= 1) {
            v += __shfl_down_sync(0xffffffffu, v, o);
        }
        if (lane == 0) {
            y[row] = v;
        }
    }
}

extern "C" int gatun_matvec_rowmajor(const void *a, const void *x, void *y, int m, int n, void *stream)
{
    if (m <= 0) {
        return 0;
    }
    int blocks = (m + 7) / 8;
    matvec_rowmajor_kernel<<<blocks < 65535 ? blocks : 65535, 256, 0, (cudaStream_t) stream>>>(
        (const double *) a, (const double *) x, (double *) y, m, n);
    return (int) cudaGetLastError();
}

/* The same arithmetic, in the same order, as native/src/main/c/heat.c, so results agree to rounding of FMA. */
__global__ void heat_step_kernel(const double *__restrict__ u, double *__restrict__ v, int nx, int ny,
                                 double cx, double cy, int periodic)
{
    const int j = blockIdx.x * blockDim.x + threadIdx.x;
    const int i = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= nx || j >= ny) {
        return;
    }
    const long c = (long) i * ny + j;
    if (!periodic && (i == 0 || i == nx - 1 || j == 0 || j == ny - 1)) {
        v[c] = u[c];
        return;
    }
    const long up = (long) ((i + nx - 1) % nx) * ny + j;
    const long dn = (long) ((i + 1) % nx) * ny + j;
    const long lf = (long) i * ny + (j + ny - 1) % ny;
    const long rt = (long) i * ny + (j + 1) % ny;
    v[c] = __dadd_rn(__dadd_rn(u[c], __dmul_rn(cx, __dadd_rn(__dadd_rn(u[up], -__dmul_rn(2.0, u[c])), u[dn]))),
                     __dmul_rn(cy, __dadd_rn(__dadd_rn(u[lf], -__dmul_rn(2.0, u[c])), u[rt])));
}

extern "C" int gatun_heat_step(const void *u, void *v, int nx, int ny, double cx, double cy, int periodic, void *stream)
{
    dim3 block(32, 8);
    dim3 grid((ny + 31) / 32, (nx + 7) / 8);
    heat_step_kernel<<<grid, block, 0, (cudaStream_t) stream>>>((const double *) u, (double *) v, nx, ny, cx, cy, periodic);
    return (int) cudaGetLastError();
}

__global__ void heat_spectral_decay_kernel(double2 *c, int nx, int ny, double alpha_t, double scale)
{
    const int j = blockIdx.x * blockDim.x + threadIdx.x;
    const int i = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= nx || j >= ny) {
        return;
    }
    /* FFT order: index k stands for wavenumber k up to the middle, k - N after it. */
    const double m = i <= nx / 2 ? i : i - nx;
    const double k = j <= ny / 2 ? j : j - ny;
    const double four_pi2 = 39.47841760435743447534;
    const double f = exp(-four_pi2 * (m * m / ((double) nx * nx) + k * k / ((double) ny * ny)) * alpha_t) * scale;
    double2 z = c[(long) i * ny + j];
    c[(long) i * ny + j] = make_double2(z.x * f, z.y * f);
}

extern "C" int gatun_heat_spectral_decay(void *coefficients, int nx, int ny, double alpha_t, double scale, void *stream)
{
    dim3 block(32, 8);
    dim3 grid((ny + 31) / 32, (nx + 7) / 8);
    heat_spectral_decay_kernel<<<grid, block, 0, (cudaStream_t) stream>>>((double2 *) coefficients, nx, ny, alpha_t, scale);
    return (int) cudaGetLastError();
}

__global__ void empty_kernel(void)
{
}

extern "C" int gatun_empty(void *stream)
{
    empty_kernel<<<1, 1, 0, (cudaStream_t) stream>>>();
    return (int) cudaGetLastError();
}
