// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shared arena for the buffers of nonblocking MPI operations: {@link #close()} is refused while a
 * {@link Request} on memory of this arena is pending, because MPI would go on writing into freed memory.
 *
 * <p>Why a separate arena: the FFM API keeps memory alive only during a downcall and offers no public way to
 * acquire an arena for longer, so a plain {@code Arena.ofShared()} can be closed while MPI still owns a
 * buffer. This arena is an ordinary {@link Arena} (allocate Gatun arrays in it as in any other) that counts
 * the requests on its memory.
 * {@snippet :
 * try (MpiArena arena = MpiArena.open()) {
 *     DoubleArray halo = DoubleArray.allocate(arena, n);
 *     Request r = world.irecv(halo, left, 0);
 *     // arena.close() here would throw IllegalStateException naming r
 *     r.await();
 * }
 * }
 * This class is thread-safe.
 */
public final class MpiArena implements Arena {
    private static final Map<MemorySegment.Scope, MpiArena> OPEN = new ConcurrentHashMap<>();

    private final Arena shared = Arena.ofShared();
    private final Set<Request> pending = new LinkedHashSet<>();
    private boolean closed;

    private MpiArena() {
        OPEN.put(shared.scope(), this);
    }

    /** {@return a new open arena, usable from any thread} */
    public static MpiArena open() {
        return new MpiArena();
    }

    /**
     * Allocates memory that stays valid until {@link #close()}.
     *
     * @param byteSize  the size in bytes
     * @param byteAlignment the alignment, a power of two
     * @return the zero-filled segment
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        return shared.allocate(byteSize, byteAlignment);
    }

    /** {@return the lifetime of this arena's memory} */
    @Override
    public MemorySegment.Scope scope() {
        return shared.scope();
    }

    /** {@return the requests on this arena's memory that have not completed} */
    public synchronized List<Request> pendingRequests() {
        return List.copyOf(pending);
    }

    /**
     * Frees every segment of this arena.
     *
     * @throws IllegalStateException while requests on its memory are pending (they are named), or when another
     *                               thread is in a downcall with its memory
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (!pending.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Request r : pending) {
                names.add(r.description);
            }
            throw new IllegalStateException("MpiArena.close(): " + pending.size() + " nonblocking request"
                    + (pending.size() == 1 ? " is" : "s are") + " still pending on its memory (" + String.join("; ", names)
                    + "); complete them with await() or Request.waitAll first");
        }
        shared.close();
        closed = true;
        OPEN.remove(shared.scope());
    }

    /** Records {@code request} on the arena owning {@code memory}, if that is an MpiArena; returns it or null. */
    static MpiArena pin(MemorySegment memory, Request request) {
        MpiArena arena = OPEN.get(memory.scope());
        if (arena == null) {
            return null;
        }
        synchronized (arena) {
            if (arena.closed) {
                throw new IllegalStateException(request.description + ": its MpiArena is closed");
            }
            arena.pending.add(request);
        }
        return arena;
    }

    synchronized void unpin(Request request) {
        pending.remove(request);
    }
}
