// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import picocli.CommandLine;

/**
 * Gatun's main job: runs every example main at its default size, one after the other, or the one
 * named first on the command line with its own options.
 *
 * <p><b>How to run.</b> {@code bin/examples} (all), {@code bin/examples integration2d --n 20000}
 * (one, with options), {@code bin/examples --list}.
 *
 * <p><b>What you should see.</b> For each example the seeds' lines per variant and one table of
 * median times and speed-ups against the scalar Java loop.
 */
public final class RunAll {

    private RunAll() {
    }

    /** The examples, by the name used on the command line, in the order they run. */
    static Map<String, Supplier<Object>> examples() {
        Map<String, Supplier<Object>> examples = new LinkedHashMap<>();
        examples.put("integration2d", Integration2D::new);
        examples.put("fib", Fib::new);
        examples.put("cos_doubles", CosDoubles::new);
        examples.put("my_sqrt", MySqrt::new);
        examples.put("matvec", MatVec::new);
        examples.put("heat", Heat::new);
        return examples;
    }

    /**
     * The MPI examples, by name: each is a main to start under {@code mpirun}, one JVM per rank, so they are
     * listed here but not run by this launcher.
     */
    static Map<String, String> mpiExamples() {
        Map<String, String> examples = new LinkedHashMap<>();
        examples.put("integration2d-mpi", "dev.gatun.examples.mpi.Integration2DMpi");
        examples.put("mpi-squares", "dev.gatun.examples.mpi.MpiSquares");
        examples.put("mpi-kernel-tasks", "dev.gatun.examples.mpi.MpiKernelTasks");
        return examples;
    }

    private static void printMpiHowTo(java.io.PrintStream out) {
        out.println("MPI examples (run under mpirun, not by bin/examples): " + String.join(", ", mpiExamples().keySet()));
        out.println("  e.g. mpirun -np 4 --bind-to none java --enable-native-access=ALL-UNNAMED \\");
        out.println("         -cp 'examples/target/classes:examples/target/lib/*' " + mpiExamples().get("integration2d-mpi")
                + " --n 20000 --threads 2");
        out.println("  scaling sweep: examples/scripts/mpi-scaling.sh");
    }

    /**
     * Runs all examples, or one with its options.
     *
     * @param args nothing (all), {@code --list}, or an example name followed by its options
     */
    public static void main(String[] args) {
        Map<String, Supplier<Object>> examples = examples();
        if (args.length > 0 && (args[0].equals("--list") || args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Usage: bin/examples [EXAMPLE [OPTIONS...]]   (EXAMPLE --help for its options)");
            System.out.println("Examples: " + String.join(", ", examples.keySet()));
            printMpiHowTo(System.out);
            return;
        }
        if (args.length > 0) {
            Supplier<Object> example = examples.get(args[0]);
            if (example == null && mpiExamples().containsKey(args[0])) {
                System.err.println("'" + args[0] + "' runs one JVM per MPI rank: start " + mpiExamples().get(args[0])
                        + " under mpirun, not through this launcher.");
                printMpiHowTo(System.err);
                System.exit(2);
            }
            if (example == null) {
                System.err.println("unknown example '" + args[0] + "'; expected one of " + examples.keySet());
                System.exit(2);
            }
            System.exit(new CommandLine(example.get()).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        int failed = 0;
        for (Map.Entry<String, Supplier<Object>> e : examples.entrySet()) {
            System.out.println("\n######## " + e.getKey() + " ########");
            if (new CommandLine(e.getValue().get()).execute() != 0) {
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
