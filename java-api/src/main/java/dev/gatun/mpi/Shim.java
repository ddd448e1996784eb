// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import dev.gatun.load.NativeLibrary;
import dev.gatun.load.NativeLoadException;
import dev.gatun.profile.NativeCallEvent;
import dev.gatun.profile.Profiling;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The downcalls into {@code libgatun_mpi.so}, the C shim built by {@code gatun-mpi-shim} with {@code mpicc}
 * against the local {@code mpi.h}. Java passes only Gatun's own integer codes and table indices, never an
 * MPI handle, so one Java build runs over Open MPI and MPICH alike. The codes mirror {@code gatun_mpi.h}.
 */
final class Shim {
    static final int SHIM_VERSION = 3;

    static final int COMM_WORLD = 0;
    static final int COMM_SELF = 1;
    static final int ANY = -1; // ANY_SOURCE, ANY_TAG and UNDEFINED share the value in the shim
    static final int PROC_NULL = -2;

    static final int TYPE_BYTE = 0;
    static final int TYPE_INT32 = 1;
    static final int TYPE_INT64 = 2;
    static final int TYPE_FLOAT = 3;
    static final int TYPE_DOUBLE = 4;
    static final int TYPE_COMPLEX_DOUBLE = 5;

    private static final int TEXT_CAPACITY = 8192; // MPICH's MPI_MAX_LIBRARY_VERSION_STRING

    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout P = ValueLayout.ADDRESS;

    private Shim() {
    }

    /**
     * Before a blocking MPI call: tells {@link LeaveWatch} what the thread waits for ({@code peer}: a rank of
     * {@code comm}, {@link #ANY} or {@link LeaveWatch#ALL} for a collective), which also counts the thread in for the
     * exit hook (MPI_Finalize would be erroneous while a thread is inside a call); starts the call's JFR event once
     * JFR runs (else null).
     */
    private static LeaveWatch.Slot enter(int comm, int peer, String operation, String where) {
        LeaveWatch.Slot slot = LeaveWatch.enter(comm, peer, operation, where);
        slot.event = startEvent();
        return slot;
    }

    private static LeaveWatch.Slot enter(int[] comms, int[] peers, String operation, String where) {
        LeaveWatch.Slot slot = LeaveWatch.enter(comms, peers, operation, where);
        slot.event = startEvent();
        return slot;
    }

    private static NativeCallEvent startEvent() {
        if (!Profiling.active()) {
            return null; // no JFR in this process: not even the event class is loaded
        }
        NativeCallEvent event = new NativeCallEvent();
        event.begin();
        return event;
    }

    /** After it: counts the thread out, records the event when a recording wants it. */
    private static void leave(LeaveWatch.Slot slot, String operation, long bytes) {
        LeaveWatch.leave(slot);
        Object started = slot.event;
        if (started != null) {
            slot.event = null;
            NativeCallEvent event = (NativeCallEvent) started;
            if (event.shouldCommit()) {
                event.set("gatun_mpi", operation, bytes);
                event.commit();
            }
        }
    }

    /** Resolved on first use, so that loading {@code dev.gatun.mpi} classes never needs MPI installed. */
    private static final class Handles {
        // A failed load is kept and thrown again by library() on every call, instead of failing this class's
        // initialisation once (ExceptionInInitializerError) and then with an uninformative NoClassDefFoundError.
        static final NativeLoadException FAILURE;
        static final NativeLibrary LIBRARY;

        static {
            NativeLibrary library = null;
            NativeLoadException failure = null;
            try {
                library = load();
            } catch (NativeLoadException e) {
                failure = e;
            }
            LIBRARY = library;
            FAILURE = failure;
        }

        static final MethodHandle SHIM_VERSION = handle("gatun_mpi_shim_version", FunctionDescriptor.of(I));
        static final MethodHandle LIBRARY_VERSION = handle("gatun_mpi_library_version", FunctionDescriptor.of(I, P, I));
        static final MethodHandle VERSION = handle("gatun_mpi_version", FunctionDescriptor.of(I, P, P));
        static final MethodHandle ERROR_STRING = handle("gatun_mpi_error_string", FunctionDescriptor.of(I, I, P, I));
        static final MethodHandle INIT = handle("gatun_mpi_init", FunctionDescriptor.of(I, I, P));
        static final MethodHandle INITIALIZED = handle("gatun_mpi_initialized", FunctionDescriptor.of(I, P));
        static final MethodHandle FINALIZED = handle("gatun_mpi_finalized", FunctionDescriptor.of(I, P));
        static final MethodHandle FINALIZE = handle("gatun_mpi_finalize", FunctionDescriptor.of(I));
        static final MethodHandle ABORT = handle("gatun_mpi_abort", FunctionDescriptor.of(I, I, I));
        static final MethodHandle PROCESSOR_NAME = handle("gatun_mpi_processor_name", FunctionDescriptor.of(I, P, I));
        static final MethodHandle WTIME = handle("gatun_mpi_wtime", FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE));
        static final MethodHandle COMM_RANK = handle("gatun_mpi_comm_rank", FunctionDescriptor.of(I, I, P));
        static final MethodHandle COMM_SIZE = handle("gatun_mpi_comm_size", FunctionDescriptor.of(I, I, P));
        static final MethodHandle WORLD_RANKS = handle("gatun_mpi_world_ranks", FunctionDescriptor.of(I, I, I, P));
        static final MethodHandle COMM_SPLIT = handle("gatun_mpi_comm_split", FunctionDescriptor.of(I, I, I, I, P));
        static final MethodHandle COMM_DUP = handle("gatun_mpi_comm_dup", FunctionDescriptor.of(I, I, P));
        static final MethodHandle COMM_FREE = handle("gatun_mpi_comm_free", FunctionDescriptor.of(I, I));
        static final MethodHandle BARRIER = handle("gatun_mpi_barrier", FunctionDescriptor.of(I, I));
        static final MethodHandle SEND = handle("gatun_mpi_send", FunctionDescriptor.of(I, P, I, I, I, I, I));
        static final MethodHandle RECV = handle("gatun_mpi_recv", FunctionDescriptor.of(I, P, I, I, I, I, I, P));
        static final MethodHandle PROBE = handle("gatun_mpi_probe", FunctionDescriptor.of(I, I, I, I, P));
        static final MethodHandle IPROBE = handle("gatun_mpi_iprobe", FunctionDescriptor.of(I, I, I, I, P, P));
        static final MethodHandle BCAST = handle("gatun_mpi_bcast", FunctionDescriptor.of(I, P, I, I, I, I));
        static final MethodHandle REDUCE = handle("gatun_mpi_reduce", FunctionDescriptor.of(I, P, P, I, I, I, I, I));
        static final MethodHandle ALLREDUCE = handle("gatun_mpi_allreduce", FunctionDescriptor.of(I, P, P, I, I, I, I));
        static final MethodHandle SCATTER = handle("gatun_mpi_scatter", FunctionDescriptor.of(I, P, P, I, I, I, I));
        static final MethodHandle GATHER = handle("gatun_mpi_gather", FunctionDescriptor.of(I, P, P, I, I, I, I));
        static final MethodHandle ALLGATHER = handle("gatun_mpi_allgather", FunctionDescriptor.of(I, P, P, I, I, I));
        static final MethodHandle REQUEST_BYTES = handle("gatun_mpi_request_bytes", FunctionDescriptor.of(I));
        static final MethodHandle ISEND = handle("gatun_mpi_isend", FunctionDescriptor.of(I, P, I, I, I, I, I, P));
        static final MethodHandle IRECV = handle("gatun_mpi_irecv", FunctionDescriptor.of(I, P, I, I, I, I, I, P));
        static final MethodHandle SEND_INIT = handle("gatun_mpi_send_init", FunctionDescriptor.of(I, P, I, I, I, I, I, P));
        static final MethodHandle RECV_INIT = handle("gatun_mpi_recv_init", FunctionDescriptor.of(I, P, I, I, I, I, I, P));
        static final MethodHandle START = handle("gatun_mpi_start", FunctionDescriptor.of(I, P));
        static final MethodHandle WAIT = handle("gatun_mpi_wait", FunctionDescriptor.of(I, P, I, P));
        static final MethodHandle TEST = handle("gatun_mpi_test", FunctionDescriptor.of(I, P, I, P, P));
        static final MethodHandle WAITALL = handle("gatun_mpi_waitall", FunctionDescriptor.of(I, I, P, P, P));
        static final MethodHandle IBARRIER = handle("gatun_mpi_ibarrier", FunctionDescriptor.of(I, I, P));
        static final MethodHandle REQUEST_FREE = handle("gatun_mpi_request_free", FunctionDescriptor.of(I, P));
        static final MethodHandle SENDRECV = handle("gatun_mpi_sendrecv",
                FunctionDescriptor.of(I, P, I, I, I, I, P, I, I, I, I, I, P));
        static final MethodHandle DIMS_CREATE = handle("gatun_mpi_dims_create", FunctionDescriptor.of(I, I, I, P));
        static final MethodHandle CART_CREATE = handle("gatun_mpi_cart_create", FunctionDescriptor.of(I, I, I, P, P, I, P));
        static final MethodHandle CART_COORDS = handle("gatun_mpi_cart_coords", FunctionDescriptor.of(I, I, I, I, P));
        static final MethodHandle CART_RANK = handle("gatun_mpi_cart_rank", FunctionDescriptor.of(I, I, P, P));
        static final MethodHandle CART_SHIFT = handle("gatun_mpi_cart_shift", FunctionDescriptor.of(I, I, I, I, P, P));

        private static NativeLibrary load() {
            try {
                return NativeLibrary.load(Shim.class, "gatun_mpi");
            } catch (NativeLoadException e) {
                throw new NativeLoadException("the MPI shim libgatun_mpi.so cannot be loaded: " + e.getMessage()
                        + ". It ships in the jar dev.gatun:gatun-mpi-shim, built with mpicc against the local mpi.h;"
                        + " put that jar on the class path (and install Open MPI or MPICH)", e);
            }
        }

        private static MethodHandle handle(String symbol, FunctionDescriptor descriptor) {
            return LIBRARY == null ? null : LIBRARY.downcall(symbol, descriptor);
        }
    }

    /** Loads the shim and checks that it speaks this runtime's protocol. */
    static NativeLibrary library() {
        if (Handles.FAILURE != null) {
            throw new NativeLoadException(Handles.FAILURE.getMessage(), Handles.FAILURE);
        }
        int version;
        try {
            version = (int) Handles.SHIM_VERSION.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (version != SHIM_VERSION) {
            throw new NativeLoadException(Handles.LIBRARY.path() + " speaks shim protocol " + version + " but this gatun-api"
                    + " expects " + SHIM_VERSION + "; use gatun-mpi-shim and gatun-api of the same version");
        }
        return Handles.LIBRARY;
    }

    static String errorString(int code) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(TEXT_CAPACITY);
            int rc = (int) Handles.ERROR_STRING.invokeExact(code, text, TEXT_CAPACITY);
            return rc == 0 ? text.getString(0) : "unknown MPI error";
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String libraryVersion() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(TEXT_CAPACITY);
            check((int) Handles.LIBRARY_VERSION.invokeExact(text, TEXT_CAPACITY), "MPI_Get_library_version");
            return text.getString(0).strip();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int[] version() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(I, 2);
            check((int) Handles.VERSION.invokeExact(v, v.asSlice(4)), "MPI_Get_version");
            return new int[] {v.getAtIndex(I, 0), v.getAtIndex(I, 1)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int init(int required) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment provided = arena.allocate(I);
            check((int) Handles.INIT.invokeExact(required, provided), "MPI_Init_thread");
            return provided.get(I, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean initialized() {
        return flag(Handles.INITIALIZED, "MPI_Initialized");
    }

    static boolean finalized() {
        return flag(Handles.FINALIZED, "MPI_Finalized");
    }

    private static boolean flag(MethodHandle handle, String operation) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment flag = arena.allocate(I);
            check((int) handle.invokeExact(flag), operation);
            return flag.get(I, 0) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void finalizeMpi() {
        try {
            check((int) Handles.FINALIZE.invokeExact(), "MPI_Finalize");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int abort(int comm, int code) {
        try {
            return (int) Handles.ABORT.invokeExact(comm, code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String processorName() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(TEXT_CAPACITY);
            check((int) Handles.PROCESSOR_NAME.invokeExact(text, TEXT_CAPACITY), "MPI_Get_processor_name");
            return text.getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static double wtime() {
        try {
            return (double) Handles.WTIME.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** rank and size; the {@code MPI_} name of a failing call is passed to {@link #check}. */
    static int commQuery(int comm, boolean rank) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(I);
            int rc = rank ? (int) Handles.COMM_RANK.invokeExact(comm, out) : (int) Handles.COMM_SIZE.invokeExact(comm, out);
            check(rc, rank ? "MPI_Comm_rank" : "MPI_Comm_size");
            return out.get(I, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The new communicator's index, or -1 for a rank that split with colour UNDEFINED. */
    static int commSplit(int comm, int color, int key, String where) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(I);
            check((int) Handles.COMM_SPLIT.invokeExact(comm, color, key, out), "MPI_Comm_split", where);
            return out.get(I, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int commDup(int comm, String where) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(I);
            check((int) Handles.COMM_DUP.invokeExact(comm, out), "MPI_Comm_dup", where);
            return out.get(I, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The world rank of every member of {@code comm}, in the communicator's rank order. */
    static int[] worldRanks(int comm, String where) {
        int n = commQuery(comm, false);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ranks = arena.allocate(I, n);
            check((int) Handles.WORLD_RANKS.invokeExact(comm, n, ranks), "MPI_Group_translate_ranks", where);
            return ranks.toArray(I);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void commFree(int comm, String where) {
        try {
            check((int) Handles.COMM_FREE.invokeExact(comm), "MPI_Comm_free", where);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void barrier(int comm, String where) {
        LeaveWatch.Slot slot = enter(comm, LeaveWatch.ALL, "MPI_Barrier", where);
        try {
            check((int) Handles.BARRIER.invokeExact(comm), "MPI_Barrier", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Barrier", 0);
        }
    }

    static void send(MemorySegment buf, int count, int type, int dest, int tag, int comm, String where) {
        LeaveWatch.Slot slot = enter(comm, dest, "MPI_Send", where);
        try {
            check((int) Handles.SEND.invokeExact(buf, count, type, dest, tag, comm), "MPI_Send", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Send", buf.byteSize());
        }
    }

    /**
     * {@code status} receives source, tag and the element count; null uses the calling thread's own cell.
     *
     * @return the cell written: {@code status}, or the thread's own (valid until its next receive)
     */
    static MemorySegment recv(MemorySegment buf, int count, int type, int source, int tag, int comm, MemorySegment status,
            String where) {
        LeaveWatch.Slot slot = enter(comm, source, "MPI_Recv", where);
        MemorySegment cell = status != null ? status : slot.status();
        try {
            check((int) Handles.RECV.invokeExact(buf, count, type, source, tag, comm, cell), "MPI_Recv", where);
            return cell;
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Recv", buf.byteSize());
        }
    }

    /** {@code status} receives source, tag and the byte count. */
    static void probe(int source, int tag, int comm, MemorySegment status, String where) {
        LeaveWatch.Slot slot = enter(comm, source, "MPI_Probe", where);
        try {
            check((int) Handles.PROBE.invokeExact(source, tag, comm, status), "MPI_Probe", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Probe", 0);
        }
    }

    /** A receive outside the blocking-call accounting: only for messages {@code iprobe} has already found. */
    static void receiveQuietly(MemorySegment buf, int source, int tag, int comm, MemorySegment status) {
        try {
            check((int) Handles.RECV.invokeExact(buf, (int) (buf.byteSize() / 4), TYPE_INT32, source, tag, comm, status),
                    "MPI_Recv", "exit notice");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Whether a message is waiting; if so {@code status} receives source, tag and the byte count. */
    static boolean iprobe(int source, int tag, int comm, MemorySegment flag, MemorySegment status, String where) {
        try {
            check((int) Handles.IPROBE.invokeExact(source, tag, comm, flag, status), "MPI_Iprobe", where);
            return flag.get(I, 0) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void bcast(MemorySegment buf, int count, int type, int root, int comm, String where) {
        LeaveWatch.Slot slot = enter(comm, LeaveWatch.ALL, "MPI_Bcast", where);
        try {
            check((int) Handles.BCAST.invokeExact(buf, count, type, root, comm), "MPI_Bcast", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Bcast", buf.byteSize());
        }
    }

    /** {@code send} = NULL: in place at the root. */
    static void reduce(MemorySegment send, MemorySegment recv, int count, int type, int op, int root, int comm, String where) {
        LeaveWatch.Slot slot = enter(comm, LeaveWatch.ALL, "MPI_Reduce", where);
        try {
            check((int) Handles.REDUCE.invokeExact(send, recv, count, type, op, root, comm), "MPI_Reduce", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Reduce", send.byteSize() + recv.byteSize());
        }
    }

    /** {@code send} = NULL: in place. */
    static void allreduce(MemorySegment send, MemorySegment recv, int count, int type, int op, int comm, String where) {
        LeaveWatch.Slot slot = enter(comm, LeaveWatch.ALL, "MPI_Allreduce", where);
        try {
            check((int) Handles.ALLREDUCE.invokeExact(send, recv, count, type, op, comm), "MPI_Allreduce", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Allreduce", send.byteSize() + recv.byteSize());
        }
    }

    static void scatter(MemorySegment send, MemorySegment recv, int count, int type, int root, int comm, String where) {
        LeaveWatch.Slot slot = enter(comm, LeaveWatch.ALL, "MPI_Scatter", where);
        try {
            check((int) Handles.SCATTER.invokeExact(send, recv, count, type, root, comm), "MPI_Scatter", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Scatter", send.byteSize() + recv.byteSize());
        }
    }

    static void gather(MemorySegment send, MemorySegment recv, int count, int type, int root, int comm, String where) {
        LeaveWatch.Slot slot = enter(comm, LeaveWatch.ALL, "MPI_Gather", where);
        try {
            check((int) Handles.GATHER.invokeExact(send, recv, count, type, root, comm), "MPI_Gather", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Gather", send.byteSize() + recv.byteSize());
        }
    }

    static void allgather(MemorySegment send, MemorySegment recv, int count, int type, int comm, String where) {
        LeaveWatch.Slot slot = enter(comm, LeaveWatch.ALL, "MPI_Allgather", where);
        try {
            check((int) Handles.ALLGATHER.invokeExact(send, recv, count, type, comm), "MPI_Allgather", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Allgather", send.byteSize() + recv.byteSize());
        }
    }

    // ---- requests ----------------------------------------------------------------------------

    /** {@return the size of the MPI implementation's {@code MPI_Request}, which Java allocates and the shim fills} */
    static int requestBytes() {
        try {
            return (int) Handles.REQUEST_BYTES.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code MPI_Isend}, {@code MPI_Irecv}, {@code MPI_Send_init} or {@code MPI_Recv_init}, by {@code kind} 0..3. */
    static void startRequest(int kind, MemorySegment buf, int count, int type, int peer, int tag, int comm, MemorySegment request,
            String where) {
        try {
            int rc = switch (kind) {
                case 0 -> (int) Handles.ISEND.invokeExact(buf, count, type, peer, tag, comm, request);
                case 1 -> (int) Handles.IRECV.invokeExact(buf, count, type, peer, tag, comm, request);
                case 2 -> (int) Handles.SEND_INIT.invokeExact(buf, count, type, peer, tag, comm, request);
                default -> (int) Handles.RECV_INIT.invokeExact(buf, count, type, peer, tag, comm, request);
            };
            check(rc, REQUEST_NAMES[kind], where);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final String[] REQUEST_NAMES = {"MPI_Isend", "MPI_Irecv", "MPI_Send_init", "MPI_Recv_init"};

    static void start(MemorySegment request, String where) {
        try {
            check((int) Handles.START.invokeExact(request), "MPI_Start", where);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void await(MemorySegment request, int type, MemorySegment status, int comm, int peer, String where) {
        LeaveWatch.Slot slot = enter(comm, peer, "MPI_Wait", where);
        try {
            check((int) Handles.WAIT.invokeExact(request, type, status), "MPI_Wait", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Wait", 0);
        }
    }

    static boolean test(MemorySegment request, int type, MemorySegment flag, MemorySegment status, String where) {
        try {
            check((int) Handles.TEST.invokeExact(request, type, flag, status), "MPI_Test", where);
            return flag.get(I, 0) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code requests}: n addresses of request cells; {@code types}: n ints; {@code statuses}: 3n ints. */
    static void waitAll(int n, MemorySegment requests, MemorySegment types, MemorySegment statuses, int[] comms, int[] peers,
            String where) {
        LeaveWatch.Slot slot = enter(comms, peers, "MPI_Waitall", where);
        try {
            check((int) Handles.WAITALL.invokeExact(n, requests, types, statuses), "MPI_Waitall", where);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Waitall", 0);
        }
    }

    /**
     * Waits at most {@code millis} for every rank of {@code comm} to arrive ({@code MPI_Ibarrier} polled with
     * {@code MPI_Test}, sleeping in between so that a waiting rank does not spin a core).
     *
     * @return whether every rank arrived in time
     */
    static boolean barrierWithin(int comm, long millis, String where) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(Math.max(8, requestBytes()), 8);
            MemorySegment flag = arena.allocate(I);
            MemorySegment status = arena.allocate(statusLayout());
            check((int) Handles.IBARRIER.invokeExact(comm, cell), "MPI_Ibarrier", where);
            long deadline = System.nanoTime() + millis * 1_000_000L;
            while (!test(cell, TYPE_BYTE, flag, status, where)) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(1);
            }
            return true;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void requestFree(MemorySegment request, String where) {
        try {
            check((int) Handles.REQUEST_FREE.invokeExact(request), "MPI_Request_free", where);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** @return the calling thread's status cell, holding source, tag and element count (valid until its next receive) */
    static MemorySegment sendrecv(MpiBuffer send, int dest, int sendTag, MpiBuffer recv, int source, int recvTag, int comm,
            String where) {
        LeaveWatch.Slot slot = enter(new int[] {comm, comm}, new int[] {dest, source}, "MPI_Sendrecv", where);
        MemorySegment cell = slot.status();
        try {
            check((int) Handles.SENDRECV.invokeExact(send.segment(), send.count(), send.type(), dest, sendTag, recv.segment(),
                    recv.count(), recv.type(), source, recvTag, comm, cell), "MPI_Sendrecv", where);
            return cell;
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            leave(slot, "MPI_Sendrecv", send.segment().byteSize() + recv.segment().byteSize());
        }
    }

    // ---- Cartesian topologies --------------------------------------------------------------------

    static void dimsCreate(int nodes, MemorySegment dims, String where) {
        try {
            check((int) Handles.DIMS_CREATE.invokeExact(nodes, (int) (dims.byteSize() / 4), dims), "MPI_Dims_create", where);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The new communicator's index, or -1 for a rank outside the grid. */
    static int cartCreate(int comm, MemorySegment dims, MemorySegment periods, boolean reorder, String where) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(I);
            check((int) Handles.CART_CREATE.invokeExact(comm, (int) (dims.byteSize() / 4), dims, periods, reorder ? 1 : 0, out),
                    "MPI_Cart_create", where);
            return out.get(I, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cartCoords(int comm, int rank, MemorySegment coords, String where) {
        try {
            check((int) Handles.CART_COORDS.invokeExact(comm, rank, (int) (coords.byteSize() / 4), coords), "MPI_Cart_coords", where);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int cartRank(int comm, MemorySegment coords, String where) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(I);
            check((int) Handles.CART_RANK.invokeExact(comm, coords, out), "MPI_Cart_rank", where);
            return out.get(I, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {source, dest} of a shift, {@link #PROC_NULL} past a non-periodic edge. */
    static int[] cartShift(int comm, int direction, int disp, String where) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(I, 2);
            check((int) Handles.CART_SHIFT.invokeExact(comm, direction, disp, out, out.asSlice(4)), "MPI_Cart_shift", where);
            return new int[] {out.getAtIndex(I, 0), out.getAtIndex(I, 1)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A layout for the three ints of a receive or probe status. */
    static MemoryLayout statusLayout() {
        return MemoryLayout.sequenceLayout(3, I);
    }

    private static void check(int rc, String operation) {
        check(rc, operation, null);
    }

    private static void check(int rc, String operation, String where) {
        if (rc != 0) {
            throw new MpiException(operation, where, rc, errorString(rc));
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("unexpected checked exception from a downcall", t);
    }
}
