// SPDX-License-Identifier: Apache-2.0
package dev.gatun.info;

import dev.gatun.load.NativeLibrary;
import dev.gatun.omp.OpenMP;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report against what this machine really has: OpenBLAS, Open MPI, libgomp, no CUDA driver. */
class GatunInfoTest {
    private static final Path LIBDIR = Path.of("/usr/lib/x86_64-linux-gnu");

    @TempDir
    Path temp;

    @AfterEach
    void clearProperties() {
        System.clearProperty(NativeLibrary.CACHE_DIR_PROPERTY);
    }

    private static String value(GatunInfo info, String section, String key) {
        return info.value(section, key).orElseThrow(() -> new AssertionError("no '" + key + "' in " + section
                + ":\n" + info));
    }

    @Test
    void sectionsComeInAFixedOrder() {
        assertEquals(List.of("Java", "Platform", "Native library cache", "Native libraries loaded", "OpenMP", "BLAS",
                "CUDA", "MPI"), GatunInfo.collect().sections().stream().map(ReportSection::title).toList());
    }

    @Test
    void javaAndPlatformMatchThisJvmAndCpu() throws IOException {
        GatunInfo info = GatunInfo.collect();
        assertEquals(Runtime.version().toString(), value(info, "Java", "version"));
        assertEquals(System.getProperty("java.vendor"), value(info, "Java", "vendor"));
        // Surefire runs tests with --enable-native-access=ALL-UNNAMED.
        assertTrue(value(info, "Java", "native access").startsWith("enabled for the unnamed module"));
        assertEquals("linux-x86_64", value(info, "Platform", "platform"));

        Path cpuinfo = Path.of("/proc/cpuinfo");
        Assumptions.assumeTrue(Files.isReadable(cpuinfo), "no /proc/cpuinfo");
        Set<String> flags = Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("flags"))
                .findFirst().map(line -> Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                        .collect(Collectors.toSet())).orElseThrow();
        Set<String> reported = Set.of(value(info, "Platform", "vector features").split(" "));
        for (String flag : List.of("sse4_2", "avx", "avx2", "fma", "avx512f")) {
            assertEquals(flags.contains(flag), reported.contains(flag), flag);
        }
    }

    @Test
    void cacheStateIsReportedWithoutCreatingIt() throws IOException {
        Path fresh = temp.resolve("cache");
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, fresh.toString());
        GatunInfo info = GatunInfo.collect();
        assertEquals(fresh.toString(), value(info, "Native library cache", "directory"));
        assertTrue(value(info, "Native library cache", "state").startsWith("not created yet"));
        assertTrue(Files.notExists(fresh));

        Path shared = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty(NativeLibrary.CACHE_DIR_PROPERTY, shared.toString());
        assertTrue(value(GatunInfo.collect(), "Native library cache", "state").contains("writable by group or others"));
    }

    @Test
    void loadedLibrariesAreListedWithTheirPaths() {
        NativeLibrary libm = NativeLibrary.loadSystem("libm.so.6").orElseThrow();
        assertEquals(libm.path().toString(), value(GatunInfo.collect(), "Native libraries loaded", "libm.so.6"));
    }

    @Test
    void openMpBlasMpiAndCudaAsInstalledHere() {
        GatunInfo info = GatunInfo.collect();
        assertTrue(value(info, "OpenMP", "runtime").contains("libgomp.so.1"), info.toString());
        assertEquals(Integer.toString(OpenMP.maxThreads()), value(info, "OpenMP", "max threads"));
        assertEquals(Integer.toString(OpenMP.numProcs()), value(info, "OpenMP", "procs"));

        if (Files.exists(LIBDIR.resolve("libopenblas.so.0"))) {
            assertTrue(value(info, "BLAS", "libopenblas.so.0").startsWith("OpenBLAS (OpenBLAS 0."), info.toString());
        }
        assertTrue(value(info, "BLAS", "libmkl_rt.so").startsWith("absent ("));

        if (Files.exists(LIBDIR.resolve("libmpi.so.40"))) {
            assertTrue(value(info, "MPI", "Open MPI (libmpi.so.40)").startsWith("Open MPI v"), info.toString());
            assertTrue(value(info, "MPI", "Open MPI (libmpi.so.40)").contains("MPI 3."), info.toString());
        }
        if (NativeLibrary.findLoadedSystem("libmpi.so.12").isEmpty() && !Files.exists(LIBDIR.resolve("libmpi.so.12"))) {
            assertTrue(value(info, "MPI", "MPICH (libmpi.so.12)").startsWith("absent ("));
        }
        if (!Files.exists(LIBDIR.resolve("libcuda.so.1"))) {
            String driver = value(info, "CUDA", "driver");
            assertTrue(driver.startsWith("absent (no NVIDIA driver: ") && driver.contains("libcuda.so.1"), driver);
        }
    }

    @Test
    void mainPrintsTheReportAndSaysWhenNativeAccessIsOff() throws Exception {
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GatunInfo.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), output);
        assertTrue(output.startsWith("gatun info\n") || output.contains("\ngatun info\n"), output);
        assertTrue(output.contains("native access: disabled for the unnamed module")
                && output.contains("--enable-native-access=ALL-UNNAMED"), output);
        assertTrue(output.contains("\nMPI\n") && output.contains("\nCUDA\n"), output);
    }
}
