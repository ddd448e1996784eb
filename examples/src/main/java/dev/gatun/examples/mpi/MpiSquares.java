// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.mpi;

import java.util.List;
import java.util.stream.IntStream;

import dev.gatun.mpi.Mpi;
import dev.gatun.mpi.MpiExecutor;

/**
 * <b>mpi-squares</b>: the seeds' bag-of-tasks snippet, mpi4py's {@code MPICommExecutor}, in Java.
 * <pre>
 * def sqr(x): return x*x
 * data = range(21)
 * with MPICommExecutor(root=0) as executor:
 *     if executor is not None: # on root
 *         squared = executor.map(sqr, data)
 * </pre>
 *
 * <p><b>What it shows.</b> Rank 0 hands out tasks (here a serializable lambda), the other ranks run them and
 * ask for more; {@code map} returns a future of the results in order.
 *
 * <p><b>How to run.</b> After {@code ./mvnw -B -q package -DskipTests}:
 * <pre>
 * mpirun -np 4 java --enable-native-access=ALL-UNNAMED -cp 'examples/target/classes:examples/target/lib/*' \
 *        dev.gatun.examples.mpi.MpiSquares
 * </pre>
 *
 * <p><b>What you should see.</b> The root prints
 * {@code [0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196, 225, 256, 289, 324, 361, 400]}.
 */
public final class MpiSquares {
    private MpiSquares() {
    }

    /**
     * Runs the example on every rank of the job.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Mpi.init();
        List<Integer> data = IntStream.range(0, 21).boxed().toList();
        try (MpiExecutor executor = MpiExecutor.start(Mpi.world(), 0)) {
            if (executor.isRoot()) { // the workers return from start() once the root closes the executor
                List<Integer> squared = executor.map(x -> x * x, data).join();
                System.out.println(squared);
            }
        }
        Mpi.finalizeMpi();
    }
}
