// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same CUDA source built twice gives the same library, byte for byte: nvcc's pid-based temp names are rewritten. */
class ReproducibleCudaBuildTest {

    @TempDir
    Path dir;

    @Test
    void twoBuildsOfOneCudaSourceAreIdentical() throws Exception {
        String nvcc = System.getenv().getOrDefault("NVCC", "nvcc");
        try {
            Assumptions.assumeTrue(new ProcessBuilder(nvcc, "--version").redirectErrorStream(true).start().waitFor() == 0,
                    "nvcc --version failed");
        } catch (java.io.IOException e) {
            Assumptions.abort("nvcc is not installed: " + e.getMessage());
        }
        Path source = Files.writeString(dir.resolve("scale.cu"), """
                __global__ void scale(double *x, int n) { int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) x[i] *= 2; }
                extern "C" void scale_launch(double *x, int n) { scale<<<(n + 127) / 128, 128>>>(x, n); }
                """);
        byte[][] libraries = new byte[2][];
        for (int build = 0; build < 2; build++) {
            Path work = Files.createDirectories(dir.resolve("build" + build));
            Path lib = work.resolve("libscale.so");
            var log = new ByteArrayOutputStream();
            var env = new java.util.HashMap<>(System.getenv());
            env.put("NVCCFLAGS", "-gencode arch=compute_90,code=sm_90");
            new CompilerDriver(new PrintStream(log, true, StandardCharsets.UTF_8), env).build(new CompilerDriver.Request(
                    List.of(new CompilerDriver.Source(source, true)), lib, List.of(), List.of(Path.of("/usr/local/cuda/lib64")),
                    List.of(), false, false, ""), work.resolve("obj"));
            libraries[build] = Files.readAllBytes(lib);
            String object = new String(Files.readAllBytes(work.resolve("obj/0_scale.cu.o")), StandardCharsets.ISO_8859_1);
            assertFalse(object.matches("(?s).*tmpxft_(?!" + stableHash() + ")[0-9a-f]{8}_.*"), "a pid-based temp name is left");
        }
        assertEquals(libraries[0].length, libraries[1].length);
        assertArrayEquals(libraries[0], libraries[1], "two builds of scale.cu differ");
    }

    private static String stableHash() throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("0_scale.cu".getBytes(StandardCharsets.UTF_8))).substring(0, 8);
    }
}
