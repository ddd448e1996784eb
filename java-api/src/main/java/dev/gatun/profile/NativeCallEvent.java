// SPDX-License-Identifier: Apache-2.0
package dev.gatun.profile;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JFR event per native call made through Gatun: generated bindings (their raw layer), the MPI shim. Until JFR
 * starts in the process ({@link Profiling#active()}) no event is created and this class is not even loaded, so
 * a process that records nothing never starts JFR; once JFR runs, the event is off unless a recording enables
 * it ({@code -XX:StartFlightRecording}, or {@value Profiling#PROPERTY}), and then its own
 * {@code shouldCommit()} check is false and the allocation is optimised away. Read a recording with
 * {@code gatun profile FILE.jfr}.
 * {@snippet :
 * NativeCallEvent event = null;
 * if (Profiling.active()) {
 *     event = new NativeCallEvent();
 *     event.begin();
 * }
 * try {
 *     // the downcall
 * } finally {
 *     if (event != null && event.shouldCommit()) {
 *         event.set("kernels", "dot_c", x.byteSize() + y.byteSize());
 *         event.commit();
 *     }
 * }
 * }
 */
@Name(NativeCallEvent.NAME)
@Label("Native Call")
@Category({"Gatun"})
@Description("A call into native code through a Gatun binding")
@StackTrace(false)
public final class NativeCallEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.gatun.NativeCall";

    @Label("Library")
    @Description("The native library, as Gatun loads it (for example kernels, gatun_mpi)")
    String library;

    @Label("Symbol")
    @Description("The native function, or the MPI operation")
    String symbol;

    @Label("Array Bytes")
    @Description("Bytes of the memory passed by pointer (the arrays' segments)")
    @DataAmount
    long bytes;

    /** Creates an event; {@link #begin()} starts its clock. */
    public NativeCallEvent() {
    }

    /**
     * Fills in the call, before {@link #commit()}.
     *
     * @param library the library's name
     * @param symbol  the function's name
     * @param bytes   bytes of the segments passed (0 when none)
     */
    public void set(String library, String symbol, long bytes) {
        this.library = library;
        this.symbol = symbol;
        this.bytes = bytes;
    }
}
