// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The callback slots of one Fortran routine's shim, handed out so that several Java threads can call the
 * routine at once, each with its own callbacks, without a lock.
 *
 * <p>A Fortran routine calls its callback through the procedure the shim passes it, which finds the Java
 * upcall in a module variable: Fortran has no per-call closure, and no thread-local storage that the
 * OpenMP worker threads of a routine calling back from a parallel region would share. The shim therefore
 * has {@code slots + 1} copies of that variable and of the procedure reading it. A native call takes a
 * free slot ({@link #acquire()}, one compare-and-set), uses that copy for its whole duration (every thread
 * the routine calls back from sees it), and gives it back ({@link #release(int)}). When every lock-free slot
 * is taken (more concurrent calls than slots, or callbacks calling the routine again that deep), the call
 * takes the last slot under a reentrant lock, which is how every call worked before: it waits, never fails,
 * and a callback may still call the routine again on its own thread (the shim saves and restores the slot).
 */
public final class CallbackSlots {

    /** Lock-free slots a routine's shim gets: enough for the cores of a typical node calling at once. */
    public static final int DEFAULT_SLOTS = 8;

    private final int slots;
    private final AtomicInteger busy = new AtomicInteger();
    private final ReentrantLock shared = new ReentrantLock();

    /**
     * Creates the slots of one routine (or of a group of routines sharing their callback variables).
     *
     * @param slots the lock-free slots, 0 to 31; slot {@code slots} is the locked one
     * @throws IllegalArgumentException when {@code slots} is out of range
     */
    public CallbackSlots(int slots) {
        if (slots < 0 || slots > 31) {
            throw new IllegalArgumentException("slots: expected 0 to 31, got " + slots);
        }
        this.slots = slots;
    }

    /**
     * Takes a slot for one native call: a free lock-free one, else the shared slot once its lock is held.
     *
     * @return the slot, to pass to the shim and then to {@link #release(int)}
     */
    public int acquire() {
        for (;;) {
            int b = busy.get();
            int free = Integer.numberOfTrailingZeros(~b);
            if (free >= slots) {
                shared.lock();
                return slots;
            }
            if (busy.compareAndSet(b, b | 1 << free)) {
                return free;
            }
        }
    }

    /**
     * Gives back a slot taken by {@link #acquire()} on this thread.
     *
     * @param slot the slot
     */
    public void release(int slot) {
        if (slot == slots) {
            shared.unlock();
        } else {
            busy.getAndAdd(-(1 << slot)); // the bit is set: this clears it
        }
    }

    /**
     * Returns the number of lock-free slots; the shim has one more.
     *
     * @return the count given when created
     */
    public int slots() {
        return slots;
    }
}
