// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import dev.gatun.profile.GpuWorkEvent;
import dev.gatun.profile.Profiling;
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
 * Times GPU work for {@link GpuWorkEvent}s: a CUDA event recorded on the stream before the work and one
 * after, and the JFR event committed when Gatun next finds the second one complete. Without JFR in the process,
 * or with the JFR event off (the default), {@link #begin} returns {@code null} and nothing else runs.
 */
final class GpuProfiler {

    /** Work queued and not yet seen complete; more than this and the oldest is waited for. */
    private static final int MAX_PENDING = 4096;

    private static final ArrayDeque<Pending> PENDING = new ArrayDeque<>();
    private static final Map<CudaDevice, ArrayDeque<MemorySegment>> FREE_EVENTS = new HashMap<>();

    /** Whether {@link #PENDING} may hold work: read without the lock by {@link #drain}. */
    private static volatile boolean anyPending;

    /** One piece of work being timed. */
    static final class Pending {
        final GpuWorkEvent event;
        final CudaDevice device;
        final MemorySegment start;
        final MemorySegment stop;
        final String kind;
        final String name;
        final long bytes;

        Pending(GpuWorkEvent event, CudaDevice device, MemorySegment start, MemorySegment stop, String kind,
                String name, long bytes) {
            this.event = event;
            this.device = device;
            this.start = start;
            this.stop = stop;
            this.kind = kind;
            this.name = name;
            this.bytes = bytes;
        }
    }

    private GpuProfiler() {
    }

    /**
     * Starts timing work about to be queued on {@code stream} (the device's context is current).
     *
     * @return the timing to hand to {@link #end}, or {@code null} when GPU profiling is off
     */
    static Pending begin(CudaDevice device, MemorySegment stream, String kind, String name, long bytes) {
        if (!Profiling.active()) {
            return null; // no JFR in this process: not even the event class is loaded
        }
        GpuWorkEvent event = new GpuWorkEvent();
        if (!event.isEnabled()) {
            return null;
        }
        return beginEnabled(event, device, stream, kind, name, bytes);
    }

    /**
     * Ends the timing {@link #begin} started: records the second CUDA event when the work was queued, else
     * gives the events back. Does nothing for {@code null}.
     */
    static void end(Pending pending, MemorySegment stream, boolean queued) {
        if (pending != null) {
            endEnabled(pending, stream, queued);
        }
    }

    /** Commits the events of all timed work that has completed; never waits and never throws. */
    static void drain() {
        if (anyPending) {
            drainCompleted();
        }
    }

    private static synchronized Pending beginEnabled(GpuWorkEvent event, CudaDevice device, MemorySegment stream,
            String kind, String name, long bytes) {
        drainCompleted();
        MemorySegment start = takeEvent(device);
        MemorySegment stop = takeEvent(device);
        if (start == null || stop == null) {
            giveBack(device, start);
            giveBack(device, stop);
            return null; // no event could be created: the work runs untimed rather than failing
        }
        if (CudaDriver.Raw.cuEventRecord(start, stream) != DriverStatus.SUCCESS) {
            giveBack(device, start);
            giveBack(device, stop);
            return null;
        }
        event.begin();
        return new Pending(event, device, start, stop, kind, name, bytes);
    }

    private static synchronized void endEnabled(Pending pending, MemorySegment stream, boolean queued) {
        pending.event.end();
        if (!queued || CudaDriver.Raw.cuEventRecord(pending.stop, stream) != DriverStatus.SUCCESS) {
            giveBack(pending.device, pending.start);
            giveBack(pending.device, pending.stop);
            return;
        }
        PENDING.addLast(pending);
        anyPending = true;
        if (PENDING.size() > MAX_PENDING) {
            Pending oldest = PENDING.peekFirst();
            oldest.device.makeCurrent();
            CudaDriver.Raw.cuEventSynchronize(oldest.stop);
            drainCompleted();
        }
    }

    private static synchronized void drainCompleted() {
        List<Pending> done = new ArrayList<>();
        for (Iterator<Pending> it = PENDING.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            p.device.makeCurrent();
            int status = CudaDriver.Raw.cuEventQuery(p.stop);
            if (status == DriverStatus.NOT_READY) {
                continue;
            }
            it.remove();
            if (status == DriverStatus.SUCCESS) {
                done.add(p);
            } else {
                // The work failed; the synchronising call that brought us here reports it with its own name.
                giveBack(p.device, p.start);
                giveBack(p.device, p.stop);
            }
        }
        anyPending = !PENDING.isEmpty();
        if (done.isEmpty()) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment millis = arena.allocate(ValueLayout.JAVA_FLOAT);
            for (Pending p : done) {
                p.device.makeCurrent();
                long nanos = CudaDriver.Raw.cuEventElapsedTimeV2(millis, p.start, p.stop) == DriverStatus.SUCCESS
                        ? Math.round(millis.get(ValueLayout.JAVA_FLOAT, 0) * 1e6) : -1;
                if (nanos >= 0 && p.event.shouldCommit()) {
                    p.event.set(p.kind, p.name, p.device.ordinal(), p.bytes, nanos);
                    p.event.commit();
                }
                giveBack(p.device, p.start);
                giveBack(p.device, p.stop);
            }
        }
    }

    private static MemorySegment takeEvent(CudaDevice device) {
        ArrayDeque<MemorySegment> free = FREE_EVENTS.computeIfAbsent(device, d -> new ArrayDeque<>());
        if (!free.isEmpty()) {
            return free.pop();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            if (CudaDriver.Raw.cuEventCreate(out, 0) != DriverStatus.SUCCESS) {
                return null;
            }
            return out.get(ValueLayout.ADDRESS, 0);
        }
    }

    private static void giveBack(CudaDevice device, MemorySegment event) {
        if (event != null) {
            FREE_EVENTS.computeIfAbsent(device, d -> new ArrayDeque<>()).push(event);
        }
    }
}
