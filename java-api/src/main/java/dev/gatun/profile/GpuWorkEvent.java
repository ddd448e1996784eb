// SPDX-License-Identifier: Apache-2.0
package dev.gatun.profile;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JFR event per piece of GPU work Gatun queues: a kernel launch or a copy between host and device.
 * GPU work runs after the call that queued it returns, so its time is measured on the GPU, with a pair of
 * CUDA events recorded on the stream around it (stream-ordered, as {@code nsys} and CuPy's profiler measure
 * it), and the event is committed once Gatun sees the work complete: at the next synchronising call
 * ({@code CudaStream.synchronize}, {@code CudaDevice.synchronize}, a synchronous copy) or the next launch.
 * The JFR event's own start and end are the host-side queueing; {@link #gpuNanos()} is the GPU time.
 *
 * <p>Off unless a recording enables it ({@value Profiling#PROPERTY}, or {@code -XX:StartFlightRecording}
 * with {@code +dev.gatun.GpuWork#enabled=true}); then no CUDA event is created and a launch costs what it
 * cost without profiling. {@code gatun profile FILE.jfr} lists GPU work below the native calls.
 */
@Name(GpuWorkEvent.NAME)
@Label("GPU Work")
@Category({"Gatun"})
@Description("A kernel launch or a copy queued on a CUDA stream through Gatun, with its GPU time")
@StackTrace(false)
public final class GpuWorkEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.gatun.GpuWork";

    @Label("Kind")
    @Description("kernel, copy HtoD, copy DtoH or copy DtoD")
    String kind;

    @Label("Name")
    @Description("The kernel's name, or the copy's direction")
    String name;

    @Label("Device")
    int device;

    @Label("Bytes")
    @Description("Bytes copied (0 for a kernel)")
    @DataAmount
    long bytes;

    @Label("GPU Time")
    @Description("Time between the CUDA events recorded on the stream before and after the work")
    @Timespan(Timespan.NANOSECONDS)
    long gpuNanos;

    /** Creates an event; {@link #begin()} starts its (host-side) clock. */
    public GpuWorkEvent() {
    }

    /**
     * Fills in the work, before {@link #commit()}.
     *
     * @param kind     {@code kernel}, {@code copy HtoD}, {@code copy DtoH} or {@code copy DtoD}
     * @param name     the kernel's name, or the kind again for a copy
     * @param device   the device ordinal
     * @param bytes    bytes copied, 0 for a kernel
     * @param gpuNanos GPU time in nanoseconds
     */
    public void set(String kind, String name, int device, long bytes, long gpuNanos) {
        this.kind = kind;
        this.name = name;
        this.device = device;
        this.bytes = bytes;
        this.gpuNanos = gpuNanos;
    }

    /** {@return the GPU time in nanoseconds, as set} */
    public long gpuNanos() {
        return gpuNanos;
    }
}
