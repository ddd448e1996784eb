// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real C preprocessor over headers, so they are seen exactly as the compiler sees them.
 *
 * <p>The command is {@code $CC -E -C -dD} (or {@code cc} when {@code CC} is unset) with the user's
 * {@code -I}, {@code -D} and {@code -U}: {@code -C} keeps the comments that carry gatun directives,
 * {@code -dD} keeps object-like macro definitions (constants and {@code #define cuMemAlloc cuMemAlloc_v2}
 * aliases), and the line markers let {@link CParser} map every token back to its file and line and tell
 * the user's headers from the system headers they include. Instances are immutable.
 */
public final class CPreprocessor {

    private static final long TIMEOUT_SECONDS = 120;

    /** The compiler driver command, possibly with leading words such as {@code ccache gcc}. */
    private final List<String> compiler;
    private final List<String> options;

    private CPreprocessor(List<String> compiler, List<String> options) {
        this.compiler = List.copyOf(compiler);
        this.options = List.copyOf(options);
    }

    /** Returns a preprocessor that runs {@code $CC}, or {@code cc} when {@code CC} is not set. */
    public static CPreprocessor fromEnvironment() {
        String cc = System.getenv("CC");
        // $CC may hold several words ("ccache gcc", "gcc -m64"), as make splits it.
        return new CPreprocessor(List.of((cc == null || cc.isBlank() ? "cc" : cc.strip()).split("\\s+")), List.of());
    }

    /**
     * Returns a copy that runs the given compiler driver.
     *
     * @param compilerCommand e.g. {@code gcc}, {@code clang} or {@code /opt/bin/mpicc}
     */
    public CPreprocessor withCompiler(String compilerCommand) {
        if (compilerCommand == null || compilerCommand.isBlank()) {
            throw new IllegalArgumentException("compilerCommand: expected a compiler such as 'gcc', got '"
                    + compilerCommand + "'");
        }
        return new CPreprocessor(List.of(compilerCommand.strip()), options);
    }

    /**
     * Returns a copy that also searches a directory for includes ({@code -I}).
     *
     * @param directory the include directory
     */
    public CPreprocessor withIncludeDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return withOption("-I" + directory);
    }

    /**
     * Returns a copy that defines a macro ({@code -Dname=value}).
     *
     * @param name  the macro name
     * @param value its value, or null for {@code -Dname}
     */
    public CPreprocessor withDefine(String name, String value) {
        requireMacroName(name);
        return withOption(value == null ? "-D" + name : "-D" + name + "=" + value);
    }

    /**
     * Returns a copy that undefines a macro ({@code -Uname}).
     *
     * @param name the macro name
     */
    public CPreprocessor withUndefine(String name) {
        requireMacroName(name);
        return withOption("-U" + name);
    }

    /**
     * Returns a copy with one more raw option for the compiler driver, e.g. {@code -std=c11}.
     *
     * @param option the option, passed as one argument
     */
    public CPreprocessor withOption(String option) {
        Objects.requireNonNull(option, "option");
        List<String> more = new ArrayList<>(options);
        more.add(option);
        return new CPreprocessor(compiler, more);
    }

    /** Returns the options ({@code -I}, {@code -D}, {@code -U} and raw ones) in the order they were added. */
    public List<String> options() {
        return options;
    }

    /** Returns the compiler driver command this preprocessor runs, as words. */
    public List<String> compiler() {
        return compiler;
    }

    /**
     * Preprocesses the given headers as one translation unit, in order.
     *
     * @param headers the headers the user names; their declarations are marked {@code fromUserFile}
     * @return the preprocessed text
     * @throws CPreprocessorException when the compiler is missing or rejects the input; the message
     *                                carries the compiler's own diagnostics
     */
    public PreprocessedSource preprocess(List<Path> headers) throws CPreprocessorException {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("headers: expected at least one header to preprocess");
        }
        Set<Path> user = new LinkedHashSet<>();
        StringBuilder unit = new StringBuilder();
        for (Path h : headers) {
            Path abs = h.toAbsolutePath().normalize();
            if (!Files.isRegularFile(abs)) {
                throw new CPreprocessorException("header '" + h + "' does not exist or is not a file", null);
            }
            user.add(abs);
            unit.append("#include \"").append(abs.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"\n");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gatun-cpp");
            Path source = dir.resolve("gatun-unit.c");
            Files.writeString(source, unit, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(compiler);
            command.addAll(List.of("-E", "-C", "-dD"));
            command.addAll(options);
            command.add(source.toString());
            String text = run(command, dir);
            return new PreprocessedSource(text, user, command);
        } catch (IOException e) {
            throw new CPreprocessorException("cannot run the C preprocessor '" + String.join(" ", compiler) + "': "
                    + e.getMessage()
                    + "; install a C compiler or set $CC", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String run(List<String> command, Path dir) throws IOException, CPreprocessorException {
        Path out = dir.resolve("out.i");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CPreprocessorException("the C preprocessor did not finish in " + TIMEOUT_SECONDS
                        + " s: " + String.join(" ", command), null);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CPreprocessorException("interrupted while running " + String.join(" ", command), e);
        }
        String messages = lenient(err).strip();
        if (p.exitValue() != 0) {
            throw new CPreprocessorException("the C preprocessor failed (exit " + p.exitValue() + "): "
                    + String.join(" ", command) + "\n" + messages, null);
        }
        return lenient(out);
    }

    /**
     * Reads the preprocessor's output as UTF-8, replacing malformed bytes: headers may hold Latin-1 comments, which
     * say nothing a binding needs and must not stop it.
     */
    private static String lenient(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void requireMacroName(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("name: expected a C identifier, got '" + name + "'");
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A leftover temp file is harmless; the preprocessing result is what matters.
        }
    }
}
