// SPDX-License-Identifier: Apache-2.0
/**
 * Interop with <a href="http://jcuda.org">JCuda</a>: a JCuda {@code CUdeviceptr} used as a Gatun
 * {@link dev.gatun.cuda.DeviceArray} and a Gatun device array handed to JCuda, without copies, in the
 * device's primary context that both use. See {@link dev.gatun.jcuda.JCudaInterop}.
 *
 * <p>Optional: depend on {@code dev.gatun:gatun-jcuda} only where JCuda code and Gatun code share a GPU.
 */
package dev.gatun.jcuda;
