// SPDX-License-Identifier: Apache-2.0
/**
 * CUDA from Java without JNI: the driver API ({@code libcuda.so.1}) through FFM with bindings that
 * Gatun generated from {@code cuda.h}.
 *
 * <p>{@link dev.gatun.cuda.Cuda} lists devices; {@link dev.gatun.cuda.CudaDevice} makes its primary
 * context current in each Java thread; {@link dev.gatun.cuda.DeviceArray} holds typed N-d arrays in
 * device memory (never readable as host memory), {@link dev.gatun.cuda.PinnedArena} gives page-locked
 * ordinary host arrays, {@link dev.gatun.cuda.DeviceMemoryPool} caches allocations;
 * {@link dev.gatun.cuda.CudaStream}, {@link dev.gatun.cuda.CudaEvent}, {@link dev.gatun.cuda.CudaModule},
 * {@link dev.gatun.cuda.CudaKernel} and {@link dev.gatun.cuda.CudaCompiler} (NVRTC) run device code;
 * {@link dev.gatun.cuda.Cublas} and {@link dev.gatun.cuda.CufftPlan2d} call the toolkit's libraries.
 * Every failing status becomes a {@link dev.gatun.cuda.CudaException} with the library's own names.
 */
package dev.gatun.cuda;
