// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends a job that can no longer finish because a rank left it normally. A rank whose {@code main} returns (or that
 * calls {@link Mpi#finalizeMpi()}) waits in {@code MPI_Finalize} for the others, as MPI requires, and that is
 * right while they still compute. But if another rank then waits in a call that needs the one that left (a
 * collective on a communicator it belongs to, a receive from it, a send it must match), nothing will ever
 * complete it, and the job hangs.
 *
 * <p>So a rank that leaves tells the others: one small message per rank on the private exit communicator. A
 * watcher thread in every rank looks for these notices every {@value #POLL_MILLIS} ms. When a thread of its rank
 * has been waiting in the same blocking call for {@value #GRACE_SECONDS} s after a rank that this call needs
 * left (time for messages the leaver sent before leaving to arrive), the watcher aborts the job with a message
 * naming both ranks and the call. Waits that do not involve the rank that left (a receive from another rank,
 * a collective on a communicator without it, {@code ANY_SOURCE} while some other member is still there) are
 * left alone.
 *
 * <p>The watcher calls MPI from its own thread, so it runs only when MPI granted {@link ThreadLevel#MULTIPLE}
 * (what {@link Mpi#init()} asks for); the system property {@value #PROPERTY}{@code =false} turns it off.
 * Threads record what they wait for in a slot of their own (plain writes, then a release store of a counter per
 * blocking call: no fence and no shared atomic in the call path), so a call costs the same with the watcher as
 * without it. The same slots tell the exit hook whether some thread is still inside a call.
 */
final class LeaveWatch {
    /** System property: {@code false} turns the watcher off. */
    static final String PROPERTY = "gatun.mpi.leaveWatch";
    /** {@code peer} of a collective: the call needs every member of the communicator. */
    static final int ALL = Integer.MIN_VALUE;

    static final int REASON_MAIN_RETURNED = 1;
    static final int REASON_FINALIZE = 2;

    private static final int TAG = 0x4741; // notices travel on the exit communicator, which nothing else sends on
    private static final long POLL_MILLIS = 100;
    private static final long GRACE_SECONDS = 2;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;

    /**
     * What one thread is waiting for. Written only by its thread; {@code seq} is odd while it is inside a call, and
     * is written with release semantics ({@link #SEQ}) after the fields it publishes, read with acquire semantics.
     * It also carries what a call needs per thread, so that a call looks up one thread-local at most (none on the
     * first MPI thread): the call's JFR event and the status cell of a receive.
     */
    static final class Slot {
        final Thread thread = Thread.currentThread();
        int seq;
        int comm;
        int peer;
        int[] comms;
        int[] peers;
        String operation;
        String where;
        /**
         * The call's JFR event while JFR runs, else null; touched only by the owning thread. Typed Object so that
         * nothing about this class names the event class, which is loaded only once JFR runs.
         */
        Object event;
        private MemorySegment status;

        /** This thread's cell for the shim's status triple (source, tag, count), made at its first receive. */
        MemorySegment status() {
            MemorySegment cell = status;
            if (cell == null) {
                cell = Arena.ofAuto().allocate(Shim.statusLayout());
                status = cell;
            }
            return cell;
        }
    }

    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(Slot.class, "seq", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The slot of the first thread that called MPI (usually the only one): found without the thread-local lookup. */
    private static Slot first;
    private static final Set<Slot> SLOTS = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(() -> {
        Slot slot = new Slot();
        SLOTS.removeIf(s -> !s.thread.isAlive()); // threads that called MPI and ended: keep the set as small as the live ones
        SLOTS.add(slot);
        if (first == null) {
            first = slot; // a race leaves one of two slots here: either is found correctly through its thread
        }
        return slot;
    });

    // The watcher's state: touched only by the watcher thread, or by start/stop under Mpi's lock.
    private static volatile boolean stopping;
    private static Thread watcher;
    private static int exitComm;
    private static int myRank;
    private static int worldSize;
    private static final Map<Integer, Departure> DEPARTED = new ConcurrentHashMap<>();

    private record Departure(int reason, long nanos) {
        String why() {
            return reason == REASON_MAIN_RETURNED ? "its main returned" : "it called Mpi.finalizeMpi()";
        }
    }

    private LeaveWatch() {
    }

    /** {@return the calling thread's slot} */
    static Slot slot() {
        Slot s = first;
        return s != null && s.thread == Thread.currentThread() ? s : SLOT.get();
    }

    static Slot enter(int comm, int peer, String operation, String where) {
        Slot s = slot();
        // The last call's even seq must be visible before these fields change, or the watcher could read them under the
        // old odd seq (a no-op on x86, which keeps stores in order; a barrier on weaker machines).
        VarHandle.storeStoreFence();
        s.comm = comm;
        s.peer = peer;
        s.comms = null;
        s.peers = null;
        s.operation = operation;
        s.where = where;
        SEQ.setRelease(s, s.seq + 1); // odd: inside (the release store publishes the fields above)
        return s;
    }

    static Slot enter(int[] comms, int[] peers, String operation, String where) {
        Slot s = slot();
        VarHandle.storeStoreFence(); // as above
        s.comms = comms;
        s.peers = peers;
        s.operation = operation;
        s.where = where;
        SEQ.setRelease(s, s.seq + 1);
        return s;
    }

    static void leave(Slot s) {
        SEQ.setRelease(s, s.seq + 1); // even: outside
    }

    /** How many live threads of this process are inside a blocking MPI call now. */
    static int threadsInside() {
        int inside = 0;
        for (Slot s : SLOTS) {
            if (s.thread.isAlive() && ((int) SEQ.getAcquire(s) & 1) != 0) {
                inside++;
            }
        }
        return inside;
    }

    /**
     * Records the world for the notices this rank sends when it leaves, and starts the watcher where MPI granted
     * {@code MPI_THREAD_MULTIPLE} (called by {@link Mpi#init}). A rank at a lower level still tells the others.
     */
    static void start(int exitCommunicator, int rank, int size, boolean multiple) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY)) || size < 2) {
            return;
        }
        exitComm = exitCommunicator;
        myRank = rank;
        worldSize = size;
        if (!multiple) {
            return; // the watcher calls MPI from its own thread
        }
        stopping = false;
        watcher = new Thread(LeaveWatch::watch, "gatun-mpi-leave-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Tells every other rank that this one leaves, then stops the watcher, which must not call MPI once
     * {@code MPI_Finalize} may run. Called once, before the exit barrier.
     */
    static void leaving(int reason) {
        stop();
        if (worldSize < 2 || "false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return;
        }
        // The payload must outlive the freed send requests: a global segment per reason, never written again.
        MemorySegment payload = reason == REASON_MAIN_RETURNED ? Payloads.MAIN_RETURNED : Payloads.FINALIZE;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(Math.max(8, Shim.requestBytes()), 8);
            for (int r = 0; r < worldSize; r++) {
                if (r != myRank && !DEPARTED.containsKey(r)) {
                    Shim.startRequest(Request.KIND_ISEND, payload, 1, Shim.TYPE_INT32, r, TAG, exitComm, cell, "exit notice");
                    Shim.requestFree(cell, "exit notice");
                }
            }
        } catch (RuntimeException e) {
            // A rank that cannot tell the others still leaves; only the early end of a stuck job is lost.
            System.err.println("gatun.mpi: could not tell the other ranks that this one leaves: " + e.getMessage());
        }
    }

    private static final class Payloads {
        static final MemorySegment MAIN_RETURNED = Arena.global().allocate(I);
        static final MemorySegment FINALIZE = Arena.global().allocate(I);

        static {
            MAIN_RETURNED.set(I, 0, REASON_MAIN_RETURNED);
            FINALIZE.set(I, 0, REASON_FINALIZE);
        }
    }

    /** Stops the watcher without a notice (an exit that ends the job by itself, or an abort). */
    static void stop() {
        Thread t = watcher;
        if (t == null) {
            return;
        }
        stopping = true;
        LockSupport.unpark(t);
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watcher = null;
    }

    private static void watch() {
        Map<Slot, long[]> stuck = new HashMap<>(); // slot -> {seq, nanos first seen waiting on a rank that left}
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment flag = arena.allocate(I);
            MemorySegment status = arena.allocate(Shim.statusLayout());
            MemorySegment notice = arena.allocate(I);
            while (!stopping && Mpi.isInitialized()) {
                while (!stopping && Shim.iprobe(Shim.ANY, TAG, exitComm, flag, status, "exit notice")) {
                    int source = status.get(I, 0);
                    Shim.receiveQuietly(notice, source, TAG, exitComm, status);
                    DEPARTED.putIfAbsent(source, new Departure(notice.get(I, 0), System.nanoTime()));
                }
                if (!DEPARTED.isEmpty() && !stopping) {
                    // Members are looked up afresh each round: a freed communicator's index may be reused.
                    check(stuck, new HashMap<>());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                System.err.println("gatun.mpi: the leave watcher stopped: " + e.getMessage());
            }
        }
    }

    private static void check(Map<Slot, long[]> stuck, Map<Integer, int[]> members) {
        long now = System.nanoTime();
        for (Slot s : SLOTS) {
            if (!s.thread.isAlive()) {
                SLOTS.remove(s);
                stuck.remove(s);
                continue;
            }
            int seq = (int) SEQ.getAcquire(s);
            if ((seq & 1) == 0) {
                stuck.remove(s);
                continue;
            }
            int left = leaverNeeded(s, members);
            VarHandle.acquireFence(); // the fields were read before seq is read again
            if (seq != (int) SEQ.getAcquire(s) || left < 0) {
                stuck.remove(s); // the call ended while we looked, or it does not need a rank that left
                continue;
            }
            long[] since = stuck.get(s);
            if (since == null || since[0] != seq) {
                stuck.put(s, new long[] {seq, Math.max(now, DEPARTED.get(left).nanos())});
            } else if (now - since[1] >= TimeUnit.SECONDS.toNanos(GRACE_SECONDS)) {
                Departure d = DEPARTED.get(left);
                Mpi.abortFromWatcher(Mpi.world().describe() + " waits in " + s.operation + " (" + s.where + ")"
                        + " on thread '" + s.thread.getName() + "', which needs rank " + left + " of world, but that rank"
                        + " left the job (" + d.why() + ") and will not take part; aborting the job (MPI_Abort) so that"
                        + " it ends instead of hanging");
                return;
            }
        }
    }

    /** The world rank that left and that the slot's call needs, or -1. */
    private static int leaverNeeded(Slot s, Map<Integer, int[]> members) {
        int[] comms = s.comms;
        int[] peers = s.peers;
        if (comms != null) {
            for (int i = 0; i < comms.length && i < peers.length; i++) {
                int left = leaverNeeded(comms[i], peers[i], members);
                if (left >= 0) {
                    return left;
                }
            }
            return -1;
        }
        return leaverNeeded(s.comm, s.peer, members);
    }

    private static int leaverNeeded(int comm, int peer, Map<Integer, int[]> members) {
        int[] world = members.get(comm);
        if (world == null) {
            try {
                world = Shim.worldRanks(comm, "leave watch");
            } catch (RuntimeException e) {
                return -1; // freed meanwhile: nothing to say about it
            }
            members.put(comm, world);
        }
        if (peer == ALL) {
            for (int w : world) {
                if (DEPARTED.containsKey(w)) {
                    return w;
                }
            }
            return -1;
        }
        if (peer == Shim.ANY) {
            // Any other member may still send; stuck only when every one of them has left.
            int someone = -1;
            for (int w : world) {
                if (w != myRank) {
                    if (!DEPARTED.containsKey(w)) {
                        return -1;
                    }
                    someone = w;
                }
            }
            return someone;
        }
        if (peer < 0 || peer >= world.length) {
            return -1; // PROC_NULL and the like complete by themselves
        }
        return DEPARTED.containsKey(world[peer]) ? world[peer] : -1;
    }
}
