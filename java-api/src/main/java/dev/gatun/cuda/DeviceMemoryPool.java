// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A caching device allocator, as CuPy's memory pool: freed blocks are kept per rounded size and
 * handed out again without a {@code cuMemAlloc}/{@code cuMemFree} pair, which synchronise the device.
 *
 * <p>Blocks are stream-ordered. Each allocation names the stream its array is used on; closing the array
 * records an event on that stream, and a later allocation on another stream is made to wait for that
 * event ({@code cuStreamWaitEvent}, no host synchronisation) before it gets the block. So a block can
 * be reused at once on its own stream, and safely on any other, without the device-wide wait
 * {@code cuMemFree} would cost. As with CuPy and PyTorch, work on other streams that uses the array
 * must be ordered before its stream's close point (record an event there and
 * {@link CudaStream#waitFor(CudaEvent) wait for it}) — the pool only knows the stream it was given.
 *
 * <p>Sizes are rounded up to multiples of 512 bytes. When the driver reports out of memory, the pool
 * frees its cached blocks and tries once more before throwing. Thread-safe.
 */
public final class DeviceMemoryPool {

    /** Allocation granularity, as in CuPy. */
    static final long ROUNDING = 512;

    /** {@code CU_EVENT_DISABLE_TIMING}: events that only order work are cheaper without timestamps. */
    private static final int ORDERING_EVENT = 0x2;

    /**
     * A cached block, the stream it was last used on and the event recorded there when it was given back
     * (null when that stream had been closed, which synchronised it: nothing is pending).
     */
    private record Block(long address, long stream, MemorySegment event) {
    }

    private final CudaDevice device;
    private final Map<Long, ArrayDeque<Block>> free = new HashMap<>();
    private final ArrayDeque<MemorySegment> spareEvents = new ArrayDeque<>();
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
     * Allocates {@code bytes} for use on {@code stream}, reusing a cached block of the same rounded size
     * when there is one: preferably one last used on the same stream, else one whose earlier work
     * {@code stream} is made to wait for.
     *
     * @param bytes  the size, {@code >= 0}
     * @param stream the stream the memory will be used on
     * @return the memory, given back to this pool when released
     * @throws CudaOutOfMemoryException when the device is full even after the cache was released
     */
    DeviceMemory allocate(long bytes, CudaStream stream) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: expected >= 0, got " + bytes);
        }
        device.requireSame(stream.device(), "stream");
        long size = Math.max(ROUNDING, (bytes + ROUNDING - 1) / ROUNDING * ROUNDING);
        long key = stream.handle().address();
        Block taken = null;
        synchronized (this) {
            ArrayDeque<Block> blocks = free.get(size);
            if (blocks != null && !blocks.isEmpty()) {
                taken = takePreferring(blocks, key);
                cachedBytes -= size;
                usedBytes += size;
                hits++;
            } else {
                misses++;
            }
        }
        Block block = taken;
        if (block != null) {
            if (block.event() != null) {
                if (block.stream() != key) {
                    device.makeCurrent();
                    try {
                        DriverStatus.check(CudaDriver.Raw.cuStreamWaitEvent(stream.handle(), block.event(), 0),
                                "cuStreamWaitEvent(device " + device.ordinal() + ", pool)");
                    } catch (RuntimeException e) {
                        synchronized (this) { // not handed out after all: keep it cached
                            cache(block, size);
                            hits--;
                        }
                        throw e;
                    }
                }
                spare(block.event()); // the wait captured the event's work; it may be recorded again
            }
            return DeviceMemory.pooled(device, block.address(), size, this, stream);
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
        return DeviceMemory.pooled(device, address, size, this, stream);
    }

    private static Block takePreferring(ArrayDeque<Block> blocks, long stream) {
        for (Iterator<Block> it = blocks.iterator(); it.hasNext(); ) {
            Block b = it.next();
            if (b.stream() == stream || b.event() == null) {
                it.remove();
                return b;
            }
        }
        return blocks.pop();
    }

    private long driverAlloc(long size) {
        device.makeCurrent();
        var r = CudaDriver.cuMemAllocV2(size);
        DriverStatus.check(r.result(), "cuMemAlloc_v2(" + size + " bytes on device " + device.ordinal() + ", pool)");
        return r.dptr();
    }

    /** Takes a block back: records where its stream stands, so a reuse on another stream can wait for it. */
    void giveBack(long address, long size, CudaStream stream) {
        MemorySegment event = null;
        long key = 0;
        try {
            key = stream.handle().address(); // throws when the stream was closed (and so synchronised)
            device.makeCurrent();
            event = spareEvent();
            DriverStatus.check(CudaDriver.Raw.cuEventRecord(event, stream.handle()), "cuEventRecord(device "
                    + device.ordinal() + ", pool)");
        } catch (IllegalStateException closed) {
            if (event != null) {
                spare(event);
            }
            event = null;
        }
        synchronized (this) {
            cache(new Block(address, key, event), size);
        }
    }

    /** Puts a block handed out earlier back into the cache; the caller holds this pool's lock. */
    private void cache(Block block, long size) {
        free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(block);
        cachedBytes += size;
        usedBytes -= size;
    }

    private synchronized void spare(MemorySegment event) {
        spareEvents.push(event);
    }

    private MemorySegment spareEvent() {
        synchronized (this) {
            if (!spareEvents.isEmpty()) {
                return spareEvents.pop();
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            DriverStatus.check(CudaDriver.Raw.cuEventCreate(out, ORDERING_EVENT), "cuEventCreate(device "
                    + device.ordinal() + ", pool)");
            return out.get(ValueLayout.ADDRESS, 0);
        }
    }

    /**
     * Frees every cached block with {@code cuMemFree} (which waits for the work still using it); blocks in
     * use stay.
     *
     * @return the number of bytes returned to the driver
     */
    public long releaseCached() {
        List<Block> blocks = new ArrayList<>();
        List<MemorySegment> events;
        long released;
        synchronized (this) {
            free.values().forEach(blocks::addAll);
            free.clear();
            events = new ArrayList<>(spareEvents);
            spareEvents.clear();
            released = cachedBytes;
            cachedBytes = 0;
        }
        device.makeCurrent();
        for (Block b : blocks) {
            DriverStatus.check(CudaDriver.Raw.cuMemFreeV2(b.address()), "cuMemFree_v2(device " + device.ordinal() + ", pool)");
            if (b.event() != null) {
                events.add(b.event());
            }
        }
        for (MemorySegment e : events) {
            DriverStatus.check(CudaDriver.Raw.cuEventDestroyV2(e), "cuEventDestroy_v2(device " + device.ordinal() + ", pool)");
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
