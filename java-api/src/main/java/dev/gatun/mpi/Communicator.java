// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import dev.gatun.array.ElementType;
import dev.gatun.array.NdArray;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A group of MPI processes that talk to each other: {@link Mpi#world()}, {@link Mpi#self()}, or one made by
 * {@link #split} or {@link #duplicate}. Point-to-point and collective operations work on Gatun arrays
 * ({@link NdArray}) with zero copies: MPI reads and writes the arrays' own off-heap memory.
 *
 * <p>Every array argument is checked before MPI is called, and a failure names the parameter: it must be
 * off-heap (not {@code ofHeap}: MPI may block while a garbage collection would move it), contiguous in C or
 * Fortran order, in native byte order, alive, writable where MPI writes, and its size and element type must
 * match what the operation needs. An element is the array's element type; the shape is not sent, only the
 * elements in memory order. Errors inside MPI become {@link MpiException}s with MPI's own text.
 *
 * <p>Collectives must be called by every rank of the communicator, in the same order, as in MPI. A
 * communicator may be used from several threads only if MPI granted {@link ThreadLevel#MULTIPLE}.
 */
public final class Communicator implements AutoCloseable {
    /** Wildcard for {@link #receive}: a message from any rank ({@code MPI_ANY_SOURCE}). */
    public static final int ANY_SOURCE = Shim.ANY;
    /** Wildcard for {@link #receive}: a message with any tag ({@code MPI_ANY_TAG}). */
    public static final int ANY_TAG = Shim.ANY;
    /** Colour for {@link #split}: this rank joins no new communicator ({@code MPI_UNDEFINED}). */
    public static final int UNDEFINED = Shim.ANY;
    /**
     * The rank that is nobody ({@code MPI_PROC_NULL}): sending to it or receiving from it completes at once and
     * moves nothing, so the edge ranks of a stencil need no special case. {@link CartesianCommunicator#shift}
     * returns it past a non-periodic edge.
     */
    public static final int PROC_NULL = Shim.PROC_NULL;

    private final int handle;
    private final String name;
    private final int rank;
    private final int size;
    private final String description; // built once: every call passes it, for messages
    private volatile boolean closed;

    Communicator(int handle, String name) {
        this.handle = handle;
        this.name = name;
        this.rank = Shim.commQuery(handle, true);
        this.size = Shim.commQuery(handle, false);
        this.description = "rank " + rank + " of " + size + " (" + name + ")";
    }

    /** {@return this process's rank, {@code 0 <= rank < size()}} */
    public int rank() {
        return rank;
    }

    /** {@return the number of processes} */
    public int size() {
        return size;
    }

    /** {@return the name used in messages: {@code world}, {@code self}, or how it was made} */
    public String name() {
        return name;
    }

    /** {@return whether {@link #close()} freed it} */
    public boolean isClosed() {
        return closed;
    }

    // ---- communicators -----------------------------------------------------------------------

    /**
     * Splits this communicator ({@code MPI_Comm_split}): ranks giving the same {@code color} form one new
     * communicator, ordered by {@code key} then by their rank here. Collective.
     *
     * @param color a non-negative colour, or {@link #UNDEFINED} to join none
     * @param key   the ordering key within the colour
     * @return the new communicator, or empty for a rank that passed {@link #UNDEFINED}; close it when done
     * @throws IllegalArgumentException when {@code color} is negative and not {@link #UNDEFINED}
     */
    public Optional<Communicator> split(int color, int key) {
        if (color < 0 && color != UNDEFINED) {
            throw new IllegalArgumentException("parameter 'color': expected >= 0 or Communicator.UNDEFINED, got " + color);
        }
        begin("split");
        int created = Shim.commSplit(handle, color, key, describe());
        return created < 0 ? Optional.empty() : Optional.of(new Communicator(created, name + ".split(" + color + ")"));
    }

    /**
     * {@return a new communicator with the same processes and a separate message space ({@code MPI_Comm_dup})}
     * Libraries use one so that their messages never match the application's. Collective; close it when done.
     */
    public Communicator duplicate() {
        begin("duplicate");
        return new Communicator(Shim.commDup(handle, describe()), name + ".dup");
    }

    /**
     * Frees this communicator ({@code MPI_Comm_free}); collective. World and self are never freed: closing them
     * does nothing. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (handle == Shim.COMM_WORLD || handle == Shim.COMM_SELF || closed) {
            return;
        }
        Mpi.checkCall("close");
        closed = true;
        Shim.commFree(handle, describe());
    }

    // ---- synchronisation and point to point ------------------------------------------------

    /** Waits until every rank has called it ({@code MPI_Barrier}). */
    public void barrier() {
        begin("barrier");
        Shim.barrier(handle, describe());
    }

    /**
     * Sends the elements of {@code data} to rank {@code dest} ({@code MPI_Send}); returns when {@code data}
     * may be reused.
     *
     * @param data the elements to send
     * @param dest the receiving rank, or {@link #PROC_NULL}
     * @param tag  a non-negative tag the receiver can match
     */
    public void send(NdArray data, int dest, int tag) {
        MpiBuffer buffer = MpiBuffer.of("data", data, false);
        checkPeer("dest", dest, false);
        checkTag("tag", tag, false);
        begin("send");
        Shim.send(buffer.segment(), buffer.count(), buffer.type(), dest, tag, handle, describe());
    }

    /**
     * Receives a message into {@code data} ({@code MPI_Recv}). The message may be shorter than {@code data};
     * a longer one fails with {@code MPI_ERR_TRUNCATE}.
     *
     * @param data   where the elements go
     * @param source the sending rank, {@link #ANY_SOURCE} or {@link #PROC_NULL}
     * @param tag    the tag to match, or {@link #ANY_TAG}
     * @return the sender, tag and number of elements received
     */
    public Status receive(NdArray data, int source, int tag) {
        MpiBuffer buffer = MpiBuffer.of("data", data, true);
        checkPeer("source", source, true);
        checkTag("tag", tag, true);
        begin("receive");
        // The thread's own status cell (an arena per receive cost more than an 8-byte message's latency).
        return statusOf(Shim.recv(buffer.segment(), buffer.count(), buffer.type(), source, tag, handle, null, describe()));
    }

    /**
     * Checks, without blocking, whether a message is waiting ({@code MPI_Iprobe}): a rank that serves requests
     * can poll with this and sleep in between, instead of spinning a core in a blocking receive (Open MPI and
     * MPICH busy-wait there). The message stays queued; receive it with {@link #receive}.
     *
     * @param source the sending rank, or {@link #ANY_SOURCE}
     * @param tag    the tag to match, or {@link #ANY_TAG}
     * @return the waiting message's source, tag and size <em>in bytes</em> ({@link Status#count()}), or empty
     */
    public Optional<Status> iprobe(int source, int tag) {
        if (source != ANY_SOURCE) {
            checkRank("source", source);
        }
        checkTag("tag", tag, true);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment flag = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment status = arena.allocate(Shim.statusLayout());
            if (!iprobe(source, tag, flag, status)) {
                return Optional.empty();
            }
            return Optional.of(statusOf(status));
        }
    }

    /**
     * Sends {@code send} to {@code dest} and receives into {@code receive} from {@code source} in one call
     * ({@code MPI_Sendrecv}), without the deadlock two blocking sends facing each other can cause: the shift of a
     * halo exchange. {@code send} and {@code receive} must not overlap.
     *
     * @param send       the elements to send
     * @param dest       the receiving rank, or {@link #PROC_NULL}
     * @param sendTag    the tag of the message sent
     * @param receive    where the received elements go
     * @param source     the sending rank, {@link #ANY_SOURCE} or {@link #PROC_NULL}
     * @param receiveTag the tag to match, or {@link #ANY_TAG}
     * @return the sender, tag and number of elements received
     */
    public Status sendReceive(NdArray send, int dest, int sendTag, NdArray receive, int source, int receiveTag) {
        MpiBuffer out = MpiBuffer.of("send", send, false);
        MpiBuffer in = MpiBuffer.of("receive", receive, true);
        checkPeer("dest", dest, false);
        checkTag("sendTag", sendTag, false);
        checkPeer("source", source, true);
        checkTag("receiveTag", receiveTag, true);
        if (out.segment().asOverlappingSlice(in.segment()).isPresent()) {
            throw new IllegalArgumentException("parameter 'receive': overlaps 'send'; MPI_Sendrecv needs separate buffers");
        }
        begin("sendReceive");
        return statusOf(Shim.sendrecv(out, dest, sendTag, in, source, receiveTag, handle, describe()));
    }

    // ---- nonblocking and persistent point to point -------------------------------------------

    /**
     * Starts sending {@code data} to {@code dest} and returns at once ({@code MPI_Isend}); MPI reads the array's
     * memory, with zero copies, until the request completes. Do not change the array before then. See
     * {@link Request} for how the array's memory is kept alive.
     *
     * @param data the elements to send
     * @param dest the receiving rank, or {@link #PROC_NULL}
     * @param tag  a non-negative tag the receiver can match
     * @return the request; complete it with {@link Request#await()}, {@link Request#test()} or {@link Request#waitAll}
     */
    public Request isend(NdArray data, int dest, int tag) {
        return request(Request.KIND_ISEND, data, dest, tag);
    }

    /**
     * Starts receiving into {@code data} and returns at once ({@code MPI_Irecv}); MPI writes the array's memory,
     * with zero copies, until the request completes. Do not read the array before then.
     *
     * @param data   where the elements go
     * @param source the sending rank, {@link #ANY_SOURCE} or {@link #PROC_NULL}
     * @param tag    the tag to match, or {@link #ANY_TAG}
     * @return the request; its status says who sent how many elements
     */
    public Request irecv(NdArray data, int source, int tag) {
        return request(Request.KIND_IRECV, data, source, tag);
    }

    /**
     * Sets up a send of {@code data} to {@code dest} that each {@link PersistentRequest#start()} repeats
     * ({@code MPI_Send_init}); close the request when done.
     *
     * @param data the elements to send, read again at every start
     * @param dest the receiving rank, or {@link #PROC_NULL}
     * @param tag  a non-negative tag
     * @return the inactive request
     */
    public PersistentRequest sendInit(NdArray data, int dest, int tag) {
        return (PersistentRequest) request(Request.KIND_SEND_INIT, data, dest, tag);
    }

    /**
     * Sets up a receive into {@code data} that each {@link PersistentRequest#start()} repeats
     * ({@code MPI_Recv_init}); close the request when done.
     *
     * @param data   where the elements go at every start
     * @param source the sending rank, {@link #ANY_SOURCE} or {@link #PROC_NULL}
     * @param tag    the tag to match, or {@link #ANY_TAG}
     * @return the inactive request
     */
    public PersistentRequest receiveInit(NdArray data, int source, int tag) {
        return (PersistentRequest) request(Request.KIND_RECV_INIT, data, source, tag);
    }

    private Request request(int kind, NdArray data, int peer, int tag) {
        boolean receives = kind == Request.KIND_IRECV || kind == Request.KIND_RECV_INIT;
        MpiBuffer buffer = MpiBuffer.of("data", data, receives);
        checkPeer(receives ? "source" : "dest", peer, receives);
        checkTag("tag", tag, receives);
        String operation = switch (kind) {
            case Request.KIND_ISEND -> "isend";
            case Request.KIND_IRECV -> "irecv";
            case Request.KIND_SEND_INIT -> "sendInit";
            default -> "receiveInit";
        };
        begin(operation);
        return kind == Request.KIND_ISEND || kind == Request.KIND_IRECV
                ? new Request(this, kind, "data", data, buffer, peer, tag)
                : new PersistentRequest(this, kind, "data", data, buffer, peer, tag);
    }

    // ---- topology ------------------------------------------------------------------------------

    /**
     * Arranges the ranks in a grid ({@code MPI_Cart_create}); collective. Ranks beyond the grid's size get none.
     *
     * @param dims     the extent of each dimension, all positive, product at most {@link #size()}; use
     *                 {@link CartesianCommunicator#balancedDims} to choose them
     * @param periodic whether each dimension wraps around
     * @param reorder  whether MPI may renumber the ranks to fit the machine
     * @return the grid communicator, or empty on a rank outside the grid; close it when done
     */
    public Optional<CartesianCommunicator> cartesian(int[] dims, boolean[] periodic, boolean reorder) {
        Objects.requireNonNull(dims, "dims");
        Objects.requireNonNull(periodic, "periodic");
        if (dims.length == 0) {
            throw new IllegalArgumentException("parameter 'dims': expected at least one dimension, got none");
        }
        if (periodic.length != dims.length) {
            throw new IllegalArgumentException("parameter 'periodic': expected " + dims.length + " entries (one per dimension of"
                    + " 'dims'), got " + periodic.length);
        }
        long product = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0) {
                throw new IllegalArgumentException("parameter 'dims': expected positive extents, got " + dims[i] + " at index " + i);
            }
            product *= dims[i];
            if (product > size) {
                throw new IllegalArgumentException("parameter 'dims': the grid " + java.util.Arrays.toString(dims) + " needs more"
                        + " ranks than the " + size + " of " + name);
            }
        }
        begin("cartesian");
        int created;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment d = arena.allocateFrom(ValueLayout.JAVA_INT, dims);
            MemorySegment p = arena.allocate(ValueLayout.JAVA_INT, dims.length);
            for (int i = 0; i < dims.length; i++) {
                p.setAtIndex(ValueLayout.JAVA_INT, i, periodic[i] ? 1 : 0);
            }
            created = Shim.cartCreate(handle, d, p, reorder, describe());
        }
        if (created < 0) {
            return Optional.empty();
        }
        return Optional.of(new CartesianCommunicator(new Communicator(created, name + ".cart" + java.util.Arrays.toString(dims)),
                dims, periodic));
    }

    // ---- collectives on arrays ----------------------------------------------------------------

    /**
     * Copies the root's {@code data} into {@code data} on every rank ({@code MPI_Bcast}). Every rank passes an
     * array of the same size and element type.
     *
     * @param data the root's elements; overwritten on the other ranks
     * @param root the rank that sends
     */
    public void broadcast(NdArray data, int root) {
        MpiBuffer buffer = MpiBuffer.of("data", data, rank != root);
        checkRank("root", root);
        begin("broadcast");
        Shim.bcast(buffer.segment(), buffer.count(), buffer.type(), root, handle, describe());
    }

    /**
     * Combines {@code send} of every rank element by element into {@code receive} on the root ({@code MPI_Reduce}).
     *
     * @param send    this rank's contribution
     * @param receive the result, same size and element type as {@code send}; only the root's is used, so other
     *                ranks may pass {@code null}
     * @param op      the reduction
     * @param root    the rank that gets the result
     */
    public void reduce(NdArray send, NdArray receive, ReduceOp op, int root) {
        MpiBuffer in = MpiBuffer.of("send", send, false);
        checkOp(op, in);
        checkRank("root", root);
        MemorySegment out = MemorySegment.NULL;
        if (rank == root) {
            MpiBuffer result = MpiBuffer.of("receive", receive, true);
            in.requireSameType("send", result, "receive");
            result.requireCount("receive", in.count(), "the size of 'send'");
            out = result.segment();
        }
        begin("reduce");
        Shim.reduce(in.segment(), out, in.count(), in.type(), op.ordinal(), root, handle, describe());
    }

    /**
     * Combines {@code send} of every rank element by element into {@code receive} on every rank
     * ({@code MPI_Allreduce}).
     *
     * @param send    this rank's contribution
     * @param receive the result, same size and element type as {@code send}
     * @param op      the reduction
     */
    public void allReduce(NdArray send, NdArray receive, ReduceOp op) {
        MpiBuffer in = MpiBuffer.of("send", send, false);
        MpiBuffer out = MpiBuffer.of("receive", receive, true);
        checkOp(op, in);
        in.requireSameType("send", out, "receive");
        out.requireCount("receive", in.count(), "the size of 'send'");
        begin("allReduce");
        Shim.allreduce(in.segment(), out.segment(), in.count(), in.type(), op.ordinal(), handle, describe());
    }

    /**
     * Replaces {@code data} on every rank by the element-wise combination over all ranks
     * ({@code MPI_Allreduce} with {@code MPI_IN_PLACE}).
     *
     * @param data this rank's contribution, overwritten with the result
     * @param op   the reduction
     */
    public void allReduce(NdArray data, ReduceOp op) {
        MpiBuffer buffer = MpiBuffer.of("data", data, true);
        checkOp(op, buffer);
        begin("allReduce");
        Shim.allreduce(MemorySegment.NULL, buffer.segment(), buffer.count(), buffer.type(), op.ordinal(), handle, describe());
    }

    /**
     * Hands each rank its block of the root's {@code send} ({@code MPI_Scatter}): rank {@code r} receives
     * elements {@code [r*k, (r+1)*k)} where {@code k = receive.size()}.
     *
     * @param send    on the root, {@code size() * receive.size()} elements; ignored (may be {@code null}) elsewhere
     * @param receive this rank's block; every rank passes the same size
     * @param root    the rank that sends
     */
    public void scatter(NdArray send, NdArray receive, int root) {
        MpiBuffer out = MpiBuffer.of("receive", receive, true);
        checkRank("root", root);
        MemorySegment in = MemorySegment.NULL;
        if (rank == root) {
            MpiBuffer all = MpiBuffer.of("send", send, false);
            out.requireSameType("receive", all, "send");
            all.requireCount("send", (long) out.count() * size, size + " ranks x " + out.count() + " elements of 'receive'");
            in = all.segment();
        }
        begin("scatter");
        Shim.scatter(in, out.segment(), out.count(), out.type(), root, handle, describe());
    }

    /**
     * Collects every rank's {@code send} on the root, in rank order ({@code MPI_Gather}).
     *
     * @param send    this rank's block; every rank passes the same size
     * @param receive on the root, {@code size() * send.size()} elements; ignored (may be {@code null}) elsewhere
     * @param root    the rank that receives
     */
    public void gather(NdArray send, NdArray receive, int root) {
        MpiBuffer in = MpiBuffer.of("send", send, false);
        checkRank("root", root);
        MemorySegment out = MemorySegment.NULL;
        if (rank == root) {
            MpiBuffer all = MpiBuffer.of("receive", receive, true);
            in.requireSameType("send", all, "receive");
            all.requireCount("receive", (long) in.count() * size, size + " ranks x " + in.count() + " elements of 'send'");
            out = all.segment();
        }
        begin("gather");
        Shim.gather(in.segment(), out, in.count(), in.type(), root, handle, describe());
    }

    /**
     * Collects every rank's {@code send} on every rank, in rank order ({@code MPI_Allgather}).
     *
     * @param send    this rank's block; every rank passes the same size
     * @param receive {@code size() * send.size()} elements
     */
    public void allGather(NdArray send, NdArray receive) {
        MpiBuffer in = MpiBuffer.of("send", send, false);
        MpiBuffer all = MpiBuffer.of("receive", receive, true);
        in.requireSameType("send", all, "receive");
        all.requireCount("receive", (long) in.count() * size, size + " ranks x " + in.count() + " elements of 'send'");
        begin("allGather");
        Shim.allgather(in.segment(), all.segment(), in.count(), in.type(), handle, describe());
    }

    // ---- scalar conveniences -----------------------------------------------------------------

    /**
     * {@return the combination of {@code value} over all ranks, on every rank}
     *
     * @param value this rank's value
     * @param op    the reduction
     */
    public double allReduce(double value, ReduceOp op) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, value);
            scalarAllReduce(cell, Shim.TYPE_DOUBLE, op);
            return cell.get(ValueLayout.JAVA_DOUBLE, 0);
        }
    }

    /**
     * {@return the combination of {@code value} over all ranks, on every rank}
     *
     * @param value this rank's value
     * @param op    the reduction
     */
    public long allReduce(long value, ReduceOp op) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocateFrom(ValueLayout.JAVA_LONG, value);
            scalarAllReduce(cell, Shim.TYPE_INT64, op);
            return cell.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /**
     * {@return the combination of {@code value} over all ranks, on every rank}
     *
     * @param value this rank's value
     * @param op    the reduction
     */
    public int allReduce(int value, ReduceOp op) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocateFrom(ValueLayout.JAVA_INT, value);
            scalarAllReduce(cell, Shim.TYPE_INT32, op);
            return cell.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /**
     * Combines {@code value} over all ranks on the root.
     *
     * @param value this rank's value
     * @param op    the reduction
     * @param root  the rank that gets the result
     * @return the result on the root, empty on the other ranks
     */
    public OptionalDouble reduce(double value, ReduceOp op, int root) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, value);
            MemorySegment result = arena.allocate(ValueLayout.JAVA_DOUBLE);
            scalarReduce(cell, result, Shim.TYPE_DOUBLE, op, root);
            return rank == root ? OptionalDouble.of(result.get(ValueLayout.JAVA_DOUBLE, 0)) : OptionalDouble.empty();
        }
    }

    /**
     * Combines {@code value} over all ranks on the root.
     *
     * @param value this rank's value
     * @param op    the reduction
     * @param root  the rank that gets the result
     * @return the result on the root, empty on the other ranks
     */
    public OptionalLong reduce(long value, ReduceOp op, int root) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocateFrom(ValueLayout.JAVA_LONG, value);
            MemorySegment result = arena.allocate(ValueLayout.JAVA_LONG);
            scalarReduce(cell, result, Shim.TYPE_INT64, op, root);
            return rank == root ? OptionalLong.of(result.get(ValueLayout.JAVA_LONG, 0)) : OptionalLong.empty();
        }
    }

    /**
     * {@return the root's {@code value}, on every rank}
     *
     * @param value the value to send (used on the root only)
     * @param root  the rank that sends
     */
    public double broadcast(double value, int root) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, value);
            scalarBroadcast(cell, Shim.TYPE_DOUBLE, root);
            return cell.get(ValueLayout.JAVA_DOUBLE, 0);
        }
    }

    /**
     * {@return the root's {@code value}, on every rank}
     *
     * @param value the value to send (used on the root only)
     * @param root  the rank that sends
     */
    public long broadcast(long value, int root) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocateFrom(ValueLayout.JAVA_LONG, value);
            scalarBroadcast(cell, Shim.TYPE_INT64, root);
            return cell.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /**
     * {@return the root's {@code value}, on every rank}
     *
     * @param value the value to send (used on the root only)
     * @param root  the rank that sends
     */
    public int broadcast(int value, int root) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocateFrom(ValueLayout.JAVA_INT, value);
            scalarBroadcast(cell, Shim.TYPE_INT32, root);
            return cell.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /**
     * Aborts the whole job, naming this rank; see {@link Mpi#abort(int, String)}.
     *
     * @param errorCode the exit code MPI gives the job
     * @param message   why
     */
    public void abort(int errorCode, String message) {
        Mpi.abort(errorCode, name + ": " + message);
    }

    /** {@return for example {@code Communicator[world, rank 1 of 4]}} */
    @Override
    public String toString() {
        return "Communicator[" + name + ", rank " + rank + " of " + size + (closed ? ", closed" : "") + "]";
    }

    // ---- bytes, for MpiExecutor ------------------------------------------------------------

    void sendBytes(MemorySegment bytes, int dest, int tag) {
        begin("send");
        Shim.send(bytes, Math.toIntExact(bytes.byteSize()), Shim.TYPE_BYTE, dest, tag, handle, describe());
    }

    void receiveBytes(MemorySegment bytes, int source, int tag, MemorySegment status) {
        begin("receive");
        Shim.recv(bytes, Math.toIntExact(bytes.byteSize()), Shim.TYPE_BYTE, source, tag, handle, status, describe());
    }

    /** Blocks until a message matches; {@code status} gets its source, tag and byte count. */
    void probe(int source, int tag, MemorySegment status) {
        begin("probe");
        Shim.probe(source, tag, handle, status, describe());
    }

    /** Whether a message matches now; if so {@code status} gets its source, tag and byte count. */
    boolean iprobe(int source, int tag, MemorySegment flag, MemorySegment status) {
        begin("iprobe");
        return Shim.iprobe(source, tag, handle, flag, status, describe());
    }

    /** The shim's status triple (source, tag, count) as a {@link Status}. */
    private static Status statusOf(MemorySegment status) {
        return new Status(status.getAtIndex(ValueLayout.JAVA_INT, 0), status.getAtIndex(ValueLayout.JAVA_INT, 1),
                status.getAtIndex(ValueLayout.JAVA_INT, 2));
    }

    /** The shim's table index of this communicator. */
    int handle() {
        return handle;
    }

    /** Checks for use by an operation, as every public method does first. */
    void beginOperation(String operation) {
        begin(operation);
    }

    /** {@code rank 1 of 4 (world)}: where an operation ran, for messages. */
    String describe() {
        return description;
    }

    // ---- checks ---------------------------------------------------------------------------

    private void begin(String operation) {
        Mpi.checkCall(operation);
        if (closed) {
            throw new IllegalStateException(operation + ": communicator " + name + " is closed; use it before close()");
        }
    }

    private void checkRank(String parameter, int value) {
        if (value < 0 || value >= size) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected a rank in [0, " + size + ") of "
                    + name + ", got " + value);
        }
    }

    /** A peer rank of point-to-point: a rank here, {@link #PROC_NULL}, or {@link #ANY_SOURCE} where receiving. */
    private void checkPeer(String parameter, int value, boolean anySource) {
        if (value == PROC_NULL || (anySource && value == ANY_SOURCE)) {
            return;
        }
        if (value < 0 || value >= size) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected a rank in [0, " + size + ") of " + name
                    + (anySource ? ", Communicator.ANY_SOURCE" : "") + " or Communicator.PROC_NULL, got " + value);
        }
    }

    private static void checkTag(String parameter, int tag, boolean wildcard) {
        if (tag < 0 && !(wildcard && tag == ANY_TAG)) {
            throw new IllegalArgumentException("parameter '" + parameter + "': expected a tag >= 0"
                    + (wildcard ? " or Communicator.ANY_TAG" : "") + ", got " + tag);
        }
    }

    private static void checkOp(ReduceOp op, MpiBuffer buffer) {
        Objects.requireNonNull(op, "op");
        if (buffer.elementType() == ElementType.COMPLEX_DOUBLE && (op == ReduceOp.MIN || op == ReduceOp.MAX)) {
            throw new IllegalArgumentException("parameter 'op': " + op.mpiName() + " is not defined for complex numbers;"
                    + " use SUM or PROD, or reduce the real and imaginary parts as doubles");
        }
    }

    private void scalarAllReduce(MemorySegment cell, int type, ReduceOp op) {
        Objects.requireNonNull(op, "op");
        begin("allReduce");
        Shim.allreduce(MemorySegment.NULL, cell, 1, type, op.ordinal(), handle, describe());
    }

    private void scalarReduce(MemorySegment cell, MemorySegment result, int type, ReduceOp op, int root) {
        Objects.requireNonNull(op, "op");
        checkRank("root", root);
        begin("reduce");
        Shim.reduce(cell, result, 1, type, op.ordinal(), root, handle, describe());
    }

    private void scalarBroadcast(MemorySegment cell, int type, int root) {
        checkRank("root", root);
        begin("broadcast");
        Shim.bcast(cell, 1, type, root, handle, describe());
    }
}
