// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.cli.GatunCli;
import dev.gatun.profile.NativeCallEvent;
import dev.gatun.profile.Profiling;
import dev.gatun.profile.ProfileReport;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated bindings emit a JFR event per native call; a recording of them sums up per function, as cProfile does. */
class ProfileCallTest {

    @TempDir
    Path dir;

    @Test
    void aRecordingCountsEveryCallWithItsArrayBytes() throws Exception {
        var flags = BuiltBinding.build("logical", dir);
        Path jfr = dir.resolve("calls.jfr");
        try (Arena arena = Arena.ofConfined(); Recording recording = new Recording()) {
            DoubleArray three = DoubleArray.of(arena, Order.C, new double[] {1, 2, 3}, 3);
            flags.call("allPositive", three); // before the recording: not counted
            recording.enable(NativeCallEvent.NAME).withThreshold(Duration.ZERO);
            recording.start();
            for (int i = 0; i < 7; i++) {
                flags.call("allPositive", three);
            }
            for (int i = 0; i < 5; i++) {
                flags.call("negate", i % 2 == 0);
            }
            recording.stop();
            recording.dump(jfr);
        }
        ProfileReport report = ProfileReport.read(jfr);
        ProfileReport.Row all = row(report, "all_positive");
        assertEquals(7, all.calls(), report::format);
        assertEquals(0, all.bytes() % 7, report::format);
        assertTrue(all.bytes() >= 7 * 24, () -> "each call passes the 24-byte array: " + report.format());
        assertEquals("libflags.so", all.library(), report::format); // the loaded file's name
        assertEquals(5, row(report, "negate").calls(), report::format);
        assertTrue(all.totalNanos() > 0 && all.cumulativeNanos() >= all.totalNanos(), report::format);

        String table = runCli("profile", jfr.toString());
        assertTrue(table.startsWith("12 native calls in "), table);
        assertTrue(table.contains("ncalls      tottime      percall      cumtime          bytes  library:function"), table);
        assertTrue(table.lines().anyMatch(l -> l.trim().startsWith("7 ") && l.contains("libflags.so:") && l.contains("all_positive")),
                table);
        assertTrue(runCli("profile", dir.resolve("missing.jfr").toString()).isEmpty());
    }

    @Test
    void theGatunProfilePropertyRecordsAWholeRunWithoutJfrOptions() throws Exception {
        BuiltBinding.build("logical", dir); // writes dir/flags.jar
        Path main = dir.resolve("ProfiledRun.java");
        Files.writeString(main, """
                public class ProfiledRun {
                    public static void main(String[] args) {
                        for (int i = 0; i < 4; i++) {
                            golden.logical.Flags.allPositive(new double[] {1, 2, 3});
                        }
                    }
                }
                """);
        Path jfr = dir.resolve("run.jfr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-D" + Profiling.PROPERTY + "=" + jfr, "--enable-native-access=ALL-UNNAMED",
                "-cp", dir.resolve("flags.jar") + File.pathSeparator + System.getProperty("java.class.path"), main.toString())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, run.exitValue(), output);
        ProfileReport report = ProfileReport.read(jfr); // written when that JVM exited
        assertEquals(4, row(report, "all_positive").calls(), report::format);
        assertTrue(report.gpuRows().isEmpty(), report::format);
    }

    @Test
    void aRunThatRecordsNothingNeverStartsJfr() throws Exception {
        BuiltBinding.build("logical", dir); // writes dir/flags.jar
        Path main = dir.resolve("PlainRun.java");
        Files.writeString(main, """
                public class PlainRun {
                    public static void main(String[] args) {
                        golden.logical.Flags.allPositive(new double[] {1, 2, 3});
                        System.out.println(golden.logical.Flags.allPositive(dev.gatun.array.DoubleArray.allocate(java.lang.foreign.Arena.ofAuto(), 1)));
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-Xlog:class+load", "--enable-native-access=ALL-UNNAMED",
                "-cp", dir.resolve("flags.jar") + File.pathSeparator + System.getProperty("java.class.path"), main.toString())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), output);
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains(" golden.logical.Flags source:"), "the binding was loaded and called");
        // Loading an event class starts JFR's Java side (jdk.jfr.internal.*): tens of milliseconds of start-up.
        assertTrue(output.lines().noneMatch(l -> l.contains("] jdk.jfr.Event ") || l.contains("] dev.gatun.profile.NativeCallEvent ")),
                () -> output.lines().filter(l -> l.contains("jdk.jfr")).limit(5).toList().toString());
    }

    private static ProfileReport.Row row(ProfileReport report, String part) {
        return report.rows().stream().filter(r -> r.symbol().contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + part + ":\n" + report.format()));
    }

    private static String runCli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            GatunCli.run(args);
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
