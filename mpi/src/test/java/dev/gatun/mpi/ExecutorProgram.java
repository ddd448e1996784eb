// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * Run under mpirun by {@link MpiExecutorJobTest}: the seed's squares, a record task, a failing task, a task that
 * cannot be serialized, and dynamic load balancing (one slow task must not hold up the tasks queued behind it).
 */
public final class ExecutorProgram {
    private ExecutorProgram() {
    }

    /** A task as a record: serializable by its components. */
    record Power(long base, int exponent) implements MpiTask<Long> {
        @Override
        public Long call() {
            long p = 1;
            for (int k = 0; k < exponent; k++) {
                p *= base;
            }
            return p;
        }
    }

    /** Not serializable: a lambda capturing it cannot travel. */
    static final class Opaque {
        final int value = 3;
    }

    /**
     * Runs the checks.
     *
     * @param args none
     */
    public static void main(String[] args) throws Exception {
        Mpi.init();
        int r = Mpi.world().rank();
        try (MpiExecutor executor = MpiExecutor.start(Mpi.world(), 0)) {
            if (!executor.isRoot()) {
                Check.fails(r, "worker cannot submit", IllegalStateException.class,
                        () -> executor.submit(() -> 1), "is a worker", "executor.isRoot()");
                Check.print(r, "done");
                return;
            }
            List<Integer> data = IntStream.range(0, 21).boxed().toList();
            List<Integer> squared = executor.map(x -> x * x, data).join();
            Check.print(r, "squared " + squared);
            Check.equal(r, "map squares", IntStream.range(0, 21).map(x -> x * x).boxed().toList(), squared);
            Check.equal(r, "record task", 1L << 40, executor.submit(new Power(2, 40)).get());

            CompletableFuture<Integer> failing = executor.submit(() -> Integer.parseInt("not a number"));
            RemoteTaskException remote = Check.fails(r, "failing task", RemoteTaskException.class,
                    () -> unwrap(failing), "failed on rank", "NumberFormatException");
            Check.equal(r, "failure keeps the cause", NumberFormatException.class, remote.getCause().getClass());
            Check.equal(r, "failure names a worker", true, executor.workers() == 0 ? remote.rank() == 0 : remote.rank() > 0);

            Opaque opaque = new Opaque();
            Check.fails(r, "unserializable capture", IllegalArgumentException.class,
                    () -> executor.submit(() -> opaque.value), "parameter 'task'", "not Serializable");

            if (executor.workers() >= 2) {
                balance(executor, r);
            }
        }
        Check.print(r, "done");
    }

    /**
     * One 1.5 s task, then 30 tasks of 20 ms. A static split would give the slow task's worker its share of the
     * short ones too; pulling work leaves that worker with at most one or two more.
     */
    private static void balance(MpiExecutor executor, int r) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        futures.add(executor.submit(() -> {
            Thread.sleep(1500);
            return -Mpi.world().rank();
        }));
        for (int k = 0; k < 30; k++) {
            futures.add(executor.submit(() -> {
                Thread.sleep(20);
                return Mpi.world().rank();
            }));
        }
        int slowWorker = -futures.get(0).join();
        Map<Integer, Integer> perWorker = new HashMap<>();
        futures.stream().skip(1).map(CompletableFuture::join).forEach(w -> perWorker.merge(w, 1, Integer::sum));
        Check.print(r, "short tasks per worker " + perWorker + ", slow task on " + slowWorker);
        int share = 30 / executor.workers();
        Check.equal(r, "slow worker ran fewer short tasks than a static share", true,
                perWorker.getOrDefault(slowWorker, 0) < share);
    }

    private static Object unwrap(CompletableFuture<?> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }
}
