// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A CUDA stream: work queued on it runs in order, concurrently with other streams. The
 * {@linkplain #legacyDefault(CudaDevice) legacy default stream} synchronises with all blocking streams.
 *
 * <p>Closing a stream waits for its work and destroys it; using it afterwards is an exception.
 */
public final class CudaStream implements AutoCloseable {

    /** {@code CU_STREAM_NON_BLOCKING}: no implicit synchronisation with the legacy default stream. */
    private static final int NON_BLOCKING = 1;

    private final CudaDevice device;
    private final MemorySegment handle;
    private final boolean owned;
    private volatile boolean closed;

    private CudaStream(CudaDevice device, MemorySegment handle, boolean owned) {
        this.device = device;
        this.handle = handle;
        this.owned = owned;
    }

    /**
     * Creates a non-blocking stream on {@code device}.
     *
     * @param device the device
     * @return the stream; close it when done
     */
    public static CudaStream create(CudaDevice device) {
        device.makeCurrent();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            DriverStatus.check(CudaDriver.Raw.cuStreamCreate(out, NON_BLOCKING),
                    "cuStreamCreate(device " + device.ordinal() + ")");
            return new CudaStream(device, out.get(ValueLayout.ADDRESS, 0), true);
        }
    }

    /**
     * The legacy default stream of {@code device} (handle 0); closing it does nothing.
     *
     * @param device the device
     * @return the stream
     */
    public static CudaStream legacyDefault(CudaDevice device) {
        return new CudaStream(device, MemorySegment.NULL, false);
    }

    /**
     * Wraps a stream created elsewhere (JCuda, a CUDA runtime library); closing it does nothing.
     *
     * @param device the device the stream belongs to
     * @param handle the {@code CUstream} value
     * @return the stream
     */
    public static CudaStream wrap(CudaDevice device, long handle) {
        return new CudaStream(device, MemorySegment.ofAddress(handle), false);
    }

    /** {@return the device of this stream} */
    public CudaDevice device() {
        return device;
    }

    /**
     * {@return the {@code CUstream} handle, for raw driver calls}
     *
     * @throws IllegalStateException when the stream was closed
     */
    public MemorySegment handle() {
        if (closed) {
            throw new IllegalStateException("stream on device " + device.ordinal() + " was closed; create a new one");
        }
        return handle;
    }

    /** Waits until all work queued on this stream is done. @throws CudaException when queued work failed */
    public void synchronize() {
        device.makeCurrent();
        DriverStatus.check(CudaDriver.Raw.cuStreamSynchronize(handle()), "cuStreamSynchronize(device " + device.ordinal() + ")");
        GpuProfiler.drain();
    }

    /** {@return whether all queued work is done, without waiting} @throws CudaException when queued work failed */
    public boolean isComplete() {
        device.makeCurrent();
        int status = CudaDriver.Raw.cuStreamQuery(handle());
        if (status == DriverStatus.NOT_READY) {
            return false;
        }
        DriverStatus.check(status, "cuStreamQuery(device " + device.ordinal() + ")");
        return true;
    }

    /**
     * Makes later work on this stream wait until {@code event} has completed.
     *
     * @param event an event recorded on any stream of the same device
     */
    public void waitFor(CudaEvent event) {
        device.requireSame(event.device(), "event");
        device.makeCurrent();
        DriverStatus.check(CudaDriver.Raw.cuStreamWaitEvent(handle(), event.handle(), 0), "cuStreamWaitEvent");
    }

    /** Waits for the queued work, then destroys the stream. Does nothing for wrapped or default streams. */
    @Override
    public void close() {
        if (closed || !owned) {
            return;
        }
        synchronize();
        closed = true;
        DriverStatus.check(CudaDriver.Raw.cuStreamDestroyV2(handle), "cuStreamDestroy_v2");
    }
}
