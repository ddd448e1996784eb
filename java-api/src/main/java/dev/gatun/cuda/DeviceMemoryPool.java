package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A caching device allocator, as CuPy's memory pool: freed blocks are kept per rounded size and
 * handed out again without a {@code cuMemAlloc}/{@code cuMemFree} pair, which synchronise the device.
 *
 * <p>Sizes are rounded up to multiples of 512 bytes. A block given back is reused by the next
 * allocation of the same rounded size; the caller must not free (close) an array while a kernel
 * on another stream still reads it, exactly as with {@code cuMemFree}. When the driver reports
 * out of memory, the pool frees its cached blocks and tries once more before throwing.
 * Thread-safe.
 */
public final class DeviceMemoryPool {

    /** Allocation granularity, as in CuPy. */
    static final long ROUNDING = 512;

    private final CudaDevice device;
    private final Map<Long, ArrayDeque<Long>> free = new HashMap<>();
    private long cachedBytes;
    private long usedBytes;
    private long hits;
    private long misses;

    DeviceMemoryPool(CudaDevice device) {
        this.device = device;
    }

    /** {@return the device this pool allocates on} */
    public CudaDevice device() {
        return device;
    }

    /**
     * Allocates {@code bytes}, reusing a cached block of the same rounded size when there is one.
     *
     * @param bytes the size, {@code >= 0}
     * @return the memory, given back to this pool when released
     * @throws CudaOutOfMemoryException when the device is full even after the cache was released
     */
    DeviceMemory allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: expected >= 0, got " + bytes);
        }
        long size = Math.max(ROUNDING, (bytes + ROUNDING - 1) / ROUNDING * ROUNDING);
        synchronized (this) {
            ArrayDeque<Long> blocks = free.get(size);
            if (blocks != null && !blocks.isEmpty()) {
                long address = blocks.pop();
                cachedBytes -= size;
                usedBytes += size;
                hits++;
                return DeviceMemory.pooled(device, address, size, this);
            }
            misses++;
        }
        long address;
        try {
            address = driverAlloc(size);
        } catch (CudaOutOfMemoryException e) {
            releaseCached();
            address = driverAlloc(size);
        }
        synchronized (this) {
            usedBytes += size;
        }
        return DeviceMemory.pooled(device, address, size, this);
    }

    private long driverAlloc(long size) {
        device.makeCurrent();
        var r = CudaDriver.cuMemAllocV2(size);
        DriverStatus.check(r.result(), "cuMemAlloc_v2(" + size + " bytes on device " + device.ordinal() + ", pool)");
        return r.dptr();
    }

    synchronized void giveBack(long address, long size) {
        free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(address);
        cachedBytes += size;
        usedBytes -= size;
    }

    /**
     * Frees every cached block with {@code cuMemFree}; blocks in use stay.
     *
     * @return the number of bytes returned to the driver
     */
    public long releaseCached() {
        List<Long> addresses = new ArrayList<>();
        long released;
        synchronized (this) {
            free.values().forEach(addresses::addAll);
            free.clear();
            released = cachedBytes;
            cachedBytes = 0;
        }
        device.makeCurrent();
        for (long address : addresses) {
            DriverStatus.check(CudaDriver.Raw.cuMemFreeV2(address), "cuMemFree_v2(device " + device.ordinal() + ", pool)");
        }
        return released;
    }

    /** {@return bytes held in the cache, ready for reuse} */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** {@return bytes handed out and not given back (rounded sizes)} */
    public synchronized long usedBytes() {
        return usedBytes;
    }

    /** {@return allocations served from the cache} */
    public synchronized long hits() {
        return hits;
    }

    /** {@return allocations that went to the driver} */
    public synchronized long misses() {
        return misses;
    }
}
