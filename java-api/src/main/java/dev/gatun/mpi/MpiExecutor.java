// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bag-of-tasks executor over MPI ranks, the analogue of mpi4py's {@code MPICommExecutor}: the root rank
 * submits tasks, every other rank runs them, one at a time, and asks for the next as soon as it is done, so
 * fast and slow tasks balance themselves over the workers.
 * {@snippet :
 * // mpirun -np 4 java ... Squares      (the seed's: with MPICommExecutor(root=0) as executor: ...)
 * Mpi.init();
 * try (MpiExecutor executor = MpiExecutor.start(Mpi.world(), 0)) {
 *     if (executor.isRoot()) {                           // workers return from start() when the root closes
 *         List<Integer> data = IntStream.range(0, 21).boxed().toList();
 *         System.out.println(executor.map(x -> x * x, data).join());
 *     }
 * }
 * }
 *
 * <p>Tasks are {@link MpiTask}s and {@link MpiFunction}s: serializable lambdas or records, sent with Java
 * serialization (the ranks run the same program, so they have the classes). A task that throws completes its
 * future exceptionally with a {@link RemoteTaskException} naming the worker rank, the task's exception as cause.
 * With one rank there are no workers and the root runs the tasks itself, on the executor's thread.
 *
 * <p>On the root a dispatcher thread does the executor's MPI calls on a private duplicate of the communicator,
 * while the program's threads submit; MPI must therefore grant {@link ThreadLevel#MULTIPLE}. If the dispatcher
 * itself fails (an MPI error), the job is aborted, since the workers would otherwise wait for it forever.
 */
public final class MpiExecutor implements AutoCloseable {
    private static final int TAG_TASK = 1;
    private static final int TAG_STOP = 2;
    private static final int TAG_RESULT = 3;
    private static final long MAX_BACKOFF_NANOS = 1_000_000;

    private final Communicator comm;
    private final int root;
    private final boolean isRoot;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong nextId = new AtomicLong();
    private final Thread dispatcher;
    private volatile boolean closing;
    private volatile boolean closed;

    /** A submitted task on the root: its bytes and its future. */
    private record Pending(long id, byte[] bytes, CompletableFuture<Object> future) {
    }

    /** {@link #map}'s task: one item through the function. */
    private record Application<A, R>(MpiFunction<A, R> function, A item) implements MpiTask<R> {
        @Override
        public R call() throws Exception {
            return function.apply(item);
        }
    }

    private MpiExecutor(Communicator comm, int root) {
        this.comm = comm;
        this.root = root;
        this.isRoot = comm.rank() == root;
        this.dispatcher = isRoot ? Thread.ofPlatform().name("gatun-mpi-executor").daemon().unstarted(this::dispatch) : null;
    }

    /**
     * Starts an executor on all ranks of {@link Mpi#world()} with root 0; see {@link #start(Communicator, int)}.
     *
     * @return the executor; on workers it returns only after the root closed it
     */
    public static MpiExecutor start() {
        return start(Mpi.world(), 0);
    }

    /**
     * Starts an executor; every rank of {@code comm} must call it (it duplicates the communicator). On the root it
     * returns at once, ready for {@link #submit} and {@link #map}. On every other rank it serves tasks and returns
     * only when the root {@linkplain #close() closes} the executor; the returned executor then has
     * {@link #isRoot()} false and refuses tasks.
     *
     * @param comm the ranks to use
     * @param root the rank that submits tasks
     * @return the executor
     * @throws IllegalArgumentException when {@code root} is not a rank of {@code comm}
     * @throws IllegalStateException    when MPI did not grant {@link ThreadLevel#MULTIPLE} and there are workers
     */
    public static MpiExecutor start(Communicator comm, int root) {
        Objects.requireNonNull(comm, "comm");
        if (root < 0 || root >= comm.size()) {
            throw new IllegalArgumentException("parameter 'root': expected a rank in [0, " + comm.size() + ") of "
                    + comm.name() + ", got " + root);
        }
        if (comm.size() > 1 && Mpi.threadLevel() != ThreadLevel.MULTIPLE) {
            throw new IllegalStateException("MpiExecutor needs MPI_THREAD_MULTIPLE (its dispatcher thread calls MPI while"
                    + " the program submits), but MPI granted " + Mpi.threadLevel().mpiName() + "; start MPI with Mpi.init()"
                    + " (which requests MULTIPLE) and an MPI built with thread support");
        }
        MpiExecutor executor = new MpiExecutor(comm.duplicate(), root);
        if (executor.isRoot) {
            executor.dispatcher.start();
        } else {
            executor.serve();
        }
        return executor;
    }

    /** {@return whether this rank is the root, the one that submits tasks} */
    public boolean isRoot() {
        return isRoot;
    }

    /** {@return the number of ranks that run tasks: the communicator's size less one, or 0 with one rank} */
    public int workers() {
        return comm.size() - 1;
    }

    /**
     * Sends one task to the next free worker.
     *
     * @param task the task
     * @param <T>  its result type
     * @return its result, or a {@link RemoteTaskException} naming the worker rank when it threw
     * @throws IllegalArgumentException when the task cannot be serialized (the message names what is not)
     * @throws IllegalStateException    on a worker rank, or after {@link #close()}
     */
    public <T> CompletableFuture<T> submit(MpiTask<T> task) {
        Objects.requireNonNull(task, "task");
        if (!isRoot) {
            throw new IllegalStateException("submit: rank " + comm.rank() + " is a worker; only the root (rank " + root
                    + ") submits tasks; check executor.isRoot()");
        }
        if (closing) {
            throw new IllegalStateException("submit: the executor is closed; submit before close()");
        }
        long id = nextId.getAndIncrement();
        CompletableFuture<Object> future = new CompletableFuture<>();
        queue.add(new Pending(id, TaskCodec.encodeTask(id, task), future));
        @SuppressWarnings("unchecked") // the future completes with what task.call() returned on the worker
        CompletableFuture<T> typed = (CompletableFuture<T>) (CompletableFuture<?>) future;
        return typed;
    }

    /**
     * Applies {@code function} to every item, each item a task of its own.
     *
     * @param function the function
     * @param items    the items, each serializable
     * @param <A>      the item type
     * @param <R>      the result type
     * @return the results in the order of {@code items}; fails with the first failing item's exception
     * @throws IllegalArgumentException when the function or an item cannot be serialized
     * @throws IllegalStateException    on a worker rank, or after {@link #close()}
     */
    public <A, R> CompletableFuture<List<R>> map(MpiFunction<A, R> function, Iterable<? extends A> items) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(items, "items");
        List<CompletableFuture<R>> futures = new ArrayList<>();
        for (A item : items) {
            futures.add(submit(new Application<A, R>(function, item)));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    }

    /**
     * On the root: waits for every submitted task to finish, stops the workers and frees the executor's
     * communicator. On workers (whose {@link #start} already served until the root closed): nothing. Calling it
     * again does nothing.
     */
    @Override
    public void close() {
        if (!isRoot || closed) {
            return;
        }
        closing = true;
        try {
            dispatcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the executor's tasks", e);
        }
        closed = true;
        comm.close();
    }

    // ---- root -------------------------------------------------------------------------------

    /** The dispatcher thread: hands tasks to idle workers and collects results until closed and drained. */
    private void dispatch() {
        Map<Integer, Pending> running = new HashMap<>();
        ArrayDeque<Integer> idle = new ArrayDeque<>();
        for (int r = 0; r < comm.size(); r++) {
            if (r != root) {
                idle.add(r);
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment flag = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment status = arena.allocate(Shim.statusLayout());
            long backoff = 0;
            while (true) {
                boolean progressed = false;
                if (workers() == 0) {
                    progressed = runLocally();
                }
                while (!idle.isEmpty() && !queue.isEmpty()) {
                    Pending next = queue.poll();
                    int worker = idle.poll();
                    sendBytes(next.bytes(), worker, TAG_TASK);
                    running.put(worker, next);
                    progressed = true;
                }
                if (!running.isEmpty() && comm.iprobe(Communicator.ANY_SOURCE, TAG_RESULT, flag, status)) {
                    int worker = status.getAtIndex(ValueLayout.JAVA_INT, 0);
                    complete(running.remove(worker), receiveBytes(worker, TAG_RESULT, status), worker);
                    idle.add(worker);
                    progressed = true;
                }
                if (running.isEmpty() && queue.isEmpty()) {
                    if (closing) {
                        break;
                    }
                    waitForWork();
                    backoff = 0;
                } else if (!progressed) {
                    // Results are polled: a blocking probe would keep new tasks from idle workers.
                    backoff = backoff == 0 ? 1_000 : Math.min(2 * backoff, MAX_BACKOFF_NANOS);
                    LockSupport.parkNanos(backoff);
                } else {
                    backoff = 0;
                }
            }
            for (int r = 0; r < comm.size(); r++) {
                if (r != root) {
                    comm.sendBytes(MemorySegment.NULL, r, TAG_STOP);
                }
            }
        } catch (RuntimeException | Error e) {
            MpiException failure = e instanceof MpiException m ? m : null;
            for (Pending p : running.values()) {
                p.future().completeExceptionally(e);
            }
            queue.forEach(p -> p.future().completeExceptionally(e));
            Mpi.abort(1, "MpiExecutor's dispatcher failed (" + (failure != null ? failure.getMessage() : e.toString())
                    + "); the workers cannot be stopped cleanly");
        }
    }

    /** With no workers the root runs the next task itself; returns whether there was one. */
    private boolean runLocally() {
        Pending next = queue.poll();
        if (next == null) {
            return false;
        }
        complete(next, runTask(next.bytes()), root);
        return true;
    }

    private void waitForWork() {
        try {
            Pending next = queue.poll(20, TimeUnit.MILLISECONDS);
            if (next != null) {
                // Put it back in front: the loop hands it out next.
                List<Pending> rest = new ArrayList<>();
                queue.drainTo(rest);
                queue.add(next);
                queue.addAll(rest);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void complete(Pending pending, byte[] resultBytes, int worker) {
        TaskCodec.Result result;
        try {
            result = TaskCodec.decodeResult(resultBytes);
        } catch (IOException | ClassNotFoundException e) {
            pending.future().completeExceptionally(new RemoteTaskException(worker, "task " + pending.id()
                    + ": the result from rank " + worker + " cannot be read: " + e, e));
            return;
        }
        if (result.ok()) {
            pending.future().complete(result.value());
        } else if (result.failure() instanceof RemoteTaskException remote) {
            pending.future().completeExceptionally(remote);
        } else {
            pending.future().completeExceptionally(new RemoteTaskException(worker, "task " + pending.id() + " failed on rank "
                    + worker + ": " + result.failure(), result.failure()));
        }
    }

    // ---- workers ----------------------------------------------------------------------------

    /** A worker's loop: run each task from the root and send its result back, until the root says stop. */
    private void serve() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(Shim.statusLayout());
            while (true) {
                comm.probe(root, Communicator.ANY_TAG, status);
                int tag = status.getAtIndex(ValueLayout.JAVA_INT, 1);
                byte[] message = receiveBytes(root, tag, status);
                if (tag == TAG_STOP) {
                    break;
                }
                sendBytes(runTask(message), root, TAG_RESULT);
            }
        }
        comm.close();
    }

    /** Decodes and runs one task; returns the encoded result or failure. */
    private byte[] runTask(byte[] message) {
        long id = -1;
        try {
            TaskCodec.Task task = TaskCodec.decodeTask(message);
            id = task.id();
            return TaskCodec.encodeResult(id, task.task().call(), comm.rank());
        } catch (Exception e) {
            return TaskCodec.encodeFailure(id, e, comm.rank());
        }
    }

    private void sendBytes(byte[] bytes, int dest, int tag) {
        try (Arena arena = Arena.ofConfined()) {
            comm.sendBytes(TaskCodec.offHeap(arena, bytes), dest, tag);
        }
    }

    /** Receives the message {@code status} describes (already probed). */
    private byte[] receiveBytes(int source, int tag, MemorySegment status) {
        int length = status.getAtIndex(ValueLayout.JAVA_INT, 2);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(Math.max(1, length));
            comm.receiveBytes(buffer.asSlice(0, length), source, tag, status);
            return buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
