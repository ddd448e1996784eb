// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

/**
 * Run under mpirun by {@link AbortJobTest}: one rank fails while the others wait in a barrier that it will never
 * reach. Without Gatun's abort the job would hang; with it, it ends at once, naming the rank.
 */
public final class FailingProgram {
    private FailingProgram() {
    }

    /**
     * Runs the scenario.
     *
     * @param args the failing rank, then {@code throw} (an uncaught exception), {@code abort} ({@link Mpi#abort})
     *             or {@code worker-thread} (an exception on a thread of the rank that is not main)
     */
    public static void main(String[] args) throws InterruptedException {
        int failing = Integer.parseInt(args[0]);
        String how = args[1];
        Mpi.init();
        Communicator world = Mpi.world();
        int r = world.rank();
        Check.equal(r, "allReduce before the failure", (double) world.size(), world.allReduce(1.0, ReduceOp.SUM));
        if (r == failing) {
            switch (how) {
                case "throw" -> throw new IllegalStateException("input file for rank " + r + " is missing");
                case "abort" -> world.abort(3, "bad input on purpose");
                case "worker-thread" -> {
                    Thread t = new Thread(() -> {
                        throw new ArithmeticException("division by zero in a helper thread");
                    }, "helper");
                    t.start();
                    t.join();
                    Thread.sleep(60_000); // the handler aborts before this ends
                }
                default -> throw new IllegalArgumentException("unknown mode " + how);
            }
        }
        world.barrier(); // the failing rank never gets here
        Check.print(r, "passed the barrier (must not happen)");
    }
}
