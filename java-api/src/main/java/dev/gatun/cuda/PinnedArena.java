// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Arena} whose memory is page-locked host memory ({@code cuMemHostAlloc}), so that arrays
 * allocated in it are ordinary Gatun host arrays that the GPU copies to and from at full speed and
 * asynchronously. Zero copy on the Java side: {@code DoubleArray.allocate(pinned, n)} is read and
 * written like any other array.
 *
 * <p>Shared: any thread may use the memory. Closing frees every allocation ({@code cuMemFreeHost})
 * after the segments become inaccessible; make sure no queued copy still uses them.
 * {@snippet :
 * try (var pinned = PinnedArena.open(gpu)) {
 *     DoubleArray x = DoubleArray.allocate(pinned, 1 << 20);
 *     d.copyFromAsync(x, stream);
 * }
 * }
 */
public final class PinnedArena implements Arena {

    /** {@code CU_MEMHOSTALLOC_PORTABLE}: pinned for every context, not only the current one. */
    private static final int PORTABLE = 1;
    /** cuMemHostAlloc returns page-aligned memory. */
    private static final long PAGE = 4096;

    private final CudaDevice device;
    private final Arena scope = Arena.ofShared();
    private final List<MemorySegment> blocks = new ArrayList<>();

    private PinnedArena(CudaDevice device) {
        this.device = device;
    }

    /**
     * Opens an arena of page-locked memory; the device's context does the pinning.
     *
     * @param device the device whose context allocates (the memory is usable by all devices)
     * @return the arena
     */
    public static PinnedArena open(CudaDevice device) {
        return new PinnedArena(device);
    }

    /**
     * Allocates page-locked memory, zero-filled.
     *
     * @param byteSize      the size in bytes
     * @param byteAlignment at most 4096 (pinned blocks are page-aligned)
     * @return a segment of this arena's scope
     * @throws CudaOutOfMemoryException when the driver cannot pin that much
     */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (byteSize < 0) {
            throw new IllegalArgumentException("byteSize: expected >= 0, got " + byteSize);
        }
        if (byteAlignment <= 0 || byteAlignment > PAGE || Long.bitCount(byteAlignment) != 1) {
            throw new IllegalArgumentException("byteAlignment: expected a power of two <= " + PAGE + ", got " + byteAlignment);
        }
        device.makeCurrent();
        MemorySegment block;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            DriverStatus.check(CudaDriver.Raw.cuMemHostAlloc(out, Math.max(1, byteSize), PORTABLE),
                    "cuMemHostAlloc(" + byteSize + " bytes)");
            block = out.get(ValueLayout.ADDRESS, 0);
        }
        synchronized (blocks) {
            blocks.add(block);
        }
        MemorySegment segment = block.reinterpret(byteSize, scope, null);
        segment.fill((byte) 0);
        return segment;
    }

    @Override
    public MemorySegment.Scope scope() {
        return scope.scope();
    }

    /** Makes the segments inaccessible, then unpins and frees every block. */
    @Override
    public void close() {
        scope.close();
        device.makeCurrent();
        synchronized (blocks) {
            for (MemorySegment block : blocks) {
                DriverStatus.check(CudaDriver.Raw.cuMemFreeHost(block), "cuMemFreeHost");
            }
            blocks.clear();
        }
    }
}
