// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes every parser for a bounded time and fails on any uncaught exception or hang: parsers report
 * {@code file:line:col} diagnostics and never throw. Each target starts from the repository's own inputs
 * (and, for C, system headers), then runs seeded mutations.
 *
 * <p>Properties: {@code gatun.fuzz.seconds} per target (default 20; a nightly round is 600),
 * {@code gatun.fuzz.cases} (default a fixed count per target; 0 for no limit), and
 * {@code gatun.fuzz.seed} (default fixed, so CI is reproducible), {@code gatun.fuzz.targets} (default all: a
 * comma-separated subset of fortran, c, directives, pyf, npy). Failing inputs are saved under
 * {@code target/fuzz-findings/} with their stack traces. Findings already filed and being fixed are listed in
 * {@code src/test/resources/fuzz/known-findings.txt}: reported on every run, failing only when new. A nightly round is one command:
 * <pre>
 * ./mvnw -B -pl bindings -am verify -Dtest=ParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dinvoker.test=none -Dgatun.fuzz.seconds=600 -Dgatun.fuzz.cases=0 -Dgatun.fuzz.seed=$RANDOM
 * </pre>
 */
class ParserFuzzTest {

    private static final long SECONDS = Long.getLong("gatun.fuzz.seconds", 20);
    private static final long SEED = Long.getLong("gatun.fuzz.seed", 20261207L);
    /**
     * At most this many cases per target (0: no limit, as in a nightly round). With the fixed seed, CI runs
     * the same cases on any machine (a slower one fewer of them), so a build cannot fail on a finding that
     * the same commit did not show before; nightly rounds with a fresh seed look further.
     */
    private static final long CASES = Long.getLong("gatun.fuzz.cases", -1);

    /** Cases per target for CI: about 20 s each on a loaded two-core machine. */
    private static long defaultCases(String target) {
        return switch (target) {
            case "fortran" -> 4000;
            case "c" -> 200;
            case "directives" -> 1500;
            default -> 2000;
        };
    }

    @TempDir
    static Path scratch;

    static Stream<String> targets() {
        // -Dgatun.fuzz.targets=fortran,pyf runs only those (two JVMs can share a nightly round).
        String only = System.getProperty("gatun.fuzz.targets", "");
        return Stream.of("fortran", "c", "directives", "pyf", "npy")
                .filter(t -> only.isBlank() || Set.of(only.split(",")).contains(t));
    }

    private static Fuzzer.Target target(String name) {
        return switch (name) {
            case "fortran" -> new ParserTargets.Fortran();
            case "c" -> new ParserTargets.C(scratch);
            case "directives" -> new ParserTargets.Directives(scratch);
            case "pyf" -> new ParserTargets.Pyf();
            case "npy" -> new ParserTargets.NpyHeader(scratch);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void parserNeverThrows(String name) throws Exception {
        if (name.equals("c")) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/cc")) || System.getenv("CC") != null, "needs a C compiler for cc -E");
        }
        Path findings = Path.of("target", "fuzz-findings");
        long cases = CASES >= 0 ? CASES : defaultCases(name);
        Fuzzer.Report report = Fuzzer.run(target(name), Duration.ofSeconds(SECONDS), cases, SEED + name.hashCode(), findings);
        System.out.println("fuzz " + report.summary() + " (seed " + (SEED + name.hashCode()) + ")");
        Map<String, String> known = knownFindings(name);
        List<String> fresh = new ArrayList<>();
        report.failures().forEach((signature, input) -> {
            String filed = known.get(Fuzzer.key(signature));
            System.out.println("  " + (filed != null ? "known (" + filed + "): " : "NEW: ") + signature + "\n    input: " + input);
            if (filed == null) {
                fresh.add(signature + "\n    input: " + input);
            }
        });
        assertTrue(fresh.isEmpty(), () -> report.summary() + "; not in fuzz/known-findings.txt:\n" + String.join("\n", fresh));
    }

    /** Findings already filed and being fixed elsewhere: key to the filed item. */
    static Map<String, String> knownFindings(String target) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = ParserFuzzTest.class.getResourceAsStream("/fuzz/known-findings.txt")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                String[] f = line.split("\t");
                if (!line.startsWith("#") && f.length == 3 && f[0].equals(target)) {
                    out.put(f[1], f[2]);
                }
            }
        }
        return out;
    }
}
