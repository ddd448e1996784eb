// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import dev.gatun.bindings.driver.CompilerDriver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests, rust-bindgen style. Each folder under {@code src/test/resources/golden/} holds one
 * input whose first line carries the generator options ({@code ! gatun: -m NAME --package P}; in C,
 * {@code // gatun-golden: -m NAME --package P}, which the C frontend does not read as a directive),
 * the expected Java class and, when the library needs one, the expected Fortran shim beside it.
 * A mismatch fails with a unified diff; {@code -Dgatun.golden.update=true} rewrites the expected
 * files instead. The expected Java is itself compiled with {@code -Werror -Xlint:all} against
 * gatun-api, and the expected shim is compiled and linked with the input by the compiler driver.
 */
class GoldenTest {

    static final Path ROOT = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("gatun.golden.update");
    private static final Pattern OPTIONS = Pattern.compile("^\\s*(?:[!cC*]|//)\\s*gatun(?:-golden)?:\\s*(.*)$");

    /**
     * One golden case.
     *
     * @param name    the folder name
     * @param input   the Fortran input
     * @param module  the {@code -m} option
     * @param pkg     the {@code --package} option
     */
    record GoldenCase(String name, Path input, String module, String pkg) {
        Path dir() {
            return input.getParent();
        }

        Path shim() {
            return dir().resolve("gatun_" + module + "_shims.f90");
        }
    }

    static List<GoldenCase> cases() throws IOException {
        var cases = new ArrayList<GoldenCase>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                cases.add(load(dir));
            }
        }
        return cases;
    }

    /** Finds the input of a case folder: the one file whose first line holds {@code gatun:} options. */
    static GoldenCase load(Path dir) throws IOException {
        GoldenCase found = null;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String first = Files.readAllLines(f, StandardCharsets.UTF_8).stream().findFirst().orElse("");
                Matcher m = OPTIONS.matcher(first);
                if (!m.matches()) {
                    continue;
                }
                if (found != null) {
                    throw new IllegalStateException(dir + ": two inputs with gatun: options, " + found.input() + " and " + f);
                }
                found = parseOptions(dir.getFileName().toString(), f, m.group(1).trim().split("\\s+"));
            }
        }
        if (found == null) {
            throw new IllegalStateException(dir + ": no input whose first line is a '! gatun: -m NAME --package P' comment");
        }
        return found;
    }

    private static GoldenCase parseOptions(String name, Path input, String[] args) {
        String module = null;
        String pkg = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-m", "--module" -> module = args[++i];
                case "--package" -> pkg = args[++i];
                default -> throw new IllegalStateException(input + ":1: unknown golden option '" + args[i] + "'; use -m and --package");
            }
        }
        if (module == null) {
            throw new IllegalStateException(input + ":1: the options need -m NAME");
        }
        return new GoldenCase(name, input, module, pkg);
    }

    static BindingGenerator.Result generate(GoldenCase c) {
        var d = new Diagnostics();
        Optional<BindingGenerator.Result> result = BindingGenerator.generate(c.module(), List.of(c.input()), c.pkg(), d);
        assertTrue(d.all().isEmpty(), () -> c.name() + ": the golden inputs must parse without diagnostics, got " + d.all());
        return result.orElseThrow();
    }

    @TestFactory
    Stream<DynamicTest> generatedCodeMatchesTheExpectedFiles() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            BindingGenerator.Result r = generate(c);
            var mismatches = new StringBuilder();
            compare(c.dir().resolve(r.className() + ".java"), Optional.of(r.javaSource()), mismatches);
            compare(c.shim(), r.shimSource(), mismatches);
            if (r.javaSources().size() != 1) {
                mismatches.append("a small library must give one class, got ").append(r.javaSources().keySet()).append('\n');
            }
            if (!mismatches.isEmpty()) {
                fail(c.name() + ": generated code differs from the golden files (rerun with -Dgatun.golden.update=true to accept):\n"
                        + mismatches);
            }
        }));
    }

    /** Compares one expected file with what was generated (empty: no file expected), or rewrites it. */
    private static void compare(Path expectedFile, Optional<String> actual, StringBuilder mismatches) throws IOException {
        boolean exists = Files.exists(expectedFile);
        if (UPDATE) {
            if (actual.isPresent()) {
                Files.writeString(expectedFile, actual.get(), StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(expectedFile);
            }
            return;
        }
        String expected = exists ? Files.readString(expectedFile, StandardCharsets.UTF_8) : "";
        String diff = UnifiedDiff.of(exists ? expectedFile.toString() : "/dev/null", expected, "generated", actual.orElse(""));
        if (exists != actual.isPresent() || !diff.isEmpty()) {
            mismatches.append(diff.isEmpty() ? expectedFile + ": expected " + (exists ? "a file, none generated\n" : "no file\n") : diff);
        }
    }

    @Test
    void expectedJavaCompilesWithWerrorAgainstGatunApi(@TempDir Path classes) throws IOException {
        var sources = new ArrayList<String>();
        for (GoldenCase c : cases()) {
            try (Stream<Path> files = Files.list(c.dir())) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> sources.add(f.toString()));
            }
        }
        assertEquals(cases().size(), sources.size(), "one expected Java class per golden case");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var args = new ArrayList<>(List.of("--release", "25", "-Werror", "-Xlint:all", "-proc:none", "-cp",
                System.getProperty("java.class.path"), "-d", classes.toString()));
        args.addAll(sources);
        var messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, args.toArray(String[]::new));
        assertEquals(0, status, () -> "javac -Werror -Xlint:all rejected the expected Java:\n" + messages);
        assertEquals("", messages.toString().strip(), "javac must print nothing");
    }

    @TestFactory
    Stream<DynamicTest> expectedShimCompilesAndLinksWithItsInput(@TempDir Path work) throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Assumptions.assumeTrue(gfortranPresent(), "gfortran is not installed");
            var sources = new ArrayList<>(generate(c).sources());
            if (Files.exists(c.shim())) {
                sources.add(new CompilerDriver.Source(c.shim(), true));
            }
            Path lib = work.resolve(c.name()).resolve("lib" + c.module() + ".so");
            var log = new ByteArrayOutputStream();
            try {
                new CompilerDriver(new PrintStream(log, true, StandardCharsets.UTF_8), Map.of())
                        .build(new CompilerDriver.Request(sources, lib, List.of(), List.of(), List.of(), false, false), lib.resolveSibling("obj"));
            } catch (CompilerDriver.CompilationException e) {
                fail(c.name() + ": the expected shim does not compile with its input:\n" + e.getMessage());
            }
            assertTrue(Files.size(lib) > 0, "the shared library was written");
        }));
    }

    @Test
    void aMismatchReadsAsAUnifiedDiff() {
        String expected = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String actual = "a\nb\nc\nD\ne\nf\ng\nh\ni\n";
        assertEquals("""
                --- Fib.java
                +++ generated
                @@ -1,9 +1,10 @@
                 a
                 b
                 c
                -d
                +D
                 e
                 f
                 g
                 h
                +i
                \s
                """, UnifiedDiff.of("Fib.java", expected, "generated", actual));
        assertFalse(UPDATE && System.getenv("CI") != null, "golden files must not be rewritten on CI");
    }

    static boolean gfortranPresent() {
        try {
            return new ProcessBuilder("gfortran", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
