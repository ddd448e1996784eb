// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.bindings.cli.GatunCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CUDA bindings checked into java-api ({@code dev.gatun.internal.cuda}) are what Gatun's generator
 * makes of the installed toolkit headers with the arguments in {@code java-api/src/bindings/cuda}.
 * A stale file fails with the first differing lines; {@code java-api/src/bindings/cuda/regenerate.sh}
 * rewrites them. Skips when the header is absent ({@code -Dgatun.cuda.include=DIR} points elsewhere).
 */
class CheckedInCudaBindingsTest {

    private static final Path SPECS = Path.of("..", "java-api", "src", "bindings", "cuda");
    private static final Path CHECKED_IN = Path.of("..", "java-api", "src", "main", "java", "dev", "gatun", "internal", "cuda");

    @ParameterizedTest
    @ValueSource(strings = {"CudaDriver", "Nvrtc", "Cublas", "Cufft"})
    void checkedInBindingIsFresh(String name, @TempDir Path out) throws IOException {
        String include = System.getProperty("gatun.cuda.include",
                System.getenv().getOrDefault("CUDA_HOME", "/usr/local/cuda") + "/include");
        assumeTrue(Files.isDirectory(SPECS), SPECS.toAbsolutePath() + " is absent: run from the bindings module directory");
        List<String> args = new ArrayList<>(List.of("wrap", "-d", out.toString()));
        for (String line : Files.readAllLines(SPECS.resolve(name + ".args"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String arg = line.replace("$CUDA_INCLUDE", include).replace("$HERE", SPECS.toAbsolutePath().normalize().toString());
            if (arg.endsWith(".h")) {
                assumeTrue(Files.isRegularFile(Path.of(arg)), arg + " is absent: no CUDA toolkit headers here");
            }
            args.add(arg);
        }
        assertEquals(0, GatunCli.run(args.toArray(String[]::new)), "gatun " + args);
        Path generated = out.resolve("dev/gatun/internal/cuda/" + name + ".java");
        List<String> fresh = Files.readAllLines(generated);
        List<String> checkedIn = Files.readAllLines(CHECKED_IN.resolve(name + ".java"));
        for (int i = 0; i < Math.max(fresh.size(), checkedIn.size()); i++) {
            String a = i < checkedIn.size() ? checkedIn.get(i) : "<end of file>";
            String b = i < fresh.size() ? fresh.get(i) : "<end of file>";
            if (!a.equals(b)) {
                fail(name + ".java is stale at line " + (i + 1) + "; run java-api/src/bindings/cuda/regenerate.sh\n"
                        + "--- checked in\n+++ generated from " + include + "\n- " + a + "\n+ " + b);
            }
        }
    }
}
