// SPDX-License-Identifier: Apache-2.0
/*
 * Launchers of the CUDA kernels: host functions that queue kernels on a stream and return the
 * cudaError_t of the launch (0 on success). Device pointers are declared void *: Gatun's emitter does
 * not yet map the 'device' directive to dev.gatun.cuda.DeviceArray, and a double * would be bound as
 * a host array. dev.gatun.kernels.cuda.GpuKernels wraps these with DeviceArray arguments and checks.
 * stream is a CUstream / cudaStream_t (0: the legacy default stream).
 */
#ifndef GATUN_CUDA_H
#define GATUN_CUDA_H
#ifdef __cplusplus
extern "C" {
#endif

/* Blocks the integration2d launchers use: partials must hold this many doubles. */
int gatun_integration2d_blocks(void);

/* result[0] = h^2 * sum of sin(x_i + y_j), midpoint rule on [0, pi]^2, fp64, deterministic block reduction. */
int gatun_integration2d_f64(int n, void *partials, void *result, void *stream);

/* The same with float arithmetic and __sinf; |error| <= 1e-5 for n <= 10000 (see kernels.cu). */
int gatun_integration2d_f32(int n, void *partials, void *result, void *stream);

/* y[i] = sin(pi x[i]) for 0 <= i < n, within one ulp (the fp64 sine of gatun_integration2d_f64); y may be x. */
int gatun_sinpi(const void *x, void *y, int n, void *stream);

/* a[i] = sqrt(i) for 0 <= i < n. */
int gatun_my_sqrt(void *a, int n, void *stream);

/* y = A x, A m-by-n row-major doubles: one warp per row. */
int gatun_matvec_rowmajor(const void *a, const void *x, void *y, int m, int n, void *stream);

/* One explicit Euler step of the 2D heat equation (5-point stencil), u -> v, as native heat_c. */
int gatun_heat_step(const void *u, void *v, int nx, int ny, double cx, double cy, int periodic, void *stream);

/* Multiplies Fourier coefficients (complex double, nx-by-ny, FFT order) by exp(-4 pi^2 (m^2/nx^2 + n^2/ny^2) alpha t) * scale. */
int gatun_heat_spectral_decay(void *coefficients, int nx, int ny, double alpha_t, double scale, void *stream);

/* An empty kernel, for launch-overhead measurements. */
int gatun_empty(void *stream);

#ifdef __cplusplus
}
#endif
#endif
