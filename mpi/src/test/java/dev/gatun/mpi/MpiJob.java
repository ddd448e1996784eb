// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs a test program as a real MPI job: {@code mpirun -np N java ... Program args}, with this test's class path,
 * and returns its exit code and combined output. A job that outlives its time limit is killed and reported as
 * hung, which is what the abort-on-failure tests guard against.
 */
record MpiJob(int exitCode, String output, boolean timedOut) {

    /** The shim built by this module; without it (no mpicc) the tests skip. */
    static final Path SHIM = Path.of("target/classes/META-INF/native/linux-x86_64/libgatun_mpi.so");

    /** Skips the calling test, with the reason, when Open MPI's launcher or the shim is missing. */
    static void assumeMpi() {
        Assumptions.assumeTrue(onPath("mpirun"), "mpirun is not on PATH: install Open MPI (bin/setup-system does)");
        Assumptions.assumeTrue(Files.isRegularFile(SHIM), "the shim " + SHIM + " was not built (mpicc missing at build time)");
    }

    /**
     * Runs {@code program} on {@code ranks} processes.
     *
     * @param ranks   the number of processes
     * @param seconds the time limit before the job counts as hung
     * @param program the main class
     * @param args    its arguments
     */
    static MpiJob run(int ranks, int seconds, Class<?> program, String... args) throws IOException, InterruptedException {
        // Root in CI containers; more ranks than this machine's cores.
        return launch(List.of("mpirun", "-np", Integer.toString(ranks), "--allow-run-as-root", "--oversubscribe"), List.of(),
                seconds, program, args);
    }

    /** Like {@link #run}, with extra JVM options (system properties) for every rank. */
    static MpiJob runWith(List<String> jvmOptions, int ranks, int seconds, Class<?> program, String... args)
            throws IOException, InterruptedException {
        return launch(List.of("mpirun", "-np", Integer.toString(ranks), "--allow-run-as-root", "--oversubscribe"), jvmOptions,
                seconds, program, args);
    }

    /**
     * Runs {@code program} on {@code ranks} processes with MPICH's launcher ({@code mpiexec.mpich}), loading the
     * shim from {@code shimDirectory} (one built with {@code mpicc.mpich}) instead of the jar's Open MPI build.
     */
    static MpiJob runMpich(Path shimDirectory, int ranks, int seconds, Class<?> program, String... args)
            throws IOException, InterruptedException {
        return launch(List.of("mpiexec.mpich", "-n", Integer.toString(ranks)),
                List.of("-Dgatun.library.path=" + shimDirectory.toAbsolutePath()), seconds, program, args);
    }

    private static MpiJob launch(List<String> launcher, List<String> jvmOptions, int seconds, Class<?> program, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), program.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("gatun-mpi-job", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new MpiJob(finished ? process.exitValue() : -1, output, !finished);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The lines of rank {@code rank}'s output that the programs prefix with {@code [rank] }. */
    List<String> linesOf(int rank) {
        String prefix = "[" + rank + "] ";
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + (timedOut ? " (timed out)" : "") + ", output:\n" + output;
    }

    // Surefire's own class path, without its booter jar's indirection when it says where the classes are.
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
