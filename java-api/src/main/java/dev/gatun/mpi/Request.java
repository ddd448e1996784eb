// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import dev.gatun.array.NdArray;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A nonblocking send or receive in flight ({@code MPI_Request}), made by {@link Communicator#isend} or
 * {@link Communicator#irecv}. MPI reads or writes the array's own memory until the request completes: finish it
 * with {@link #await()}, {@link #test()} or {@link #waitAll}, and do not touch the array before.
 *
 * <h2>The array stays alive while MPI uses it</h2>
 * The request holds its array, so an array in an automatic arena is not freed while the request is pending.
 * An array allocated in an {@link MpiArena} pins that arena: its {@code close()} is refused, naming the pending
 * requests, until they complete. Java offers no public way to stop {@code close()} of other arenas
 * ({@code Arena.ofConfined()}, {@code Arena.ofShared()}); if such an arena is closed under a pending request,
 * MPI may already have written into freed memory, so {@link #await()} and {@link #test()} abort the job with a
 * message instead of carrying on with corrupted memory.
 *
 * <p>A request is used by one thread at a time; its methods are synchronized so that a second thread waits.
 */
public sealed class Request permits PersistentRequest {
    static final int KIND_ISEND = 0;
    static final int KIND_IRECV = 1;
    static final int KIND_SEND_INIT = 2;
    static final int KIND_RECV_INIT = 3;

    private static final int REQUEST_BYTES = Math.max(8, Shim.requestBytes());

    final Communicator communicator;
    final String description;
    final MemorySegment cell;
    private final NdArray array; // held so that an automatic arena's memory outlives the request
    private final MemorySegment memory;
    private final MpiBuffer buffer;
    private final boolean send;
    private final int peer;
    private final int tag;
    private boolean pending;
    private MpiArena pinned;
    private Status last;

    Request(Communicator communicator, int kind, String parameter, NdArray array, MpiBuffer buffer, int peer, int tag) {
        this.communicator = communicator;
        this.array = array;
        this.buffer = buffer;
        this.memory = buffer.segment();
        this.send = kind == KIND_ISEND || kind == KIND_SEND_INIT;
        this.peer = peer;
        this.tag = tag;
        this.description = operationName(kind) + (send ? " to " : " from ") + peerName(peer) + " tag " + tag + " ('" + parameter
                + "', " + buffer.count() + " " + buffer.elementType().displayName() + ")";
        this.cell = Arena.ofAuto().allocate(REQUEST_BYTES, 8);
        Shim.startRequest(kind, memory, buffer.count(), buffer.type(), peer, tag, communicator.handle(), cell, where());
        if (kind == KIND_ISEND || kind == KIND_IRECV) {
            activate();
        }
    }

    /** {@return whether MPI may still be using the array} */
    public synchronized boolean isPending() {
        return pending;
    }

    /** {@return what this request does, for example {@code irecv from rank 1 tag 7 ('data', 100 double)}} */
    @Override
    public String toString() {
        return description + (pending ? ", pending" : ", complete");
    }

    /**
     * Waits until this request completes ({@code MPI_Wait}); afterwards the array may be used again. Waiting on a
     * completed request returns its status again at once.
     *
     * @return for a receive, the sender, tag and number of elements received; for a send, the destination, tag and
     *         number of elements sent
     * @throws MpiException when MPI reports an error (for example {@code MPI_ERR_TRUNCATE})
     */
    public synchronized Status await() {
        if (!pending) {
            return completedStatus();
        }
        requireMemoryAlive("await");
        Mpi.checkCall("await");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(Shim.statusLayout());
            try {
                Shim.await(cell, buffer.type(), status, communicator.handle(), peer, where());
            } finally {
                complete();
            }
            return record(status);
        }
    }

    /**
     * Checks, without blocking, whether this request has completed ({@code MPI_Test}).
     *
     * @return the status as {@link #await()} gives it once complete, empty while MPI still uses the array
     * @throws MpiException when MPI reports an error
     */
    public synchronized Optional<Status> test() {
        if (!pending) {
            return Optional.of(completedStatus());
        }
        requireMemoryAlive("test");
        Mpi.checkCall("test");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment flag = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment status = arena.allocate(Shim.statusLayout());
            boolean done;
            try {
                done = Shim.test(cell, buffer.type(), flag, status, where());
            } catch (MpiException e) {
                complete();
                throw e;
            }
            if (!done) {
                return Optional.empty();
            }
            complete();
            return Optional.of(record(status));
        }
    }

    /**
     * Waits for every request ({@code MPI_Waitall}): the usual end of a halo exchange.
     *
     * @param requests the requests; completed ones are allowed and return their status again
     * @return their statuses, in the order given
     * @throws MpiException when MPI reports an error for any of them (the first is named)
     */
    public static List<Status> waitAll(Request... requests) {
        return waitAll(Arrays.asList(requests));
    }

    /**
     * Waits for every request ({@code MPI_Waitall}).
     *
     * @param requests the requests; completed ones are allowed and return their status again
     * @return their statuses, in the order given
     * @throws MpiException when MPI reports an error for any of them
     */
    public static List<Status> waitAll(List<? extends Request> requests) {
        Objects.requireNonNull(requests, "requests");
        List<Request> active = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Request r = Objects.requireNonNull(requests.get(i), "requests[" + i + "]");
            synchronized (r) {
                if (r.pending) {
                    r.requireMemoryAlive("waitAll");
                    active.add(r);
                }
            }
        }
        if (!active.isEmpty()) {
            Mpi.checkCall("waitAll");
            int n = active.size();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment cells = arena.allocate(ValueLayout.ADDRESS, n);
                MemorySegment types = arena.allocate(ValueLayout.JAVA_INT, n);
                MemorySegment statuses = arena.allocate(ValueLayout.JAVA_INT, 3L * n);
                int[] comms = new int[n];
                int[] peers = new int[n];
                for (int i = 0; i < n; i++) {
                    Request r = active.get(i);
                    cells.setAtIndex(ValueLayout.ADDRESS, i, r.cell);
                    types.setAtIndex(ValueLayout.JAVA_INT, i, r.buffer.type());
                    comms[i] = r.communicator.handle();
                    peers[i] = r.peer;
                }
                try {
                    Shim.waitAll(n, cells, types, statuses, comms, peers, n + " requests, first " + active.getFirst().where());
                } finally {
                    for (Request r : active) {
                        synchronized (r) {
                            r.complete();
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    Request r = active.get(i);
                    synchronized (r) {
                        r.record(statuses.asSlice(12L * i, 12));
                    }
                }
            }
        }
        List<Status> result = new ArrayList<>(requests.size());
        for (Request r : requests) {
            synchronized (r) {
                result.add(r.completedStatus());
            }
        }
        return result;
    }

    // ---- for PersistentRequest ------------------------------------------------------------------

    /** Marks the request active and pins an {@link MpiArena} that owns the array's memory. */
    final void activate() {
        if (!memory.scope().isAlive()) {
            throw new IllegalStateException(description + ": the array's arena is closed; keep it open until the request"
                    + " completes");
        }
        pinned = MpiArena.pin(memory, this);
        pending = true;
    }

    /** Undoes {@link #activate()} for a start that MPI refused. */
    final void deactivate() {
        complete();
    }

    String where() {
        return description + " on " + communicator.describe();
    }

    // ---- internals --------------------------------------------------------------------------------

    private void complete() {
        pending = false;
        if (pinned != null) {
            pinned.unpin(this);
            pinned = null;
        }
    }

    private Status record(MemorySegment status) {
        if (send) {
            last = new Status(peer, tag, buffer.count());
        } else {
            last = new Status(status.getAtIndex(ValueLayout.JAVA_INT, 0), status.getAtIndex(ValueLayout.JAVA_INT, 1),
                    status.getAtIndex(ValueLayout.JAVA_INT, 2));
        }
        return last;
    }

    private Status completedStatus() {
        if (last == null) {
            throw new IllegalStateException(description + ": not started; call start() first");
        }
        return last;
    }

    /** An arena closed under a pending request: MPI may have written into freed memory, so the job must not go on. */
    private void requireMemoryAlive(String operation) {
        if (!memory.scope().isAlive()) {
            Mpi.abort(70, operation + "(): the arena of the array of " + description + " was closed while the request was"
                    + " pending, so MPI may have written into freed memory; allocate nonblocking buffers in an MpiArena,"
                    + " which refuses to close while requests are pending");
        }
        Objects.requireNonNull(array); // the array is held until here on purpose
    }

    private static String operationName(int kind) {
        return switch (kind) {
            case KIND_ISEND -> "isend";
            case KIND_IRECV -> "irecv";
            case KIND_SEND_INIT -> "sendInit";
            default -> "receiveInit";
        };
    }

    private static String peerName(int peer) {
        return peer == Shim.PROC_NULL ? "PROC_NULL" : peer == Shim.ANY ? "any rank" : "rank " + peer;
    }
}
