// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.gatun.cuda.Cublas;
import dev.gatun.examples.harness.CudaBackend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Runs every example main at a small size through RunAll's table of examples (the real kernels of
 * gatun-native and gatun-openmp, loaded from their jars) and checks, from its JSON output, that
 * every variant ran and agrees with the exact or reference result. With a usable GPU the CUDA rows of
 * integration2d, my_sqrt, matvec and heat must run too; without one each table lists CUDA with the reason.
 */
class ExampleMainsTest {

    private static final Pattern ROW = Pattern.compile(
            "\\{\"variant\": \"([^\"]+)\", \"threads\": (\\d+), .*\"result\": ([^,]+), \"error\": ([^,]+),");

    /** Empty when the CUDA rows can run here. */
    private static final java.util.Optional<String> NO_GPU = CudaBackend.unavailableReason();

    /** The CUDA rows an example must show when a GPU is usable. */
    private static List<String> cudaRows(String example) {
        return switch (example) {
            case "integration2d" -> List.of("CUDA fp64", "CUDA fp32");
            case "my_sqrt", "heat" -> List.of("CUDA");
            case "matvec" -> Cublas.unavailableReason().isEmpty() ? List.of("CUDA", "CUDA cuBLAS") : List.of("CUDA");
            default -> List.of();
        };
    }

    /** fp32 with __sinf: the kernel's documented bound for n <= 10000 (cuda/src/main/cuda/kernels.cu). */
    private static double tolerance(String variant, double maxError) {
        return variant.startsWith("CUDA fp32/") ? 1e-5 : maxError;
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("integration2d", List.of("--n", "101"), 1e-12,
                        List.of("Java scalar", "Java Vector API", "Java parallel streams", "C", "Fortran", "C SIMD",
                                "Fortran SIMD", "C+OpenMP", "Fortran+OpenMP")),
                Arguments.of("fib", List.of("--n", "40", "--calls", "10"), 0.0,
                        List.of("Java scalar", "Fortran (off-heap DoubleArray)", "Fortran (heap double[], critical)")),
                Arguments.of("cos_doubles", List.of("--n", "1001"), 1e-11,
                        List.of("Java scalar", "Java Vector API", "Java parallel streams", "C",
                                "C (heap double[], critical)", "C SIMD", "C+OpenMP")),
                // sqrt is correctly rounded everywhere and the checksum is summed in Java in one order.
                Arguments.of("my_sqrt", List.of("--n", "1001"), 0.0,
                        List.of("Java scalar", "Java Vector API", "Java parallel streams", "C", "Fortran", "C SIMD",
                                "Fortran SIMD", "C+OpenMP", "Fortran+OpenMP")),
                Arguments.of("matvec", List.of("--n", "37"), 1e-12,
                        List.of("Java scalar", "Java Vector API", "Java parallel streams", "C row-major",
                                "C column-major", "Fortran", "C SIMD row-major", "C SIMD column-major", "Fortran SIMD",
                                "C+OpenMP row-major", "Fortran+OpenMP")),
                // 33 x 33 grid: the discretisation error of the centre value is about 1e-4 after 20 steps.
                Arguments.of("heat", List.of("--n", "33", "--steps", "20"), 1e-3,
                        List.of("Java scalar", "Java Vector API", "Java parallel streams", "C", "Fortran", "C SIMD",
                                "Fortran SIMD", "C+OpenMP", "Fortran+OpenMP")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyVariantRunsAndAgrees(String name, List<String> size, double maxError, List<String> expected,
                                   @TempDir Path dir) throws Exception {
        Path json = dir.resolve(name + ".json");
        List<String> args = new ArrayList<>(size);
        args.addAll(List.of("--reps", "1", "--warmup", "0", "--threads", "1,2", "--json", json.toString()));
        int exit = new CommandLine(RunAll.examples().get(name).get()).execute(args.toArray(String[]::new));
        assertEquals(0, exit, name + " exit code");

        String text = Files.readString(json);
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.put(m.group(1) + "/" + m.group(2), new double[] {Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
            }
        }
        List<String> mustRun = new ArrayList<>(expected);
        if (NO_GPU.isEmpty()) {
            mustRun.addAll(cudaRows(name));
        }
        for (String variant : mustRun) {
            assertTrue(rows.containsKey(variant + "/1"), name + ": no row for " + variant + " in " + rows.keySet());
        }
        if (!name.equals("fib")) { // a recurrence: fib has no threaded variant
            assertTrue(rows.keySet().stream().anyMatch(k -> k.endsWith("/2")), name + ": no 2-thread row in " + rows.keySet());
        }
        rows.forEach((variant, r) -> assertTrue(r[1] <= tolerance(variant, maxError),
                name + " " + variant + ": error " + r[1] + " > " + tolerance(variant, maxError) + " (result " + r[0] + ")"));
        if (!name.equals("fib")) {
            boolean cudaRuns = NO_GPU.isEmpty() && !cudaRows(name).isEmpty();
            assertTrue(cudaRuns || text.contains("\"variant\": \"CUDA\", \"reason\""),
                    name + ": CUDA should be listed with its reason:\n" + text);
            assertTrue(text.contains("\"variant\": \"MPI\", \"reason\""), name + ": MPI should be listed with its reason:\n" + text);
        }
    }

    @ParameterizedTest(name = "heat variants agree to rounding")
    @MethodSource("heatOnly")
    void heatVariantsComputeTheSameGrid(List<String> size, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("heat.json");
        List<String> args = new ArrayList<>(size);
        args.addAll(List.of("--reps", "1", "--warmup", "0", "--threads", "2", "--json", json.toString()));
        assertEquals(0, new CommandLine(new Heat()).execute(args.toArray(String[]::new)));
        List<Double> results = new ArrayList<>();
        for (String line : Files.readString(json).lines().toList()) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                results.add(Double.parseDouble(m.group(3)));
            }
        }
        // Same operations on the same grid: only the order of a few additions may differ (SIMD, Fortran).
        double first = results.getFirst();
        results.forEach(r -> assertEquals(first, r, 1e-14 * Math.abs(first), "heat results " + results));
    }

    static Stream<Arguments> heatOnly() {
        return Stream.of(Arguments.of(List.of("--n", "40", "--steps", "15")));
    }
}
