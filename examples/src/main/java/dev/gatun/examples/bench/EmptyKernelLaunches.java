// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench;

import dev.gatun.cuda.Cuda;
import dev.gatun.cuda.CudaCompiler;
import dev.gatun.cuda.CudaDevice;
import dev.gatun.cuda.CudaKernel;
import dev.gatun.cuda.CudaModule;
import dev.gatun.cuda.CudaStream;
import dev.gatun.cuda.KernelArguments;
import dev.gatun.cuda.LaunchConfig;
import dev.gatun.jcuda.JCudaInterop;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * One empty kernel ({@code <<<1, 1>>>}, no parameters), compiled once with NVRTC to a cubin for the
 * device and loaded twice into the same primary context: by Gatun ({@link CudaModule}) and by JCuda
 * ({@code cuModuleLoadData}). Each side launches on its own non-blocking stream, with what stays the
 * same between launches prepared once (Gatun's {@link KernelArguments} and {@link LaunchConfig}).
 *
 * <p>Shared by {@link KernelLaunchBenchmark} (JMH) and {@link KernelLaunchComparison} (a plain main).
 * Not thread-safe: one instance per measuring thread.
 */
final class EmptyKernelLaunches implements AutoCloseable {

    static final String SOURCE = "extern \"C\" __global__ void empty() {}";
    private static final int NON_BLOCKING = 1; // CU_STREAM_NON_BLOCKING, for both sides

    private final CudaModule module;
    private final CudaKernel kernel;
    private final CudaStream stream;
    private final LaunchConfig config;
    private final KernelArguments none = KernelArguments.allocate(0);
    private final CUmodule jcudaModule = new CUmodule();
    private final CUfunction jcudaFunction = new CUfunction();
    private final CUstream jcudaStream = new CUstream();

    private EmptyKernelLaunches(CudaDevice gpu, byte[] cubin) {
        this.module = CudaModule.load(gpu, cubin);
        this.kernel = module.kernel("empty");
        this.stream = CudaStream.create(gpu);
        this.config = LaunchConfig.of(1, 1, stream);
        JCudaInterop.shareContext(gpu);
        check(JCudaDriver.cuModuleLoadData(jcudaModule, cubin), "cuModuleLoadData");
        check(JCudaDriver.cuModuleGetFunction(jcudaFunction, jcudaModule, "empty"), "cuModuleGetFunction(empty)");
        check(JCudaDriver.cuStreamCreate(jcudaStream, NON_BLOCKING), "cuStreamCreate");
    }

    /**
     * Compiles the kernel for device 0 and loads it on both sides.
     *
     * @return the launchers
     * @throws IllegalStateException with the reason when there is no GPU or no NVRTC
     */
    static EmptyKernelLaunches open() {
        Cuda.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("the kernel-launch benchmark needs a GPU: " + reason);
        });
        CudaCompiler.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("the kernel-launch benchmark compiles its kernel with NVRTC: " + reason);
        });
        CudaDevice gpu = Cuda.device(0);
        return new EmptyKernelLaunches(gpu, CudaCompiler.compileToCubin(gpu.computeCapability(), SOURCE, "empty.cu"));
    }

    /** {@return the device, described on one line} */
    String device() {
        return module.device().describe();
    }

    /** Makes the shared primary context current in the calling thread, for JCuda's calls. */
    void shareContext() {
        JCudaInterop.shareContext(module.device());
    }

    /** Queues one launch through Gatun's {@link CudaKernel#launch(LaunchConfig, KernelArguments)}. */
    void gatunLaunch() {
        kernel.launch(config, none);
    }

    /** Waits for Gatun's stream. */
    void gatunSync() {
        stream.synchronize();
    }

    /** Queues one launch through JCuda's {@code cuLaunchKernel} (no parameters: a NULL parameter array). */
    void jcudaLaunch() {
        check(JCudaDriver.cuLaunchKernel(jcudaFunction, 1, 1, 1, 1, 1, 1, 0, jcudaStream, null, null), "cuLaunchKernel");
    }

    /** Waits for JCuda's stream. */
    void jcudaSync() {
        check(JCudaDriver.cuStreamSynchronize(jcudaStream), "cuStreamSynchronize");
    }

    @Override
    public void close() {
        JCudaDriver.cuStreamDestroy(jcudaStream);
        JCudaDriver.cuModuleUnload(jcudaModule);
        stream.close();
        module.close();
    }

    private static void check(int status, String call) {
        if (status != CUresult.CUDA_SUCCESS) {
            throw new IllegalStateException("JCuda " + call + " failed: " + CUresult.stringFor(status));
        }
    }
}
