// SPDX-License-Identifier: Apache-2.0
// The C peers of CudaTimings: empty-kernel launch overhead (cuLaunchKernel through the driver API and
// <<<>>> through the runtime, back to back, one synchronisation) and cudaMemcpyAsync from pinned memory.
// Built and run by gpu-check.sh: nvcc -O3 -arch=sm_90 launch_latency.cu -lcuda
#include <cuda.h>
#include <cuda_runtime.h>
#include <chrono>
#include <cstdio>

__global__ void empty() {}

static double now_us() {
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

int main() {
    cudaStream_t s;
    cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking);
    empty<<<1, 1, 0, s>>>();
    cudaStreamSynchronize(s);
    CUfunction f;
    cudaGetFuncBySymbol((cudaFunction_t *) &f, (const void *) empty);
    const int n = 100000;
    double best_drv = 1e30, best_rt = 1e30;
    for (int rep = 0; rep < 7; rep++) {
        double t0 = now_us();
        for (int i = 0; i < n; i++) cuLaunchKernel(f, 1, 1, 1, 1, 1, 1, 0, (CUstream) s, nullptr, nullptr);
        cudaStreamSynchronize(s);
        double t1 = now_us();
        for (int i = 0; i < n; i++) empty<<<1, 1, 0, s>>>();
        cudaStreamSynchronize(s);
        double t2 = now_us();
        if ((t1 - t0) / n < best_drv) best_drv = (t1 - t0) / n;
        if ((t2 - t1) / n < best_rt) best_rt = (t2 - t1) / n;
    }
    printf("RESULT c_launch_driver_us %.3f us\nRESULT c_launch_runtime_us %.3f us\n", best_drv, best_rt);
    size_t bytes = 256u << 20;
    void *h, *d;
    cudaMallocHost(&h, bytes);
    cudaMalloc(&d, bytes);
    cudaEvent_t a, b;
    cudaEventCreate(&a);
    cudaEventCreate(&b);
    float best_h2d = 1e30f, best_d2h = 1e30f, ms;
    for (int rep = 0; rep < 5; rep++) {
        cudaEventRecord(a, s); cudaMemcpyAsync(d, h, bytes, cudaMemcpyHostToDevice, s); cudaEventRecord(b, s);
        cudaEventSynchronize(b); cudaEventElapsedTime(&ms, a, b); if (ms < best_h2d) best_h2d = ms;
        cudaEventRecord(a, s); cudaMemcpyAsync(h, d, bytes, cudaMemcpyDeviceToHost, s); cudaEventRecord(b, s);
        cudaEventSynchronize(b); cudaEventElapsedTime(&ms, a, b); if (ms < best_d2h) best_d2h = ms;
    }
    printf("RESULT c_pinned_h2d_GBps %.3f GB/s\nRESULT c_pinned_d2h_GBps %.3f GB/s\n", bytes / best_h2d / 1e6, bytes / best_d2h / 1e6);
    return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
