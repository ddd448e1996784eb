// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one table every example prints: variant, median time, spread, speed-up against the baseline
 * (the scalar Java loop), and the result's error; then the variants that could not run, with why.
 * The same rows are written as JSON or CSV for scripts and plots.
 *
 * @param example     the example's name, e.g. {@code "integration2d"}
 * @param problem     the problem size as the user gave it, e.g. {@code "n = 10000"}
 * @param baseline    the name of the variant speed-ups are measured against
 * @param measured    the measured variants, in run order
 * @param unavailable the variants that could not run here
 */
public record ResultTable(String example, String problem, String baseline, List<Measurement> measured,
                          List<Variant> unavailable) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public ResultTable {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(baseline, "baseline");
        measured = List.copyOf(measured);
        unavailable = List.copyOf(unavailable);
    }

    /**
     * Builds the table from the variants an example offered and what the timer measured.
     *
     * @param example  the example's name
     * @param problem  the problem size, as shown
     * @param baseline the variant speed-ups are measured against
     * @param variants every variant offered (the unavailable ones are listed with their reason)
     * @param measured the measurements of the available ones
     * @return the table
     */
    public static ResultTable of(String example, String problem, String baseline, List<Variant> variants,
                                 List<Measurement> measured) {
        List<Variant> absent = variants.stream().filter(v -> !v.isAvailable()).toList();
        return new ResultTable(example, problem, baseline, measured, absent);
    }

    /** Returns the speed-up of {@code m} against the baseline, or NaN when the baseline did not run. */
    public double speedup(Measurement m) {
        return measured.stream().filter(b -> b.variant().equals(baseline)).findFirst()
                .map(b -> b.median() / m.median()).orElse(Double.NaN);
    }

    /**
     * Prints the table as aligned text.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        int width = Math.max(24, measured.stream().mapToInt(m -> m.variant().length()).max().orElse(0) + 2);
        String format = "%-" + width + "s %7s %12s %8s %9s %12s%n";
        out.printf(Locale.ROOT, "%n%s, %s (median of %s timed runs; speed-up against %s)%n", example, problem,
                measured.isEmpty() ? "0" : String.valueOf(measured.getFirst().seconds().length), baseline);
        out.printf(Locale.ROOT, format, "variant", "threads", "median", "spread", "speed-up", "error");
        out.println("-".repeat(width + 53));
        for (Measurement m : measured) {
            out.printf(Locale.ROOT, format, m.variant(), m.threads(), duration(m.median()),
                    "%.1f%%".formatted(100 * m.spread()), Double.isNaN(speedup(m)) ? "-" : "%.2fx".formatted(speedup(m)),
                    "%.2e".formatted(m.error()));
        }
        for (Variant v : unavailable) {
            out.printf(Locale.ROOT, "%-" + width + "s not run: %s%n", v.name(), v.unavailableReason().orElseThrow());
        }
    }

    /** Returns the table as CSV with a header line; unavailable variants have empty numbers and a reason. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("example,problem,variant,threads,median_s,spread,speedup,result,error,unavailable\n");
        for (Measurement m : measured) {
            sb.append(String.join(",", csv(example), csv(problem), csv(m.variant()), String.valueOf(m.threads()),
                    num(m.median()), num(m.spread()), num(speedup(m)), num(m.result()), num(m.error()), "")).append('\n');
        }
        for (Variant v : unavailable) {
            sb.append(String.join(",", csv(example), csv(problem), csv(v.name()), "", "", "", "", "", "",
                    csv(v.unavailableReason().orElseThrow()))).append('\n');
        }
        return sb.toString();
    }

    /** Returns the table as one JSON object (hand-written: the examples need no JSON library). */
    public String toJson() {
        List<String> rows = new ArrayList<>();
        for (Measurement m : measured) {
            StringBuilder times = new StringBuilder();
            for (double s : m.seconds()) {
                times.append(times.isEmpty() ? "" : ", ").append(num(s));
            }
            rows.add("    {\"variant\": %s, \"threads\": %d, \"median_s\": %s, \"spread\": %s, \"speedup\": %s, \"result\": %s, \"error\": %s, \"seconds\": [%s]}"
                    .formatted(json(m.variant()), m.threads(), num(m.median()), num(m.spread()), jsonNum(speedup(m)),
                            jsonNum(m.result()), jsonNum(m.error()), times));
        }
        List<String> absent = unavailable.stream()
                .map(v -> "    {\"variant\": %s, \"reason\": %s}".formatted(json(v.name()), json(v.unavailableReason().orElseThrow())))
                .toList();
        return """
                {
                  "example": %s,
                  "problem": %s,
                  "baseline": %s,
                  "measured": [
                %s
                  ],
                  "unavailable": [
                %s
                  ]
                }
                """.formatted(json(example), json(problem), json(baseline), String.join(",\n", rows), String.join(",\n", absent));
    }

    /** Seconds in the unit that keeps three or four significant digits: 1.083 s, 12.41 ms, 85.3 us. */
    static String duration(double seconds) {
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.3f s", seconds);
        }
        if (seconds >= 1e-3) {
            return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.1f us", seconds * 1e6);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String jsonNum(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u%04x".formatted((int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
