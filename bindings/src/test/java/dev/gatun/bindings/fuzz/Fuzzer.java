// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one target for a time budget: mutated seeds, each case on a worker thread with a deadline so a
 * hang is reported instead of stalling the build. Failures are grouped by exception type and the frame
 * that threw; the first input of each group is saved so it can be replayed.
 */
final class Fuzzer {

    /** A parser entry point fed one input; anything it throws is a finding. */
    interface Target {
        /** {@return the target's name, used for reports and reproducer files} */
        String name();

        /** {@return the inputs mutations start from} */
        List<String> seeds();

        /** {@return one case made from {@code seed}, maybe spliced with {@code other}} */
        default String mutate(Mutator mutator, String seed, String other) {
            return mutator.mutate(seed, other);
        }

        /** Runs one case. */
        void run(String input) throws Exception;
    }

    /** What one run found. @param cases inputs tried @param failures one line per distinct failure */
    record Report(String target, long cases, Duration elapsed, Map<String, Path> failures) {
        String summary() {
            return String.format("%s: %d cases in %.1f s (%.0f/s), %d distinct failures", target, cases,
                    elapsed.toMillis() / 1000.0, cases * 1000.0 / Math.max(1, elapsed.toMillis()), failures.size());
        }
    }

    /** The longest a single case may take before it counts as a hang. */
    private static final Duration CASE_LIMIT = Duration.ofSeconds(20);

    private Fuzzer() {
    }

    static Report run(Target target, Duration budget, long maxCases, long seed, Path reproducers) throws IOException {
        List<String> seeds = target.seeds();
        if (seeds.isEmpty()) {
            throw new IllegalStateException(target.name() + ": no seeds");
        }
        Mutator mutator = new Mutator(seed);
        Map<String, Path> failures = new LinkedHashMap<>();
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        long cases = 0;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            // A large stack: deep nesting must be refused by the parser, not by a small test thread's stack.
            Thread t = new Thread(null, r, "fuzz-" + target.name(), 0);
            t.setDaemon(true);
            return t;
        });
        try {
            // Every seed once unmutated first: the repository's own inputs must never fail.
            List<String> queue = new ArrayList<>(seeds);
            while ((System.nanoTime() < deadline && (maxCases <= 0 || cases < maxCases)) || cases < seeds.size()) {
                String input = cases < queue.size() ? queue.get((int) cases)
                        : target.mutate(mutator, seeds.get(mutator.nextInt(seeds.size())), seeds.get(mutator.nextInt(seeds.size())));
                cases++;
                Future<?> result = worker.submit(() -> {
                    target.run(input);
                    return null;
                });
                try {
                    result.get(CASE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    record(failures, signature(e.getCause()), input, target.name(), reproducers, e.getCause());
                } catch (TimeoutException e) {
                    record(failures, "hang (no result within " + CASE_LIMIT.toSeconds() + " s)", input, target.name(),
                            reproducers, null);
                    result.cancel(true);
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new Report(target.name(), cases, Duration.ofNanos(System.nanoTime() - start), failures);
    }

    /** Exception type and the first frame in Gatun's code: one finding per distinct bug, not per input. */
    static String signature(Throwable t) {
        String where = "?";
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.gatun.") && !e.getClassName().startsWith("dev.gatun.bindings.fuzz.")) {
                where = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName()
                        + ":" + e.getLineNumber();
                break;
            }
        }
        if (t instanceof StackOverflowError) {
            return "StackOverflowError (unbounded recursion) at " + where; // one bug, whichever frame overflowed
        }
        String message = String.valueOf(t.getMessage());
        return t.getClass().getSimpleName() + " at " + where + ": " + message.substring(0, Math.min(160, message.length()));
    }

    /** What identifies a bug: the exception type and the method that threw, without line or message. */
    static String key(String signature) {
        if (signature.startsWith("StackOverflowError")) {
            return "StackOverflowError";
        }
        String head = signature.contains(": ") ? signature.substring(0, signature.indexOf(": ")) : signature;
        return head.replaceAll(":\\d+$", "");
    }

    private static void record(Map<String, Path> failures, String signature, String input, String target,
            Path reproducers, Throwable cause) throws IOException {
        String key = key(signature);
        if (failures.keySet().stream().anyMatch(k -> key(k).equals(key))) {
            return;
        }
        Files.createDirectories(reproducers);
        Path file = reproducers.resolve(target + "-" + (failures.size() + 1) + ".txt");
        // Bytes of .npy cases are chars up to 0xff; text cases may hold any character.
        boolean bytes = StandardCharsets.ISO_8859_1.newEncoder().canEncode(input);
        Files.writeString(file, input, bytes ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        if (cause != null) {
            var trace = new java.io.StringWriter();
            cause.printStackTrace(new java.io.PrintWriter(trace));
            Files.writeString(reproducers.resolve(target + "-" + (failures.size() + 1) + ".trace"), trace.toString());
        }
        failures.put(signature, file);
    }
}
