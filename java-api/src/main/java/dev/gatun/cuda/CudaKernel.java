// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A kernel of a loaded {@link CudaModule}, launched with {@code cuLaunchKernel}: CuPy's {@code RawKernel}.
 * {@snippet :
 * CudaKernel scale = module.kernel("scale");
 * scale.launch(LaunchConfig.of(blocks, 256, stream), d, 2.0, n);
 * }
 * For the lowest overhead, keep a {@link KernelArguments} and call
 * {@link #launch(LaunchConfig, KernelArguments)}: it allocates nothing.
 */
public final class CudaKernel {

    private final CudaModule module;
    private final String name;
    private final MemorySegment function;

    CudaKernel(CudaModule module, String name, MemorySegment function) {
        this.module = module;
        this.name = name;
        this.function = function;
    }

    /** {@return the kernel's symbol name} */
    public String name() {
        return name;
    }

    /** {@return the module this kernel belongs to} */
    public CudaModule module() {
        return module;
    }

    /**
     * Queues the kernel with arguments given as Java values (see {@link KernelArguments#of(Object...)}).
     *
     * @param config grid, block, shared memory and stream
     * @param args   the kernel's arguments in order
     */
    public void launch(LaunchConfig config, Object... args) {
        launch(config, KernelArguments.of(args));
    }

    /**
     * Queues the kernel; returns without waiting. Faults inside the kernel surface at the next
     * synchronising call as a {@link CudaException} (for example {@code CUDA_ERROR_ILLEGAL_ADDRESS}).
     *
     * @param config grid, block, shared memory and stream (of the module's device)
     * @param args   the arguments; arrays must be alive and on the module's device
     * @throws CudaException for example {@code CUDA_ERROR_INVALID_VALUE} for a block larger than the device allows
     */
    public void launch(LaunchConfig config, KernelArguments args) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(args, "args");
        CudaDevice device = module.device();
        if (config.stream().device() != device) {
            device.requireSame(config.stream().device(), "config.stream");
        }
        args.check(device);
        MemorySegment stream = config.stream().handle();
        if (module.isClosed()) {
            module.handle();
        }
        device.makeCurrent();
        Dim3 g = config.grid();
        Dim3 b = config.block();
        GpuProfiler.Pending timing = GpuProfiler.begin(device, stream, "kernel", name, 0);
        int status = CudaDriver.Raw.cuLaunchKernel(function, g.x(), g.y(), g.z(), b.x(), b.y(), b.z(),
                config.sharedBytes(), stream, args.pointers(), MemorySegment.NULL);
        GpuProfiler.end(timing, stream, status == DriverStatus.SUCCESS);
        if (status != DriverStatus.SUCCESS) {
            throw DriverStatus.failure(status, "cuLaunchKernel(" + name + ", grid " + g + ", block " + b + ", "
                    + config.sharedBytes() + " shared bytes)");
        }
    }

    /** {@return the kernel's name and device} */
    @Override
    public String toString() {
        return "CudaKernel[" + name + ", device " + module.device().ordinal() + "]";
    }
}
