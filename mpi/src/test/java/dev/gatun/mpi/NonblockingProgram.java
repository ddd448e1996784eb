// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.Order;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.Optional;

/**
 * Run under mpirun by {@link NonblockingJobTest}: nonblocking, persistent and combined send-receive on Gatun
 * arrays, the MpiArena that refuses to close under a pending request, and Cartesian grids. Each result is
 * checked against what the rank can compute itself; prints {@code [rank] ok ...} per check and
 * {@code [rank] done} at the end.
 */
public final class NonblockingProgram {
    private NonblockingProgram() {
    }

    /**
     * Runs the checks.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Mpi.init();
        Communicator world = Mpi.world();
        int r = world.rank();
        int n = world.size();
        ring(world, r, n);
        arenaRefusesToClose(world, r, n);
        automaticArenaOutlivesItsLastReference(world, r, n);
        persistent(world, r, n);
        cartesianRows(world, r, n);
        cartesianGrid(world, r, n);
        errors(world, r, n);
        world.barrier();
        Check.print(r, "done");
    }

    /** isend to the right and irecv from the left into a matrix row (a view: zero copy), then waitAll. */
    private static void ring(Communicator world, int r, int n) {
        int right = (r + 1) % n;
        int left = (r + n - 1) % n;
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray out = DoubleArray.of(arena, Order.C, new double[] {r, r + 0.5, r * 10.0}, 3);
            DoubleArray matrix = DoubleArray.allocate(arena, 4, 3);
            Request receive = world.irecv(matrix.slice(0, 2, 3).reshape(3), left, 11);
            Request send = world.isend(out, right, 11);
            Check.equal(r, "irecv toString names the peer", true, receive.toString().startsWith("irecv from rank " + left
                    + " tag 11 ('data', 3 double)"));
            List<Status> statuses = Request.waitAll(receive, send);
            Check.equal(r, "waitAll statuses (receive, send)", List.of(new Status(left, 11, 3), new Status(right, 11, 3)), statuses);
            Check.equal(r, "irecv wrote into the matrix's row 2 in place", new double[] {left, left + 0.5, left * 10.0},
                    matrix.slice(0, 2, 3).reshape(3).toArray());
            Check.equal(r, "await after completion returns the status again", new Status(left, 11, 3), receive.await());
            Check.equal(r, "not pending after waitAll", false, receive.isPending() || send.isPending());

            // test() polls: it returns empty at least until the sender, which waits for a barrier, has sent.
            IntArray token = IntArray.allocate(arena, 1);
            Request later = world.irecv(token, left, 12);
            Optional<Status> early = later.test();
            Check.equal(r, "test before the message is sent is empty", Optional.empty(), early);
            world.barrier();
            Request sent = world.isend(IntArray.of(arena, Order.C, new int[] {100 + r}, 1), right, 12);
            Optional<Status> done;
            while ((done = later.test()).isEmpty()) {
                Thread.onSpinWait();
            }
            Check.equal(r, "test polls until complete", new Status(left, 12, 1), done.get());
            Check.equal(r, "the polled value", 100 + left, token.get(0));
            sent.await();
        }
    }

    /** An irecv pins its MpiArena: close() is refused, naming it, until the request completes. */
    private static void arenaRefusesToClose(Communicator world, int r, int n) {
        int right = (r + 1) % n;
        int left = (r + n - 1) % n;
        MpiArena arena = MpiArena.open();
        DoubleArray halo = DoubleArray.allocate(arena, 5);
        Request receive = world.irecv(halo, left, 21);
        Check.fails(r, "MpiArena.close() refused while an irecv is pending", IllegalStateException.class, arena::close,
                "1 nonblocking request is still pending", "irecv from rank " + left + " tag 21 ('data', 5 double)",
                "await()");
        Check.equal(r, "pendingRequests names the request", List.of(receive), arena.pendingRequests());
        world.barrier(); // nothing is sent before every rank has tried to close
        try (Arena plain = Arena.ofConfined()) {
            DoubleArray five = DoubleArray.of(plain, Order.C, new double[] {r, r, r, r, r}, 5);
            world.send(five, right, 21);
        }
        receive.await();
        Check.equal(r, "received into the MpiArena", new double[] {left, left, left, left, left}, halo.toArray());
        arena.close();
        Check.equal(r, "MpiArena closes once the request completed", false, arena.scope().isAlive());
    }

    /** The request holds its array: an automatic arena's memory survives a GC while MPI owns it. */
    private static void automaticArenaOutlivesItsLastReference(Communicator world, int r, int n) {
        int right = (r + 1) % n;
        int left = (r + n - 1) % n;
        Request receive = world.irecv(DoubleArray.allocate(Order.C, 1 << 16), left, 31);
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        world.barrier();
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray big = DoubleArray.allocate(arena, 1 << 16);
            big.fill(r + 0.125);
            world.send(big, right, 31);
        }
        Check.equal(r, "irecv into an automatic arena after GC", new Status(left, 31, 1 << 16), receive.await());
    }

    /** Persistent send and receive started three times, the data changing between starts. */
    private static void persistent(Communicator world, int r, int n) {
        int right = (r + 1) % n;
        int left = (r + n - 1) % n;
        try (MpiArena arena = MpiArena.open()) {
            LongArrayHolder h = new LongArrayHolder(arena);
            try (PersistentRequest send = world.sendInit(h.out, right, 41);
                 PersistentRequest receive = world.receiveInit(h.in, left, 41)) {
                Check.fails(r, "await before start", IllegalStateException.class, receive::await, "not started");
                long sum = 0;
                for (int step = 0; step < 3; step++) {
                    h.out.set(0, 1000L * r + step);
                    PersistentRequest.startAll(receive, send);
                    Check.fails(r, "start while pending", IllegalStateException.class, send::start,
                            "the previous start() has not completed");
                    Request.waitAll(receive, send);
                    sum += h.in.get(0);
                }
                Check.equal(r, "three persistent rounds", 3000L * left + 3, sum);
                receive.start();
                Check.fails(r, "close while started", IllegalStateException.class, receive::close, "a transfer is pending");
                send.start();
                Request.waitAll(send, receive);
            }
        }
    }

    private static final class LongArrayHolder {
        final dev.gatun.array.LongArray out;
        final dev.gatun.array.LongArray in;

        LongArrayHolder(Arena arena) {
            out = dev.gatun.array.LongArray.allocate(arena, 1);
            in = dev.gatun.array.LongArray.allocate(arena, 1);
        }
    }

    /** A non-periodic 1-D grid: sendReceive shifts rows down; the top rank receives from PROC_NULL (nothing). */
    private static void cartesianRows(Communicator world, int r, int n) {
        int[] dims = CartesianCommunicator.balancedDims(n, 1);
        Check.equal(r, "balancedDims(n, 1)", new int[] {n}, dims);
        try (CartesianCommunicator rows = world.cartesian(dims, new boolean[] {false}, false).orElseThrow();
             Arena arena = Arena.ofConfined()) {
            CartesianCommunicator.Shift down = rows.shift(0, 1);
            int gr = rows.rank();
            Check.equal(r, "shift(0, 1) neighbours", new CartesianCommunicator.Shift(gr == 0 ? Communicator.PROC_NULL : gr - 1,
                    gr == n - 1 ? Communicator.PROC_NULL : gr + 1), down);
            DoubleArray mine = DoubleArray.of(arena, Order.C, new double[] {gr, -gr}, 2);
            DoubleArray above = DoubleArray.of(arena, Order.C, new double[] {-7, -7}, 2);
            Status s = rows.communicator().sendReceive(mine, down.dest(), 51, above, down.source(), 51);
            if (gr == 0) {
                Check.equal(r, "sendReceive from PROC_NULL leaves the halo", new double[] {-7, -7}, above.toArray());
                Check.equal(r, "status of a receive from PROC_NULL", new Status(Communicator.PROC_NULL, Communicator.ANY_TAG, 0), s);
            } else {
                Check.equal(r, "sendReceive shifted the row down", new double[] {gr - 1, -(gr - 1)}, above.toArray());
            }
            // isend/irecv with PROC_NULL complete at once.
            Request none = rows.communicator().isend(mine, Communicator.PROC_NULL, 52);
            Check.equal(r, "isend to PROC_NULL completes", true, none.test().isPresent());
        }
    }

    /** A periodic 2-D grid from balancedDims: coordinates, rankOf and shifts agree. */
    private static void cartesianGrid(Communicator world, int r, int n) {
        int[] dims = CartesianCommunicator.balancedDims(n, 2);
        Check.equal(r, "balancedDims(n, 2) multiplies to n", n, dims[0] * dims[1]);
        try (CartesianCommunicator grid = world.cartesian(dims, new boolean[] {true, true}, true).orElseThrow()) {
            int[] c = grid.coordinates();
            Check.equal(r, "rankOf(coordinates) is the rank", grid.rank(), grid.rankOf(c));
            Check.equal(r, "coordinatesOf(rank) are the coordinates", c, grid.coordinatesOf(grid.rank()));
            CartesianCommunicator.Shift east = grid.shift(1, 1);
            Check.equal(r, "periodic shift east", grid.rankOf(c[0], (c[1] + 1) % dims[1]), east.dest());
            Check.equal(r, "periodic shift west", grid.rankOf(c[0], (c[1] + dims[1] - 1) % dims[1]), east.source());
            Check.equal(r, "periodic rankOf wraps", grid.rankOf(c[0], c[1]), grid.rankOf(c[0] + dims[0], c[1] - dims[1]));
            Check.fails(r, "shift of a missing dimension", IllegalArgumentException.class, () -> grid.shift(2, 1),
                    "parameter 'dimension': expected a dimension in [0, 2), got 2");
        }
        Check.fails(r, "a grid larger than the job", IllegalArgumentException.class,
                () -> world.cartesian(new int[] {n + 1}, new boolean[] {false}, false), "needs more ranks than the " + n);
        Check.fails(r, "periodic of the wrong length", IllegalArgumentException.class,
                () -> world.cartesian(new int[] {n}, new boolean[] {false, true}, false), "parameter 'periodic': expected 1 entries");
    }

    private static void errors(Communicator world, int r, int n) {
        int right = (r + 1) % n;
        int left = (r + n - 1) % n;
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.allocate(arena, 4);
            Check.fails(r, "isend to a rank outside the job", IllegalArgumentException.class, () -> world.isend(a, n, 0),
                    "parameter 'dest': expected a rank in [0, " + n + ") of world or Communicator.PROC_NULL, got " + n);
            Check.fails(r, "irecv into a heap array", IllegalArgumentException.class,
                    () -> world.irecv(DoubleArray.ofHeap(new double[4]), left, 0), "parameter 'data'");
            Check.fails(r, "sendReceive with overlapping buffers", IllegalArgumentException.class,
                    () -> world.sendReceive(a, right, 0, a.slice(0, 1, 3), left, 0), "parameter 'receive': overlaps 'send'");
            // A message longer than the irecv's array: MPI_ERR_TRUNCATE from await, naming the request.
            DoubleArray small = DoubleArray.allocate(arena, 2);
            Request truncated = world.irecv(small, left, 61);
            Request send = world.isend(a, right, 61);
            Check.fails(r, "truncated irecv", MpiException.class, truncated::await, "MPI_Wait", "irecv from rank " + left
                    + " tag 61", "MPI_ERR_TRUNCATE");
            send.await();
            Check.equal(r, "a failed request is no longer pending", false, truncated.isPending());
        }
    }
}
