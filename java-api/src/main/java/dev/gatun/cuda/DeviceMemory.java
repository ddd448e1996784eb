// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;

/**
 * One block of device memory and who gives it back: the driver ({@code cuMemFree}), a
 * {@link DeviceMemoryPool}, or nobody (memory wrapped from another library).
 *
 * <p>The freed flag makes use after free an exception: every operation reads {@link #address(String)}.
 */
final class DeviceMemory {

    final CudaDevice device;
    final long address;
    final long bytes;
    private final DeviceMemoryPool pool;
    private final CudaStream stream;
    private final boolean owned;
    private volatile boolean freed;

    private DeviceMemory(CudaDevice device, long address, long bytes, DeviceMemoryPool pool, CudaStream stream,
                         boolean owned) {
        this.device = device;
        this.address = address;
        this.bytes = bytes;
        this.pool = pool;
        this.stream = stream;
        this.owned = owned;
    }

    /** Allocates with {@code cuMemAlloc}; out of memory throws {@link CudaOutOfMemoryException}. */
    static DeviceMemory allocate(CudaDevice device, long bytes) {
        device.makeCurrent();
        // cuMemAlloc refuses 0 bytes; an empty array still gets a (1-byte) address of its own.
        var r = CudaDriver.cuMemAllocV2(Math.max(1, bytes));
        DriverStatus.check(r.result(), "cuMemAlloc_v2(" + bytes + " bytes on device " + device.ordinal() + ")");
        return new DeviceMemory(device, r.dptr(), bytes, null, null, true);
    }

    /** Memory handed out by {@code pool} for use on {@code stream}: released back to it. */
    static DeviceMemory pooled(CudaDevice device, long address, long bytes, DeviceMemoryPool pool, CudaStream stream) {
        return new DeviceMemory(device, address, bytes, pool, stream, true);
    }

    /** Memory another library owns: never freed by Gatun. */
    static DeviceMemory borrowed(CudaDevice device, long address, long bytes) {
        return new DeviceMemory(device, address, bytes, null, null, false);
    }

    /**
     * The address, checked: the memory must not have been freed.
     *
     * @param what the array, for the message
     */
    long address(String what) {
        if (freed) {
            throw new IllegalStateException(what + " was freed (closed); allocate a new device array");
        }
        return address;
    }

    boolean isFreed() {
        return freed;
    }

    boolean isOwned() {
        return owned;
    }

    /** Frees once; later calls do nothing. */
    synchronized void release() {
        if (freed) {
            return;
        }
        freed = true;
        if (!owned) {
            return;
        }
        if (pool != null) {
            pool.giveBack(address, bytes, stream);
        } else {
            device.makeCurrent();
            DriverStatus.check(CudaDriver.Raw.cuMemFreeV2(address), "cuMemFree_v2(device " + device.ordinal() + ")");
        }
    }
}
