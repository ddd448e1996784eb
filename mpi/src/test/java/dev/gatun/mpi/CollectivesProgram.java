// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import dev.gatun.array.Complex;
import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.LongArray;
import dev.gatun.array.Order;

import java.lang.foreign.Arena;
import java.util.Optional;

/**
 * Run under mpirun by {@link CommunicatorJobTest}: every operation of {@link Communicator} on every rank, each
 * result checked against what the rank can compute itself. Prints {@code [rank] ok ...} per check and
 * {@code [rank] done} at the end.
 */
public final class CollectivesProgram {
    private CollectivesProgram() {
    }

    /**
     * Runs the checks.
     *
     * @param args none
     */
    public static void main(String[] args) {
        ThreadLevel level = Mpi.init();
        Communicator world = Mpi.world();
        int r = world.rank();
        int n = world.size();
        Check.print(r, "level " + level + " library " + Mpi.libraryVersion().lines().findFirst().orElse("") + " standard "
                + Mpi.standardVersion() + " host " + Mpi.processorName());
        Check.equal(r, "init again returns the granted level", level, Mpi.init(ThreadLevel.FUNNELED));
        scalars(world, r, n);
        try (Arena arena = Arena.ofConfined()) {
            broadcastLarge(world, arena, r, n);
            reductions(world, arena, r, n);
            scatterGather(world, arena, r, n);
            pointToPoint(world, arena, r, n);
        }
        communicators(world, r, n);
        world.barrier();
        double t0 = Mpi.wtime();
        sleep(20);
        double waited = Mpi.wtime() - t0;
        Check.equal(r, "wtime measures a 20 ms sleep", true, waited >= 0.019 && waited < 5);
        Mpi.finalizeMpi();
        Check.equal(r, "finalized", true, Mpi.isFinalized());
        Check.fails(r, "world after finalize", IllegalStateException.class, Mpi::world, "already finalized");
        Check.print(r, "done");
    }

    private static void scalars(Communicator world, int r, int n) {
        Check.equal(r, "allReduce double SUM", n * (n + 1) / 2.0, world.allReduce(r + 1.0, ReduceOp.SUM));
        Check.equal(r, "allReduce long MIN", 100L, world.allReduce(100L + r, ReduceOp.MIN));
        Check.equal(r, "allReduce long MAX", 100L + n - 1, world.allReduce(100L + r, ReduceOp.MAX));
        Check.equal(r, "allReduce int PROD", 1 << n, world.allReduce(2, ReduceOp.PROD));
        int root = n - 1;
        var reduced = world.reduce(r + 1.0, ReduceOp.SUM, root);
        Check.equal(r, "reduce double at root " + root, r == root ? n * (n + 1) / 2.0 : null,
                reduced.isPresent() ? reduced.getAsDouble() : null);
        Check.equal(r, "broadcast long from 1 % n", 4242L + 1 % n, world.broadcast(4242L + r, 1 % n));
        Check.equal(r, "broadcast int", 7, world.broadcast(r == 0 ? 7 : -1, 0));
    }

    /** 8 MB: beyond every eager limit, so the shared-memory transport's large-message path runs too. */
    private static void broadcastLarge(Communicator world, Arena arena, int r, int n) {
        int root = 1 % n;
        DoubleArray data = DoubleArray.allocate(arena, Order.FORTRAN, 1000, 1000);
        if (r == root) {
            for (long k = 0; k < data.size(); k++) {
                data.setFlat(k, k * 0.5);
            }
        }
        world.broadcast(data, root);
        boolean same = true;
        for (long k = 0; k < data.size(); k++) {
            same &= data.getFlat(k) == k * 0.5;
        }
        Check.equal(r, "broadcast 1000x1000 Fortran-order doubles", true, same);
    }

    private static void reductions(Communicator world, Arena arena, int r, int n) {
        IntArray mine = IntArray.of(arena, Order.C, new int[] {r, 10 * r, 1, -r}, 4);
        IntArray sum = IntArray.allocate(arena, 4);
        world.allReduce(mine, sum, ReduceOp.SUM);
        int s = n * (n - 1) / 2;
        Check.equal(r, "allReduce int[4] SUM", new int[] {s, 10 * s, n, -s}, sum.toArray());

        DoubleArray inPlace = DoubleArray.of(arena, Order.C, new double[] {r, -r}, 2);
        world.allReduce(inPlace, ReduceOp.MAX);
        Check.equal(r, "allReduce in place MAX", new double[] {n - 1, 0}, inPlace.toArray());

        LongArray values = LongArray.of(arena, Order.C, new long[] {r, 1L << 40}, 2);
        LongArray atRoot = r == 0 ? LongArray.allocate(arena, 2) : null;
        world.reduce(values, atRoot, ReduceOp.SUM, 0);
        if (r == 0) {
            Check.equal(r, "reduce long[2] SUM at root (others pass null)", new long[] {s, n * (1L << 40)}, atRoot.toArray());
        }

        ComplexDoubleArray z = ComplexDoubleArray.of(arena, Order.C, new Complex[] {new Complex(r, 1)}, 1);
        ComplexDoubleArray zs = ComplexDoubleArray.allocate(arena, 1);
        world.allReduce(z, zs, ReduceOp.SUM);
        Check.equal(r, "allReduce complex SUM", new Complex(s, n), zs.get(0));
    }

    private static void scatterGather(Communicator world, Arena arena, int r, int n) {
        DoubleArray all = null;
        if (r == 0) {
            all = DoubleArray.allocate(arena, n, 3);
            for (int k = 0; k < 3 * n; k++) {
                all.setFlat(k, k);
            }
        }
        DoubleArray block = DoubleArray.allocate(arena, 3);
        world.scatter(all, block, 0);
        Check.equal(r, "scatter 3 per rank", new double[] {3 * r, 3 * r + 1, 3 * r + 2}, block.toArray());

        IntArray pair = IntArray.of(arena, Order.C, new int[] {r, r * r}, 2);
        IntArray gathered = r == n - 1 ? IntArray.allocate(arena, 2 * n) : null;
        world.gather(pair, gathered, n - 1);
        if (r == n - 1) {
            int[] expected = new int[2 * n];
            for (int k = 0; k < n; k++) {
                expected[2 * k] = k;
                expected[2 * k + 1] = k * k;
            }
            Check.equal(r, "gather in rank order at root n-1", expected, gathered.toArray());
        }

        LongArray everyone = LongArray.allocate(arena, n);
        world.allGather(LongArray.of(arena, Order.C, new long[] {100L * r}, 1), everyone);
        long[] expected = new long[n];
        for (int k = 0; k < n; k++) {
            expected[k] = 100L * k;
        }
        Check.equal(r, "allGather", expected, everyone.toArray());
    }

    /** A ring: each rank sends to the next and receives from the previous, into a row of a larger matrix. */
    private static void pointToPoint(Communicator world, Arena arena, int r, int n) {
        if (n < 2) {
            return;
        }
        int next = (r + 1) % n;
        int previous = (r + n - 1) % n;
        DoubleArray out = DoubleArray.of(arena, Order.C, new double[] {r, r + 0.5, r + 0.25}, 3);
        DoubleArray matrix = DoubleArray.allocate(arena, 3, 4);
        DoubleArray row = matrix.slice(0, 1, 2).reshape(4); // row 1: a contiguous view, received into in place
        Status status;
        if (r % 2 == 0) {
            world.send(out, next, 7);
            Status waiting;
            Optional<Status> probed;
            while ((probed = world.iprobe(Communicator.ANY_SOURCE, 7)).isEmpty()) {
                Thread.onSpinWait();
            }
            waiting = probed.get();
            Check.equal(r, "iprobe finds the waiting message (count in bytes)", new Status(previous, 7, 24), waiting);
            Check.equal(r, "iprobe of another tag finds nothing", Optional.empty(), world.iprobe(previous, 8));
            status = world.receive(row, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
        } else {
            status = world.receive(row, previous, 7);
            world.send(out, next, 7);
        }
        Check.equal(r, "receive status", new Status(previous, 7, 3), status);
        Check.equal(r, "received into the matrix's row 1 (zero copy)",
                new double[] {previous, previous + 0.5, previous + 0.25, 0}, matrix.slice(0, 1, 2).reshape(4).toArray());
    }

    private static void communicators(Communicator world, int r, int n) {
        Optional<Communicator> half = world.split(r % 2, -r);
        try (Communicator sub = half.orElseThrow()) {
            int members = (n - r % 2 + 1) / 2;
            Check.equal(r, "split size", members, sub.size());
            Check.equal(r, "split ordered by key -rank", members - 1 - r / 2, sub.rank());
            Check.equal(r, "allReduce in split", (double) sumOfParity(n, r % 2), sub.allReduce((double) r, ReduceOp.SUM));
        }
        Optional<Communicator> notZero = world.split(r == 0 ? Communicator.UNDEFINED : 0, r);
        Check.equal(r, "split UNDEFINED leaves rank 0 out", r != 0, notZero.isPresent());
        notZero.ifPresent(Communicator::close);

        Communicator dup = world.duplicate();
        Check.equal(r, "dup keeps rank and size", r * 1000 + n, dup.rank() * 1000 + dup.size());
        dup.close();
        Check.fails(r, "closed communicator", IllegalStateException.class, dup::barrier, "closed");
        Mpi.self().close(); // does nothing
        Check.equal(r, "self", 1, Mpi.self().allReduce(1, ReduceOp.SUM));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int sumOfParity(int n, int parity) {
        int s = 0;
        for (int k = parity; k < n; k += 2) {
            s += k;
        }
        return s;
    }
}
