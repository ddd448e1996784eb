// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gatun.kernels.omp.KernelsOmp;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MPI examples as users start them: {@code mpirun -np N java ... Main}. Checks the seeds' lines, the
 * machine-readable summary the scaling script parses, and the integral against one in-process kernel call.
 */
class MpiExamplesTest {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT example=integration2d-mpi n=(\\d+) ranks=(\\d+) threads=(\\d+) seconds=([0-9.]+) min=([0-9.]+) value=(\\S+) reps=(\\d+)");

    @BeforeAll
    static void mpiPresent() {
        boolean mpirun = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            mpirun |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "mpirun"));
        }
        Assumptions.assumeTrue(mpirun, "mpirun is not on PATH: install Open MPI (bin/setup-system does)");
    }

    @Test
    void integration2dMpiOnFourRanksMatchesTheWholeGridAndPrintsTheSummary() throws Exception {
        int n = 2000;
        String out = mpirun(4, Integration2DMpi.class, "--n", Integer.toString(n), "--threads", "1", "--reps", "2", "--warmup", "0");
        assertTrue(out.contains("integration2d-mpi: n = 2000, 4 ranks x 1 OpenMP threads"), out);
        assertEquals(2, out.lines().filter(l -> l.matches("Integral value is -?\\d\\.\\d{6}e[-+]\\d+, Error is \\d\\.\\d{6}e[-+]\\d+")).count(), out);
        assertEquals(2, out.lines().filter(l -> l.matches("Time spent: \\d+\\.\\d\\d sec")).count(), out);
        Matcher m = RESULT.matcher(out);
        assertTrue(m.find(), out);
        assertEquals(List.of("2000", "4", "1", "2"), List.of(m.group(1), m.group(2), m.group(3), m.group(7)));
        // Four row blocks summed in a different order than one call over all rows: equal to rounding.
        double whole = KernelsOmp.integration2dCOmpRows(n, 0, n);
        double value = Double.parseDouble(m.group(6));
        assertEquals(whole, value, 1e-13, out);
        assertTrue(Double.parseDouble(m.group(5)) <= Double.parseDouble(m.group(4)), out);
    }

    @Test
    void integration2dMpiWithDynamicBalanceCoversEveryRowOnce() throws Exception {
        int n = 2001; // not a multiple of the chunk size: the last chunk is short
        String out = mpirun(4, Integration2DMpi.class, "--n", Integer.toString(n), "--threads", "1", "--reps", "2", "--warmup", "1",
                "--balance", "dynamic");
        Matcher m = RESULT.matcher(out);
        assertTrue(m.find(), out);
        assertTrue(out.contains("balance=dynamic"), out);
        // Chunks of rows summed in whatever order ranks fetched them: equal to one whole-grid call to rounding,
        // which also shows no row was skipped or counted twice (a missing row of n sines would differ by ~1e-4).
        assertEquals(KernelsOmp.integration2dCOmpRows(n, 0, n), Double.parseDouble(m.group(6)), 1e-13, out);
        // A bad option is refused before MPI starts (picocli's usage error, exit code 2).
        var err = new java.io.StringWriter();
        var cli = new picocli.CommandLine(new Integration2DMpi()).setErr(new java.io.PrintWriter(err));
        assertEquals(2, cli.execute("--n", "100", "--balance", "sideways"));
        assertTrue(err.toString().contains("--balance: expected static or dynamic, got sideways"), err.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "-np {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 4})
    void heatMpiEqualsTheWholeGridKernelBitForBit(int ranks) throws Exception {
        // 68 interior rows: blocks of 17 on 4 ranks, of 34 on 2.
        String out = mpirun(ranks, HeatMpi.class, "--n", "70", "--rows-per-rank", "0", "--steps", "40", "--reps", "2",
                "--warmup", "0", "--check");
        assertTrue(out.contains("check: 0 of 4900 points differ from heat_c_omp on the whole grid (bit for bit equal)"), out);
        Matcher m = Pattern.compile("max \\|difference\\| to the serial heat_c is (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) <= 1e-12, out); // rounding only: that build may not contract to FMA
        assertEquals(2, out.lines().filter(l -> l.startsWith("u(centre) is ")).count(), out);
        assertTrue(Pattern.compile("RESULT example=heat-mpi nx=70 ny=70 ranks=" + ranks + " threads=1 steps=40 depth=1 seconds=\\S+"
                + " min=\\S+ halo=[01]\\.\\d{4} busy_min=\\S+ busy_max=\\S+ reps=2").matcher(out).find(), out);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 8})
    void deepHalosWithTheBlockedKernelEqualTheWholeGridKernelBitForBit(int depth) throws Exception {
        // 40 steps: depth 3 ends with a step of 1, depth 8 with five full sweeps; 17 rows per rank on 4 ranks.
        String out = mpirun(4, HeatMpi.class, "--n", "70", "--steps", "40", "--depth", Integer.toString(depth), "--reps", "1",
                "--warmup", "0", "--check");
        assertTrue(out.contains("check: 0 of 4900 points differ from heat_c_omp on the whole grid (bit for bit equal)"), out);
        assertTrue(out.contains("RESULT example=heat-mpi nx=70 ny=70 ranks=4 threads=1 steps=40 depth=" + depth + " "), out);
    }

    @Test
    void aDepthLargerThanARanksBlockIsRefusedNamingTheLimit() throws Exception {
        String out = mpirunExpecting(2, 2, HeatMpi.class, "--n", "40", "--rows-per-rank", "4", "--steps", "10", "--depth", "5");
        assertTrue(out.contains("8 interior rows cannot give each of 2 ranks the 5 rows it needs (at least 2, and at least"
                + " --depth)"), out);
    }

    @Test
    void heatMpiWeakScalingGrowsTheGridWithTheRanks() throws Exception {
        String out = mpirun(3, HeatMpi.class, "--n", "40", "--rows-per-rank", "4", "--steps", "10", "--reps", "1",
                "--warmup", "0", "--check");
        // 4 rows per rank on 3 ranks plus the two boundary rows.
        assertTrue(out.contains("check: 0 of 560 points differ"), out);
        assertTrue(out.contains("RESULT example=heat-mpi nx=14 ny=40 ranks=3"), out);
    }

    @Test
    void pingPongOverheadTimesACallWithNoTransfer() throws Exception {
        String out = mpirun(1, PingPong.class, "overhead");
        Matcher m = Pattern.compile("RESULT overhead impl=gatun ns=(\\d+\\.\\d)").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) > 0, out);
    }

    @Test
    void rawPingPongRunsTheSmallSizesThroughPlainHandles() throws Exception {
        String out = mpirun(2, PingPong.class, "raw");
        for (long bytes : new long[] {8, 64, 512, 4096}) {
            Matcher m = Pattern.compile("RESULT pingpong impl=raw bytes=" + bytes + " us=(\\d+\\.\\d+)").matcher(out);
            assertTrue(m.find(), out);
            assertTrue(Double.parseDouble(m.group(1)) > 0, out);
        }
        assertFalse(out.contains("bytes=32768"), out); // raw stops at 4 KiB, where the call's own cost stops to matter
    }

    @Test
    void squaresAsInTheSeedOnThreeRanks() throws Exception {
        String out = mpirun(3, MpiSquares.class);
        assertTrue(out.lines().anyMatch(l -> l.equals(
                "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196, 225, 256, 289, 324, 361, 400]")), out);
    }

    @Test
    void kernelTasksSpreadOverWorkersAndAddUpToTheIntegral() throws Exception {
        int n = 2000;
        String out = mpirun(3, MpiKernelTasks.class, "--n", Integer.toString(n), "--tasks", "40", "--warmup", "0");
        Matcher blocks = Pattern.compile("blocks per rank: \\[0, (\\d+), (\\d+)]").matcher(out);
        assertTrue(blocks.find(), () -> "the root must run no block, the two workers all 40: " + out);
        assertEquals(40, Integer.parseInt(blocks.group(1)) + Integer.parseInt(blocks.group(2)), out);
        Matcher m = Pattern.compile("RESULT example=mpi-kernel-tasks n=2000 ranks=3 workers=2 threads=1 tasks=40 seconds=\\S+ value=(\\S+)")
                .matcher(out);
        assertTrue(m.find(), out);
        assertEquals(KernelsOmp.integration2dCOmpRows(n, 0, n), Double.parseDouble(m.group(1)), 1e-13, out);
    }

    @Test
    void theCTwinOfHeatMpiComputesTheSameCentreValue(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // examples/scripts/heat_mpi.c is the benchmark's C reference: it must be the same program, or its scaling
        // says nothing about HeatMpi's. The project root is the examples module's parent.
        Path root = Path.of("").toAbsolutePath().getParent();
        Path binary = dir.resolve("heat_mpi");
        Process build = new ProcessBuilder("mpicc", "-O3", "-fno-math-errno", "-fopenmp", "-ffp-contract=off",
                "-I" + root.resolve("native/src/main/c"), "-o", binary.toString(),
                root.resolve("examples/scripts/heat_mpi.c").toString(), root.resolve("openmp/src/main/c/kernels_omp.c").toString(),
                "-lm").redirectErrorStream(true).start();
        String buildOutput = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, build.waitFor(), buildOutput);
        String[] args = {"--n", "70", "--steps", "20", "--depth", "8", "--reps", "1", "--warmup", "0"};
        List<String> command = new ArrayList<>(List.of("mpirun", "-np", "3", "--allow-run-as-root", "--oversubscribe",
                "--bind-to", "none", "-x", "OMP_NUM_THREADS=1", binary.toString()));
        command.addAll(List.of(args));
        Process c = new ProcessBuilder(command).redirectErrorStream(true).start();
        String cOutput = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, c.waitFor(), cOutput);
        String java = mpirun(3, HeatMpi.class, args);
        Pattern centre = Pattern.compile("u\\(centre\\) is \\S+");
        Matcher inC = centre.matcher(cOutput);
        Matcher inJava = centre.matcher(java);
        assertTrue(inC.find(), cOutput);
        assertTrue(inJava.find(), java);
        assertEquals(inJava.group(), inC.group(), "C twin: " + cOutput + "\nHeatMpi: " + java);
        assertTrue(cOutput.contains("RESULT example=heat-mpi impl=c nx=70 ny=70 ranks=3 steps=20 depth=8"), cOutput);
    }

    private static String mpirun(int ranks, Class<?> main, String... args) throws Exception {
        return mpirunExpecting(0, ranks, main, args);
    }

    private static String mpirunExpecting(int exitCode, int ranks, Class<?> main, String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of("mpirun", "-np", Integer.toString(ranks), "--allow-run-as-root",
                "--oversubscribe", "--bind-to", "none", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-cp", cp, main.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("gatun-mpi-example", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError("mpirun did not finish in 180 s: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(exitCode, p.exitValue(), out);
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
