// SPDX-License-Identifier: Apache-2.0
// The fp64 sine of kernels.cu against CUDA's own sinpi: accuracy over random and integration arguments
// (against a long double reference with an exact reduction), and the integration2d kernel against the
// same kernel written with CUDA's sinpi, side by side on one GPU. Built and run by gpu-check.sh:
//   nvcc -O3 -arch=sm_90 sinpi_check.cu -o sinpi_check
#include "../src/main/cuda/kernels.cu"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

__global__ void builtin_sinpi_kernel(const double *x, double *y, int n)
{
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        y[i] = sinpi(x[i]);
    }
}

/* The integration kernel as it was before sinpi_of_product: CUDA's sinpi on the rounded argument. */
__global__ void integration2d_builtin_sinpi_kernel(int n, double *partials)
{
    const double inv_n = 1.0 / n;
    double sum = 0.0;
    for (int i = blockIdx.x; i < n; i += gridDim.x) {
        double row = 0.0;
        for (int j = threadIdx.x; j < n; j += blockDim.x) {
            row += sinpi((double) (i + j + 1) * inv_n);
        }
        sum += row;
    }
    sum = block_sum(sum);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = sum;
    }
}

/* sin(pi x) in long double after an exact reduction x = k/2 + r, |r| <= 1/4. */
static long double reference(double x)
{
    const long double pi = 3.141592653589793238462643383279502884L;
    double t = std::fabs(x) < 0x1p49 ? x : std::fmod(x, 2.0);
    double k = std::rint(2 * t);
    long double r = t - k / 2;
    long long q = (long long) k;
    long double v = (q & 1) ? cosl(pi * r) : sinl(pi * r);
    return (q & 2) ? -v : v;
}

static double ulps(double got, long double exact)
{
    if (exact == 0) {
        return got == 0 ? 0 : INFINITY;
    }
    int e;
    frexpl(exact, &e);
    return (double) (fabsl((long double) got - exact) / ldexpl(1.0L, e - 53));
}

static float median_ms(void (*launch)(int, double *, double *), int n, double *partials, double *result)
{
    cudaEvent_t a, b;
    cudaEventCreate(&a);
    cudaEventCreate(&b);
    std::vector<float> times;
    for (int rep = 0; rep < 14; rep++) {
        cudaEventRecord(a);
        launch(n, partials, result);
        cudaEventRecord(b);
        cudaEventSynchronize(b);
        float ms;
        cudaEventElapsedTime(&ms, a, b);
        if (rep >= 3) {
            times.push_back(ms);
        }
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

static void shipped(int n, double *partials, double *result)
{
    gatun_integration2d_f64(n, partials, result, nullptr);
}

static void builtin(int n, double *partials, double *result)
{
    integration2d_builtin_sinpi_kernel<<<INTEGRATION_BLOCKS, REDUCE_THREADS>>>(n, partials);
    const double h = 3.14159265358979323846 / n;
    finish_sum_kernel<<<1, 1024>>>(partials, INTEGRATION_BLOCKS, h * h, result);
}

int main()
{
    /* Accuracy: 2^24 random arguments in [-4, 4], and every argument (i + j + 1) / n of the n = 100000 integral. */
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> uniform(-4.0, 4.0);
    const int random_count = 1 << 24, n = 100000;
    std::vector<double> x(random_count + 2 * n);
    for (int i = 0; i < random_count; i++) {
        x[i] = uniform(rng);
    }
    for (int m = 1; m <= 2 * n; m++) {
        x[random_count + m - 1] = m * (1.0 / n);
    }
    const int count = (int) x.size();
    double *dx, *dy;
    cudaMalloc(&dx, count * sizeof(double));
    cudaMalloc(&dy, count * sizeof(double));
    cudaMemcpy(dx, x.data(), count * sizeof(double), cudaMemcpyHostToDevice);
    std::vector<double> ours(count), theirs(count);
    gatun_sinpi(dx, dy, count, nullptr);
    cudaMemcpy(ours.data(), dy, count * sizeof(double), cudaMemcpyDeviceToHost);
    builtin_sinpi_kernel<<<4096, 256>>>(dx, dy, count);
    if (cudaMemcpy(theirs.data(), dy, count * sizeof(double), cudaMemcpyDeviceToHost) != cudaSuccess) {
        std::printf("CUDA error: %s\n", cudaGetErrorString(cudaGetLastError()));
        return 1;
    }
    double worst_ours = 0, worst_theirs = 0;
    for (int i = 0; i < count; i++) {
        long double exact = reference(x[i]);
        worst_ours = std::max(worst_ours, ulps(ours[i], exact));
        worst_theirs = std::max(worst_theirs, ulps(theirs[i], exact));
    }
    std::printf("sin(pi x), %d arguments: largest error gatun %.3f ulp, CUDA sinpi %.3f ulp\n", count, worst_ours, worst_theirs);
    std::printf("RESULT sinpi_gatun_max_ulp %.3f ulp\nRESULT sinpi_cuda_max_ulp %.3f ulp\n", worst_ours, worst_theirs);

    /* Speed: the shipped integration2d against the same kernel with CUDA's sinpi, n = 100000 (10^10 points). */
    double *partials, *result;
    cudaMalloc(&partials, INTEGRATION_BLOCKS * sizeof(double));
    cudaMalloc(&result, 2 * sizeof(double));
    float ms_ours = median_ms(shipped, n, partials, result);
    float ms_theirs = median_ms(builtin, n, partials, result + 1);
    double r[2];
    cudaMemcpy(r, result, sizeof r, cudaMemcpyDeviceToHost);
    std::printf("integration2d fp64 n = %d: gatun sine %.3f ms (result %.6e), CUDA sinpi %.3f ms (result %.6e)\n",
                n, ms_ours, r[0], ms_theirs, r[1]);
    std::printf("RESULT c_integration2d_fp64_gatun_ms %.3f ms\nRESULT c_integration2d_fp64_cuda_sinpi_ms %.3f ms\n", ms_ours, ms_theirs);
    return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
