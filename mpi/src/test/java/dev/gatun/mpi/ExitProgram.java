// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import dev.gatun.array.DoubleArray;

import java.lang.foreign.Arena;

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
     *             compute, then they finalize: a clean end), {@code return-in-barrier} (the leaving rank's main
     *             returns while the others wait in a barrier), {@code return-in-recv} (likewise while they wait to
     *             receive from it), {@code finalize-in-bcast} (the leaving rank calls Mpi.finalizeMpi() while the
     *             others wait in a broadcast from it) or {@code return-early} (the leaving rank returns while the
     *             others go on for 4 s among themselves, with a collective and point-to-point messages that do not
     *             need it: a clean end)
     */
    public static void main(String[] args) throws InterruptedException {
        int leaving = Integer.parseInt(args[0]);
        String how = args[1];
        // return-funneled: the leaving rank runs at MPI_THREAD_FUNNELED (no watcher of its own), the others at MULTIPLE.
        Mpi.init(how.equals("return-funneled") && isRank(leaving) ? ThreadLevel.FUNNELED : ThreadLevel.MULTIPLE);
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
            case "return-funneled", "return-in-barrier" -> {
                if (r == leaving) {
                    Check.print(r, "returns from main at " + Mpi.requestedThreadLevel());
                    return;
                }
                world.barrier();
            }
            case "return-in-recv" -> {
                if (r == leaving) {
                    Check.print(r, "returns from main");
                    return;
                }
                world.receive(DoubleArray.allocate(Arena.ofAuto(), 1), leaving, 7);
            }
            case "finalize-in-bcast" -> {
                if (r == leaving) {
                    Mpi.finalizeMpi();
                    return;
                }
                world.broadcast(0.0, leaving);
            }
            case "return-early" -> {
                // Collective over world, so the leaving rank takes part (and joins nothing).
                var split = world.split(r == leaving ? Communicator.UNDEFINED : 1, r);
                if (r == leaving) {
                    return;
                }
                Communicator rest = split.orElseThrow();
                long end = System.nanoTime() + 4_000_000_000L;
                DoubleArray token = DoubleArray.allocate(Arena.ofAuto(), 1);
                DoubleArray received = DoubleArray.allocate(Arena.ofAuto(), 1);
                int next = (rest.rank() + 1) % rest.size();
                int previous = (rest.rank() + rest.size() - 1) % rest.size();
                while (System.nanoTime() < end) {
                    Check.equal(r, "allReduce without the leaver", (double) rest.size(), rest.allReduce(1.0, ReduceOp.SUM));
                    rest.sendReceive(token, next, 3, received, previous, 3);
                    sleep(200); // longer than the watcher's grace in total: it must not mistake this for a hang
                }
                Check.print(r, "ends main");
                return;
            }
            default -> throw new IllegalArgumentException("unknown mode " + how);
        }
        Check.print(r, "passed the barrier (must not happen)");
    }

    /** Whether this process is rank {@code leaving} of world, read before MPI starts (Open MPI's environment). */
    private static boolean isRank(int leaving) {
        String rank = System.getenv("OMPI_COMM_WORLD_RANK");
        return rank != null && Integer.parseInt(rank) == leaving;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
