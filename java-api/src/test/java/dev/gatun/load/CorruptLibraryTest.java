// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A truncated or corrupt library never reaches {@code dlopen} (where truncation is a SIGBUS that kills
 * the JVM): each case runs in a child JVM, which must exit with the probe's status 3 and a message,
 * leaving no hs_err file.
 */
class CorruptLibraryTest {
    @TempDir
    static Path shared;
    static GreetFixture fixture;

    @TempDir
    Path temp;

    @BeforeAll
    static void buildLibraries() throws Exception {
        fixture = GreetFixture.build(Files.createDirectories(shared.resolve("build")));
    }

    private record Outcome(int status, String output) {
    }

    private Outcome probe(List<String> properties, String... args) throws IOException, InterruptedException {
        return probeMain(properties, CorruptLoadProbe.class.getName(), args);
    }

    private Outcome probeMain(List<String> properties, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                "-XX:ErrorFile=" + temp.resolve("hs_err_%p.log")));
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(temp.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM finished");
        try (Stream<Path> files = Files.list(temp)) {
            List<Path> crashes = files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
            assertTrue(crashes.isEmpty(), "the JVM crashed: " + crashes + "\n" + output);
        }
        return new Outcome(process.exitValue(), output);
    }

    private Path truncatedCopy(Path dir) throws IOException {
        byte[] whole = fixture.libraries.get("libgreet.so");
        return Files.write(Files.createDirectories(dir).resolve("libgreet.so"), Arrays.copyOf(whole, whole.length / 2));
    }

    @Test
    void aTruncatedLibraryLoadedByPathIsAnExceptionNotASigbus() throws Exception {
        Path lib = truncatedCopy(temp.resolve("lib"));
        Outcome o = probe(List.of(), "path", lib.toString());
        assertEquals(3, o.status(), o.output());
        assertTrue(o.output().contains("cannot load native library " + lib.toRealPath() + ": it is truncated or corrupt: segment"),
                o.output());
    }

    @Test
    void aTruncatedLibraryOnTheLibraryPathIsAnExceptionNotASigbus() throws Exception {
        Path dir = truncatedCopy(temp.resolve("libs")).getParent();
        Outcome o = probe(List.of("-D" + NativeLibrary.LIBRARY_PATH_PROPERTY + "=" + dir), "library-path", "greet");
        assertEquals(3, o.status(), o.output());
        assertTrue(o.output().contains("is truncated or corrupt"), o.output());
    }

    @Test
    void aTruncatedLibraryShippedInAJarIsRefusedAtEveryStartNotOnlyWhenItIsVerified() throws Exception {
        byte[] whole = fixture.libraries.get("libgreet.so");
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        byte[] base = fixture.libraries.get("libbase.so");
        String sums = GreetFixture.sha256(base) + "  libbase.so\n" + GreetFixture.sha256(truncated) + "  libgreet.so\n";
        Path jar = GreetFixture.jar(temp.resolve("broken.jar"), GreetFixture.ANCHOR, Map.of(
                GreetFixture.SET_DIR + "SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8),
                GreetFixture.SET_DIR + "libbase.so", base, GreetFixture.SET_DIR + "libgreet.so", truncated));
        Path cache = temp.resolve("cache");
        // The first start verifies the set and records the ELF verdict; the second trusts the record, which must
        // still send the file to the ELF check rather than to dlopen.
        for (String start : List.of("first start", "second start")) {
            Outcome o = probeMain(List.of("-D" + NativeLibrary.CACHE_DIR_PROPERTY + "=" + cache), JarLoadProbe.class.getName(),
                    jar.toString());
            assertEquals(3, o.status(), start + ": " + o.output());
            assertTrue(o.output().contains("is truncated or corrupt") && o.output().contains("its jar's SHA256SUMS matched"),
                    start + ": " + o.output());
        }
        String record = Files.readString(cache.resolve(GreetFixture.sha256(sums.getBytes(StandardCharsets.UTF_8)))
                .resolve(".verified"));
        assertTrue(record.lines().anyMatch(line -> line.startsWith("libgreet.so ") && line.endsWith(" elf=bad")), record);
        assertTrue(record.lines().anyMatch(line -> line.startsWith("libbase.so ") && line.matches(".* elf=(now|lazy)")), record);
    }

    @Test
    void aFileThatIsNotElfIsRefusedNamingTheMagic() throws Exception {
        Path lib = Files.writeString(temp.resolve("libnot.so"), "#!/bin/sh\necho this is a script, not a library\n".repeat(4));
        Outcome o = probe(List.of(), "path", lib.toString());
        assertEquals(3, o.status(), o.output());
        assertTrue(o.output().contains("it is not a shared library: it does not start with the ELF magic"), o.output());
    }

    @Test
    void aLibraryPathDirectoryWithAListChecksTheHash() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("listed"));
        byte[] bytes = fixture.libraries.get("libbase.so").clone();
        Files.writeString(dir.resolve("SHA256SUMS"), GreetFixture.sha256(bytes) + "  libbase.so\n");
        bytes[bytes.length - 9] ^= 0x55; // inside the file, headers intact: only the hash can tell
        Files.write(dir.resolve("libbase.so"), bytes);
        Outcome o = probe(List.of("-D" + NativeLibrary.LIBRARY_PATH_PROPERTY + "=" + dir + File.pathSeparator), "library-path", "base");
        assertEquals(3, o.status(), o.output());
        assertTrue(o.output().contains("has SHA-256") && o.output().contains(dir.resolve("SHA256SUMS") + " lists"), o.output());
    }

    @Test
    void aSoundLibraryStillLoads() throws Exception {
        Path lib = Files.write(Files.createDirectories(temp.resolve("ok")).resolve("libbase.so"), fixture.libraries.get("libbase.so"));
        Outcome o = probe(List.of(), "path", lib.toString());
        assertEquals(0, o.status(), o.output());
        assertTrue(o.output().startsWith("loaded "), o.output());
    }
}
