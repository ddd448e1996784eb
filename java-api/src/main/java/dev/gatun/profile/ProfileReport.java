// SPDX-License-Identifier: Apache-2.0
package dev.gatun.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The native calls of a JFR recording, summed per function as Python's cProfile does: number of calls, total time
 * (the calls' own time, without native calls nested in them through callbacks), time per call, cumulative time
 * (with nested calls) and bytes of arrays passed; and the GPU work ({@link GpuWorkEvent}s) summed per kernel and
 * copy direction, by GPU time. {@code gatun profile FILE.jfr} prints {@link #format()}.
 *
 * @param rows    one per library and symbol, by total time, largest first
 * @param gpuRows one per device, kind and name of GPU work, by GPU time, largest first
 */
public record ProfileReport(List<Row> rows, List<GpuRow> gpuRows) {

    /**
     * One kernel's or copy direction's sums.
     *
     * @param device   the device ordinal
     * @param kind     {@code kernel}, {@code copy HtoD}, {@code copy DtoH} or {@code copy DtoD}
     * @param name     the kernel's name, or the copy's direction
     * @param calls    how many launches or copies
     * @param gpuNanos GPU time, summed
     * @param bytes    bytes copied, summed
     */
    public record GpuRow(int device, String kind, String name, long calls, long gpuNanos, long bytes) {
    }

    /** {@return whether the recording holds neither native calls nor GPU work} */
    public boolean isEmpty() {
        return rows.isEmpty() && gpuRows.isEmpty();
    }

    /**
     * One function's sums.
     *
     * @param library    the library
     * @param symbol     the function
     * @param calls      how many calls
     * @param totalNanos the calls' own time
     * @param cumulativeNanos the calls' time with nested native calls
     * @param bytes      bytes of arrays passed, summed
     */
    public record Row(String library, String symbol, long calls, long totalNanos, long cumulativeNanos, long bytes) {
    }

    /** {@return the report for {@link NativeCallEvent}s in a recording file}
     *
     * @param file a {@code .jfr} file
     * @throws IOException when it cannot be read or is not a recording
     */
    public static ProfileReport read(Path file) throws IOException {
        List<RecordedEvent> events = new ArrayList<>();
        Map<String, GpuRow> gpu = new LinkedHashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals(NativeCallEvent.NAME)) {
                events.add(e);
            } else if (type.equals(GpuWorkEvent.NAME)) {
                GpuRow one = new GpuRow(e.getInt("device"), e.getString("kind"), e.getString("name"), 1,
                        e.getLong("gpuNanos"), e.getLong("bytes"));
                gpu.merge(one.device() + "\u0000" + one.kind() + "\u0000" + one.name(), one,
                        (a, b) -> new GpuRow(a.device(), a.kind(), a.name(), a.calls() + b.calls(),
                                a.gpuNanos() + b.gpuNanos(), a.bytes() + b.bytes()));
            }
        }
        List<GpuRow> gpuRows = new ArrayList<>(gpu.values());
        gpuRows.sort(Comparator.comparingLong(GpuRow::gpuNanos).reversed().thenComparing(GpuRow::name));
        return new ProfileReport(of(events), List.copyOf(gpuRows));
    }

    private record Call(String key, String library, String symbol, Instant start, Instant end, long bytes, long thread) {
        long nanos() {
            return java.time.Duration.between(start, end).toNanos();
        }
    }

    private static List<Row> of(List<RecordedEvent> events) {
        Map<Long, List<Call>> byThread = new HashMap<>();
        for (RecordedEvent e : events) {
            long thread = e.getThread() == null ? -1 : e.getThread().getId();
            String library = e.getString("library");
            String symbol = e.getString("symbol");
            byThread.computeIfAbsent(thread, t -> new ArrayList<>()).add(new Call(library + "\u0000" + symbol, library, symbol,
                    e.getStartTime(), e.getEndTime(), e.getLong("bytes"), thread));
        }
        Map<String, long[]> sums = new LinkedHashMap<>(); // calls, own, cumulative, bytes
        Map<String, Call> names = new HashMap<>();
        for (List<Call> calls : byThread.values()) {
            // Outer calls first; a call nested in another (a callback that calls native code) is subtracted from
            // the outer one's own time, as cProfile's tottime does.
            calls.sort(Comparator.comparing(Call::start).thenComparing(Call::end, Comparator.reverseOrder()));
            long[] nested = new long[calls.size()];
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                Call c = calls.get(i);
                while (!open.isEmpty() && !calls.get(open.getLast()).end().isAfter(c.start())) {
                    open.removeLast();
                }
                if (!open.isEmpty()) {
                    nested[open.getLast()] += c.nanos();
                }
                open.add(i);
            }
            for (int i = 0; i < calls.size(); i++) {
                Call c = calls.get(i);
                long[] s = sums.computeIfAbsent(c.key(), k -> new long[4]);
                names.putIfAbsent(c.key(), c);
                s[0]++;
                s[1] += Math.max(0, c.nanos() - nested[i]);
                s[2] += c.nanos();
                s[3] += c.bytes();
            }
        }
        List<Row> rows = new ArrayList<>();
        sums.forEach((k, s) -> rows.add(new Row(names.get(k).library(), names.get(k).symbol(), s[0], s[1], s[2], s[3])));
        rows.sort(Comparator.comparingLong(Row::totalNanos).reversed().thenComparing(Row::symbol));
        return List.copyOf(rows);
    }

    /**
     * {@return the cProfile-style table: ncalls, tottime, percall, cumtime (seconds), bytes, library:function; then,
     * when the recording has GPU work, ncalls, gputime, percall (seconds), bytes, device:kind:name}
     */
    public String format() {
        long calls = rows.stream().mapToLong(Row::calls).sum();
        double seconds = rows.stream().mapToLong(Row::totalNanos).sum() / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d native calls in %.6f seconds%n%n", calls, seconds));
        out.append(String.format(Locale.ROOT, "%10s %12s %12s %12s %14s  %s%n", "ncalls", "tottime", "percall", "cumtime",
                "bytes", "library:function"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%10d %12.6f %12.9f %12.6f %14d  %s:%s%n", r.calls(), r.totalNanos() / 1e9,
                    r.totalNanos() / 1e9 / r.calls(), r.cumulativeNanos() / 1e9, r.bytes(), r.library(), r.symbol()));
        }
        if (!gpuRows.isEmpty()) {
            long launches = gpuRows.stream().mapToLong(GpuRow::calls).sum();
            double gpuSeconds = gpuRows.stream().mapToLong(GpuRow::gpuNanos).sum() / 1e9;
            out.append(String.format(Locale.ROOT, "%n%d GPU operations in %.6f seconds of GPU time%n%n", launches, gpuSeconds));
            out.append(String.format(Locale.ROOT, "%10s %12s %12s %14s  %s%n", "ncalls", "gputime", "percall", "bytes",
                    "device:kind:name"));
            for (GpuRow r : gpuRows) {
                out.append(String.format(Locale.ROOT, "%10d %12.6f %12.9f %14d  %d:%s:%s%n", r.calls(), r.gpuNanos() / 1e9,
                        r.gpuNanos() / 1e9 / r.calls(), r.bytes(), r.device(), r.kind(), r.name()));
            }
        }
        return out.toString();
    }
}
