// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One CUDA device and its primary context.
 *
 * <p>CUDA makes a context current per native thread, and Java has many threads: every Gatun
 * operation on this device first calls {@link #makeCurrent()}, which costs a thread-local read when
 * the context is already current in the calling thread. The primary context is retained on first
 * use and kept for the life of the process; the CUDA runtime, cuBLAS and JCuda share it.
 */
public final class CudaDevice {

    /** The context each Java thread made current last through Gatun (a cache, checked by identity). */
    private static final ThreadLocal<MemorySegment> CURRENT = new ThreadLocal<>();

    private static final int MAX_THREADS_PER_BLOCK = 1;
    private static final int MAX_SHARED_MEMORY_PER_BLOCK = 8;
    private static final int WARP_SIZE = 10;
    private static final int CLOCK_RATE = 13;
    private static final int MULTIPROCESSOR_COUNT = 16;
    private static final int PCI_BUS_ID = 33;
    private static final int MEMORY_CLOCK_RATE = 36;
    private static final int GLOBAL_MEMORY_BUS_WIDTH = 37;
    private static final int L2_CACHE_SIZE = 38;
    private static final int COMPUTE_CAPABILITY_MAJOR = 75;
    private static final int COMPUTE_CAPABILITY_MINOR = 76;

    private final int ordinal;
    private final int handle;
    private volatile MemorySegment context;
    private volatile DeviceMemoryPool pool;

    CudaDevice(int ordinal, int handle) {
        this.ordinal = ordinal;
        this.handle = handle;
    }

    /** {@return the ordinal, as in {@link Cuda#device(int)}} */
    public int ordinal() {
        return ordinal;
    }

    /** {@return the product name, for example {@code NVIDIA H200}} */
    public String name() {
        var r = CudaDriver.cuDeviceGetName(256, handle);
        DriverStatus.check(r.result(), "cuDeviceGetName(device " + ordinal + ")");
        return r.name();
    }

    /**
     * Returns a device attribute.
     *
     * @param attribute a {@code CUdevice_attribute} value of {@code cuda.h}
     * @return its value
     * @throws CudaException when the driver does not know the attribute
     */
    public int attribute(int attribute) {
        var r = CudaDriver.cuDeviceGetAttribute(attribute, handle);
        DriverStatus.check(r.result(), "cuDeviceGetAttribute(" + attribute + ", device " + ordinal + ")");
        return r.pi();
    }

    /** {@return the compute capability as {@code major * 10 + minor}, for example 90 for Hopper} */
    public int computeCapability() {
        return attribute(COMPUTE_CAPABILITY_MAJOR) * 10 + attribute(COMPUTE_CAPABILITY_MINOR);
    }

    /** {@return the number of streaming multiprocessors} */
    public int multiprocessorCount() {
        return attribute(MULTIPROCESSOR_COUNT);
    }

    /** {@return the largest number of threads in one block} */
    public int maxThreadsPerBlock() {
        return attribute(MAX_THREADS_PER_BLOCK);
    }

    /** {@return the device memory in bytes} */
    public long totalMemory() {
        var r = CudaDriver.cuDeviceTotalMemV2(handle);
        DriverStatus.check(r.result(), "cuDeviceTotalMem_v2(device " + ordinal + ")");
        return r.bytes();
    }

    /** {@return the free device memory in bytes, as the driver counts it now} */
    public long freeMemory() {
        makeCurrent();
        var r = CudaDriver.cuMemGetInfoV2();
        DriverStatus.check(r.result(), "cuMemGetInfo_v2(device " + ordinal + ")");
        return r.free();
    }

    /**
     * {@return the properties a failure report needs, on one line} For example
     * {@code device 0: NVIDIA H200, sm_90, 132 SMs, 139.8 GiB, ...}.
     */
    public String describe() {
        return String.format("device %d: %s, sm_%d, %d SMs, %.1f GiB (%.1f GiB free), warp %d, %d threads/block,"
                        + " %d KiB shared/block, L2 %d MiB, SM clock %d MHz, memory %d-bit at %d MHz, PCI bus %d",
                ordinal, name(), computeCapability(), multiprocessorCount(), totalMemory() / (double) (1L << 30),
                freeMemory() / (double) (1L << 30), attribute(WARP_SIZE), maxThreadsPerBlock(),
                attribute(MAX_SHARED_MEMORY_PER_BLOCK) / 1024, attribute(L2_CACHE_SIZE) >> 20,
                attribute(CLOCK_RATE) / 1000, attribute(GLOBAL_MEMORY_BUS_WIDTH), attribute(MEMORY_CLOCK_RATE) / 1000,
                attribute(PCI_BUS_ID));
    }

    /**
     * Makes this device's primary context current in the calling thread, retaining it on first use.
     * Cheap when it already is (one thread-local read).
     *
     * @throws CudaException when the driver cannot create or set the context
     */
    public void makeCurrent() {
        MemorySegment ctx = context;
        if (ctx == null) {
            ctx = retainPrimaryContext();
        }
        if (CURRENT.get() != ctx) {
            DriverStatus.check(CudaDriver.Raw.cuCtxSetCurrent(ctx), "cuCtxSetCurrent(device " + ordinal + ")");
            CURRENT.set(ctx);
        }
    }

    private synchronized MemorySegment retainPrimaryContext() {
        if (context == null) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
                DriverStatus.check(CudaDriver.Raw.cuDevicePrimaryCtxRetain(out, handle),
                        "cuDevicePrimaryCtxRetain(device " + ordinal + ")");
                context = out.get(ValueLayout.ADDRESS, 0);
            }
        }
        return context;
    }

    /** {@return the primary context handle ({@code CUcontext}), retained and never released} */
    public MemorySegment contextHandle() {
        makeCurrent();
        return context;
    }

    /**
     * Waits until all work on this device is done ({@code cuCtxSynchronize}).
     *
     * @throws CudaException when earlier asynchronous work failed (for example a kernel fault)
     */
    public void synchronize() {
        makeCurrent();
        DriverStatus.check(CudaDriver.Raw.cuCtxSynchronize(), "cuCtxSynchronize(device " + ordinal + ")");
        GpuProfiler.drain();
    }

    /** {@return this device's caching allocator, created on first use} */
    public DeviceMemoryPool memoryPool() {
        DeviceMemoryPool p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = pool = new DeviceMemoryPool(this);
                }
            }
        }
        return p;
    }

    /**
     * Checks that {@code other}, an object of {@code parameter}, lives on this device.
     *
     * @throws IllegalArgumentException naming the parameter and both devices
     */
    void requireSame(CudaDevice other, String parameter) {
        if (other != this) {
            throw new IllegalArgumentException(parameter + ": belongs to device " + other.ordinal
                    + " but this operation runs on device " + ordinal + "; copy it to device " + ordinal + " first");
        }
    }

    /** {@return {@code CudaDevice[ordinal]}} */
    @Override
    public String toString() {
        return "CudaDevice[" + ordinal + "]";
    }
}
