// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ResultTableTest {

    private static final Measurement SCALAR = new Measurement("Java scalar", 1, new double[] {1.0, 3.0, 2.0}, -7e-17, 7e-17);
    private static final Measurement SIMD = new Measurement("C SIMD", 1, new double[] {0.25, 0.5, 0.2, 0.3}, 1e-16, 1e-16);

    @Test
    void medianAndSpreadOfOddAndEvenRunCounts() {
        assertEquals(2.0, SCALAR.median());
        assertEquals(1.0, SCALAR.spread()); // (3 - 1) / 2
        assertEquals(0.275, SIMD.median(), 1e-15);
    }

    @Test
    void speedupIsAgainstTheBaselineMedian() {
        ResultTable table = ResultTable.of("integration2d", "n = 10", "Java scalar",
                List.of(Variant.unavailable("CUDA", "no CUDA driver")), List.of(SCALAR, SIMD));
        assertEquals(1.0, table.speedup(SCALAR));
        assertEquals(2.0 / 0.275, table.speedup(SIMD), 1e-12);
    }

    @Test
    void textTableListsUnavailableVariantsWithTheirReason() {
        ResultTable table = ResultTable.of("integration2d", "n = 10", "Java scalar",
                List.of(Variant.unavailable("CUDA", "no CUDA driver (libcuda.so.1 not found)")), List.of(SCALAR));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Java scalar"), text);
        assertTrue(text.contains("1.00x"), text);
        assertTrue(text.contains("CUDA") && text.contains("not run: no CUDA driver (libcuda.so.1 not found)"), text);
    }

    @Test
    void csvHasOneRowPerVariantAndQuotesCommas() {
        ResultTable table = ResultTable.of("matvec", "n = 4, order C", "Java scalar",
                List.of(Variant.unavailable("MPI", "not under mpirun")), List.of(SCALAR));
        List<String> lines = table.toCsv().lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("matvec,\"n = 4, order C\",Java scalar,1,2.00000,"), lines.get(1));
        assertTrue(lines.get(2).endsWith(",not under mpirun"), lines.get(2));
    }

    @Test
    void jsonCarriesEveryTimedRunAndEscapesStrings() {
        ResultTable table = ResultTable.of("fib", "n = \"8\"", "Java scalar", List.of(), List.of(SCALAR));
        String json = table.toJson();
        assertTrue(json.contains("\"problem\": \"n = \\\"8\\\"\""), json);
        assertTrue(json.contains("\"seconds\": [1.00000, 3.00000, 2.00000]"), json);
        assertTrue(json.contains("\"speedup\": 1.00000"), json);
    }

    @Test
    void chartIsAPng(@TempDir Path dir) throws Exception {
        ResultTable table = ResultTable.of("integration2d", "n = 10", "Java scalar", List.of(), List.of(SCALAR, SIMD));
        Path png = dir.resolve("chart.png");
        BarChart.write(table, png);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertEquals("\u0089PNG", new String(head, 0, 4, StandardCharsets.ISO_8859_1));
    }

    @Test
    void variantGlobsSelectCaseInsensitively() {
        ExampleOptions options = new ExampleOptions();
        new CommandLine(options).parseArgs("--variants", "java*,c simd");
        List<Variant> all = List.of(Variant.of("Java scalar", 1, () -> 0), Variant.of("C SIMD", 1, () -> 0),
                Variant.of("Fortran", 1, () -> 0));
        assertEquals(List.of("Java scalar", "C SIMD"), options.select(all).stream().map(Variant::name).toList());
    }

    @Test
    void badThreadCountIsRejectedNamingTheOption() {
        ExampleOptions options = new ExampleOptions();
        new CommandLine(options).parseArgs("--threads", "2,0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, options::threadCounts);
        assertEquals("--threads: expected counts >= 1, got 0", e.getMessage());
    }

    @Test
    void timerReportsTheMedianAndTheResultsError() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VariantTimer timer = new VariantTimer(1, 3, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<Measurement> measured = timer.run("Integral value",
                List.of(Variant.of("constant", 1, () -> -0.5), Variant.unavailable("GPU", "none")), Math::abs);
        assertEquals(1, measured.size());
        assertEquals(3, measured.getFirst().seconds().length);
        assertEquals(0.5, measured.getFirst().error());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Integral value is -5.000000e-01, Error is 5.000000e-01"), text);
        assertTrue(text.contains("Time spent: "), text);
    }
}
