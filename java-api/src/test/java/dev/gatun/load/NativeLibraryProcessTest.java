// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several JVMs against one cache: simultaneous first extraction, a tampered cache, a noexec cache. */
class NativeLibraryProcessTest {
    private static final int JVMS = 8;

    @TempDir
    static Path shared;
    static GreetFixture fixture;
    static Path jar;

    @TempDir
    Path temp;

    @BeforeAll
    static void buildLibraries() throws Exception {
        fixture = GreetFixture.build(Files.createDirectories(shared.resolve("build")));
        jar = fixture.jar(shared.resolve("greet.jar"));
    }

    /** {@code java ... LoadProbe [gate]} with the test class path plus the test jar. */
    private static List<String> probeCommand(Path cache, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx64m", "-D" + NativeLibrary.CACHE_DIR_PROPERTY + "=" + cache,
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + jar,
                LoadProbe.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String runProbe(Path cache, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(probeCommand(cache)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe JVM finished");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void eightJvmsStartingTogetherOnAnEmptyCacheAllSucceed() throws Exception {
        Path cache = temp.resolve("cache");
        Path gate = temp.resolve("gate");
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < JVMS; i++) {
            Path log = temp.resolve("jvm" + i + ".log");
            logs.add(log);
            processes.add(new ProcessBuilder(probeCommand(cache, gate.toString())).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (Path log : logs) {
            while (!Files.readString(log).contains("ready")) {
                assertTrue(System.nanoTime() < deadline, "every JVM reached the gate");
                Thread.sleep(10);
            }
        }
        assertTrue(Files.notExists(cache), "the cache is empty when the gate opens");
        Files.createFile(gate);

        for (int i = 0; i < JVMS; i++) {
            assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS), "JVM " + i + " finished");
            String output = Files.readString(logs.get(i));
            assertEquals(0, processes.get(i).exitValue(), "JVM " + i + ": " + output);
            assertTrue(output.contains("answer=42"), "JVM " + i + ": " + output);
        }
        Path setDir = cache.resolve(GreetFixture.sha256(fixture.sums().getBytes(StandardCharsets.UTF_8)));
        try (Stream<Path> files = Files.list(setDir)) {
            assertEquals(List.of(".lock", ".verified", "libbase.so", "libgreet.so"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no temp files left behind");
        }
        for (var library : fixture.libraries.entrySet()) {
            assertTrue(java.util.Arrays.equals(library.getValue(), Files.readAllBytes(setDir.resolve(library.getKey()))));
        }
    }

    @Test
    void tamperedCacheFileIsDetectedAndReplaced() throws Exception {
        Path cache = temp.resolve("cache");
        runProbe(cache, temp.resolve("first.log"));
        Path base = cache.resolve(GreetFixture.sha256(fixture.sums().getBytes(StandardCharsets.UTF_8)))
                .resolve("libbase.so");
        // An attacker (or a disk error) changes the cached library in place.
        byte[] tampered = fixture.libraries.get("libbase.so").clone();
        tampered[tampered.length / 2] ^= 0x5a;
        Files.write(base, tampered);
        Object tamperedInode = Files.getAttribute(base, "unix:ino", LinkOption.NOFOLLOW_LINKS);

        String output = runProbe(cache, temp.resolve("second.log"));

        assertTrue(output.contains("answer=42"), output);
        assertTrue(java.util.Arrays.equals(fixture.libraries.get("libbase.so"), Files.readAllBytes(base)),
                "the verified library is back");
        assertNotEquals(tamperedInode, Files.getAttribute(base, "unix:ino", LinkOption.NOFOLLOW_LINKS),
                "replaced by rename");
    }

    @Test
    void noexecCacheFailsTellingToSetGatunCacheDir() throws Exception {
        Path mountPoint = Files.createDirectory(temp.resolve("noexec"));
        // A private mount namespace lets the test mount a noexec tmpfs without touching the machine.
        List<String> probe = probeCommand(mountPoint.resolve("cache"));
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o noexec,mode=0700 tmpfs \"$0\" || exit 97; exec \"$@\"", mountPoint.toString()));
        command.addAll(probe);
        Path log = temp.resolve("noexec.log");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            Assumptions.abort("unshare is not available: " + e.getMessage());
            return;
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        String output = Files.readString(log);
        Assumptions.assumeTrue(process.exitValue() != 97 && !output.contains("unshare:"),
                "this sandbox forbids mounting a noexec tmpfs in a private namespace: " + output);

        assertEquals(3, process.exitValue(), output);
        assertTrue(output.contains("NativeLoadException") && output.contains("failed to map segment"), output);
        assertTrue(output.contains("mounted noexec") && output.contains("-Dgatun.cache.dir="), output);
    }
}
