// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

/**
 * Run under mpirun by {@link ExitJobTest}: one rank leaves through {@code System.exit} while the others carry on
 * into a barrier it never reaches (or, for the clean cases, into their own exit). Without Gatun's shutdown hook
 * the job would hang in {@code MPI_Finalize}; with it, it ends within seconds, naming the rank.
 */
public final class ExitProgram {
    private ExitProgram() {
    }

    /**
     * Runs the scenario.
     *
     * @param args the leaving rank, then one of {@code exit3} (System.exit(3) while the others wait in a barrier),
     *             {@code exit0} (System.exit(0) likewise), {@code exit-in-barrier} (a helper thread calls
     *             System.exit(0) while main waits in a barrier), {@code finalize-then-exit} (every rank finalizes,
     *             then the leaving rank exits with 4), {@code all-exit0} (every rank calls System.exit(0): a clean
     *             end) or {@code early-finalize} (the leaving rank finalizes and exits 0 while the others still
     *             compute, then they finalize: a clean end)
     */
    public static void main(String[] args) throws InterruptedException {
        int leaving = Integer.parseInt(args[0]);
        String how = args[1];
        Mpi.init();
        Communicator world = Mpi.world();
        int r = world.rank();
        Check.equal(r, "allReduce before leaving", (double) world.size(), world.allReduce(1.0, ReduceOp.SUM));
        switch (how) {
            case "exit3" -> {
                if (r == leaving) {
                    System.exit(3);
                }
                world.barrier();
            }
            case "exit0" -> {
                if (r == leaving) {
                    System.exit(0);
                }
                world.barrier();
            }
            case "exit-in-barrier" -> {
                if (r == leaving) {
                    Thread t = new Thread(() -> {
                        sleep(1000);
                        System.exit(0);
                    }, "quitter");
                    t.start();
                } else {
                    sleep(6000); // the leaving rank's main waits in the barrier meanwhile
                }
                world.barrier(); // the leaving rank's exit aborts the job before anyone gets past
            }
            case "finalize-then-exit" -> {
                Mpi.finalizeMpi();
                Check.print(r, "finalized");
                if (r == leaving) {
                    System.exit(4);
                }
                return;
            }
            case "all-exit0" -> {
                if (r == leaving) {
                    sleep(1500); // arrives last: the others wait for it in their exit barrier
                }
                Check.print(r, "exits");
                System.exit(0);
            }
            case "early-finalize" -> {
                if (r == leaving) {
                    Mpi.finalizeMpi();
                    Check.print(r, "exits early");
                    System.exit(0);
                }
                sleep(1500);
                Check.print(r, "ends main");
                return;
            }
            default -> throw new IllegalArgumentException("unknown mode " + how);
        }
        Check.print(r, "passed the barrier (must not happen)");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
