// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import picocli.CommandLine.Option;

/**
 * The options every example main shares (a picocli mixin): repetitions, threads, which variants to
 * run, and where to write JSON, CSV and a chart.
 */
public final class ExampleOptions {

    @Option(names = "--reps", defaultValue = "3", description = "Timed runs per variant; the table shows their median (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Untimed runs per variant before timing; quick variants keep warming up for 0.5 s so the JIT has compiled them (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "Thread counts for parallel variants, e.g. 1,2,4 (default: 1 and every power of two up to the cores, and the cores).")
    List<Integer> threads;

    @Option(names = "--variants", split = ",", paramLabel = "GLOB",
            description = "Run only variants whose name matches one of these globs, case-insensitive, e.g. 'java*,c simd'.")
    List<String> variantGlobs;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the table as JSON ('-' for standard output).")
    String json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV ('-' for standard output).")
    String csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the speed-ups as a bar chart (PNG).")
    Path plot;

    /** Creates the options with picocli's defaults; picocli fills the fields. */
    public ExampleOptions() {
    }

    /** Returns the number of timed runs per variant. */
    public int repetitions() {
        return repetitions;
    }

    /** Returns the number of untimed runs per variant. */
    public int warmups() {
        return warmups;
    }

    /** Returns the thread counts to run parallel variants with, validated and in ascending order. */
    public List<Integer> threadCounts() {
        if (threads != null && !threads.isEmpty()) {
            for (int t : threads) {
                if (t < 1) {
                    throw new IllegalArgumentException("--threads: expected counts >= 1, got " + t);
                }
            }
            return threads.stream().distinct().sorted().toList();
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> counts = new ArrayList<>();
        for (int t = 1; t < cores; t *= 2) {
            counts.add(t);
        }
        counts.add(cores);
        return counts;
    }

    /**
     * Keeps the variants the user asked for with {@code --variants} (all when not given).
     *
     * @param variants every variant the example offers
     * @return the selected ones, in order
     */
    public List<Variant> select(List<Variant> variants) {
        if (variantGlobs == null || variantGlobs.isEmpty()) {
            return variants;
        }
        List<Pattern> patterns = variantGlobs.stream().map(ExampleOptions::globToRegex).toList();
        return variants.stream()
                .filter(v -> patterns.stream().anyMatch(p -> p.matcher(v.name().toLowerCase(Locale.ROOT)).matches()))
                .toList();
    }

    /**
     * Prints the table and writes the JSON, CSV and chart outputs the user asked for.
     *
     * @param table the measured table
     * @param out   standard output
     * @throws IOException if an output file cannot be written
     */
    public void report(ResultTable table, PrintStream out) throws IOException {
        table.print(out);
        write(json, table.toJson(), out);
        write(csv, table.toCsv(), out);
        if (plot != null) {
            BarChart.write(table, plot);
            out.println("chart written to " + plot);
        }
    }

    private static void write(String target, String text, PrintStream out) throws IOException {
        if (target == null) {
            return;
        }
        if (target.equals("-")) {
            out.print(text);
        } else {
            Files.writeString(Path.of(target), text, StandardCharsets.UTF_8);
        }
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.trim().toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
