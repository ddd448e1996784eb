// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.info;

import dev.gatun.info.ReportItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reports the CPU model and the vector instruction sets that matter for numerical kernels, from
 * {@code /proc/cpuinfo}'s {@code flags} line (Linux). Whether the compiler used them is another matter:
 * kernels need {@code -march} or {@code target_clones} for that.
 */
public final class CpuFeatures {
    /** The flags worth knowing, in order of capability. */
    static final List<String> VECTOR_FLAGS = List.of("sse2", "sse4_1", "sse4_2", "avx", "avx2", "fma", "avx512f",
            "avx512dq", "avx512cd", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile",
            "asimd", "sve", "sve2");

    private CpuFeatures() {
    }

    /** CPU model, processors and vector features; {@code absent (why)} without {@code /proc/cpuinfo}. */
    public static List<ReportItem> report(Path cpuinfo) {
        List<ReportItem> items = new ArrayList<>();
        items.add(new ReportItem("processors", Runtime.getRuntime().availableProcessors() + " available to the JVM"));
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuinfo);
        } catch (IOException e) {
            items.add(ReportItem.absent("vector features", cpuinfo + " not readable: " + e));
            return items;
        }
        field(lines, "model name").or(() -> field(lines, "Model"))
                .ifPresent(model -> items.add(new ReportItem("model", model)));
        // x86 says "flags", arm64 says "Features".
        var flagLine = field(lines, "flags").or(() -> field(lines, "Features"));
        if (flagLine.isEmpty()) {
            items.add(ReportItem.absent("vector features", cpuinfo + " has no flags line"));
            return items;
        }
        Set<String> flags = Arrays.stream(flagLine.get().split("\\s+")).collect(Collectors.toSet());
        List<String> present = VECTOR_FLAGS.stream().filter(flags::contains).toList();
        items.add(new ReportItem("vector features", present.isEmpty() ? "none of " + VECTOR_FLAGS
                : String.join(" ", present)));
        return items;
    }

    private static java.util.Optional<String> field(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name) && line.indexOf(':') > 0)
                .filter(line -> line.substring(0, line.indexOf(':')).trim().equals(name))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
    }
}
