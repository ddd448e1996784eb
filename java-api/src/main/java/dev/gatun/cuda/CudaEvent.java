// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A CUDA event: a marker recorded on a stream, for waiting and for timing GPU work
 * ({@link #elapsedMillis(CudaEvent, CudaEvent)}, about 0.5 us resolution).
 */
public final class CudaEvent implements AutoCloseable {

    private final CudaDevice device;
    private final MemorySegment handle;
    private volatile boolean closed;

    private CudaEvent(CudaDevice device, MemorySegment handle) {
        this.device = device;
        this.handle = handle;
    }

    /**
     * Creates a timing event on {@code device}.
     *
     * @param device the device
     * @return the event; close it when done
     */
    public static CudaEvent create(CudaDevice device) {
        device.makeCurrent();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            DriverStatus.check(CudaDriver.Raw.cuEventCreate(out, 0), "cuEventCreate(device " + device.ordinal() + ")");
            return new CudaEvent(device, out.get(ValueLayout.ADDRESS, 0));
        }
    }

    /** {@return the device of this event} */
    public CudaDevice device() {
        return device;
    }

    /** {@return the {@code CUevent} handle} @throws IllegalStateException when closed */
    public MemorySegment handle() {
        if (closed) {
            throw new IllegalStateException("event on device " + device.ordinal() + " was closed; create a new one");
        }
        return handle;
    }

    /**
     * Records this event on {@code stream}: it completes when the work queued before it does.
     *
     * @param stream a stream of the same device
     * @return this event
     */
    public CudaEvent record(CudaStream stream) {
        device.requireSame(stream.device(), "stream");
        device.makeCurrent();
        DriverStatus.check(CudaDriver.Raw.cuEventRecord(handle(), stream.handle()), "cuEventRecord");
        return this;
    }

    /** Waits until the event has completed. @throws CudaException when the work before it failed */
    public void synchronize() {
        device.makeCurrent();
        DriverStatus.check(CudaDriver.Raw.cuEventSynchronize(handle()), "cuEventSynchronize");
        GpuProfiler.drain();
    }

    /**
     * Returns the GPU time between two completed events.
     *
     * @param start recorded first
     * @param end   recorded after {@code start}; synchronise on it first
     * @return milliseconds
     * @throws CudaException with {@code CUDA_ERROR_NOT_READY} when an event has not completed
     */
    public static float elapsedMillis(CudaEvent start, CudaEvent end) {
        start.device.requireSame(end.device, "end");
        start.device.makeCurrent();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.JAVA_FLOAT);
            DriverStatus.check(CudaDriver.Raw.cuEventElapsedTimeV2(out, start.handle(), end.handle()), "cuEventElapsedTime_v2");
            return out.get(ValueLayout.JAVA_FLOAT, 0);
        }
    }

    /** Destroys the event; later use is an exception. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            device.makeCurrent();
            DriverStatus.check(CudaDriver.Raw.cuEventDestroyV2(handle), "cuEventDestroy_v2");
        }
    }
}
