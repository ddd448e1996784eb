// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code .F}, {@code .F90} (any upper-case extension) and {@code .fpp} sources through the
 * Fortran compiler's preprocessor ({@code $FC -E -cpp}, gfortran by default), as the compiler itself
 * does when it builds them, so the frontend reads the code the compiler compiles ({@code #ifdef},
 * {@code #define}, {@code #include}).
 *
 * <p>Lines keep their original numbers where the output allows it: the compiler's line markers
 * ({@code # 12 "file.F90"}) place each line of the file itself back at its line, so diagnostics
 * point into the file the user wrote.
 */
final class FortranPreprocessor {

    private static final Pattern MARKER = Pattern.compile("^#\\s*(\\d+)\\s+\"((?:[^\"\\\\]|\\\\.)*)\".*$");
    private static final long TIMEOUT_SECONDS = 60;

    private FortranPreprocessor() {
    }

    /** True for the extensions compilers preprocess: an upper-case {@code .F*} or {@code .fpp}/{@code .FPP}. */
    static boolean needed(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String ext = name.substring(dot + 1);
        return ext.toLowerCase(Locale.ROOT).equals("fpp") || (ext.startsWith("F") && ext.toLowerCase(Locale.ROOT).matches("f(or|77|tn|90|95|03|08|18)?"));
    }

    /** Thrown when the preprocessor cannot be run or fails; the message is the compiler's. */
    static final class PreprocessorException extends Exception {
        private static final long serialVersionUID = 1L;

        PreprocessorException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Preprocesses a file.
     *
     * @param file        the source
     * @param environment the environment ({@code FC})
     * @return its lines after preprocessing, at their original line numbers where possible
     * @throws PreprocessorException when the compiler cannot be run or reports an error
     */
    static List<String> run(Path file, Map<String, String> environment) throws PreprocessorException {
        String fc = environment.getOrDefault("FC", "gfortran");
        var command = new ArrayList<>(List.of(fc.split("\\s+")));
        command.addAll(List.of("-E", "-cpp", file.toString()));
        String output;
        String errors;
        int exit;
        try {
            Process p = new ProcessBuilder(command).start();
            var err = p.getErrorStream();
            var stderr = new java.io.ByteArrayOutputStream();
            // Drained concurrently so a chatty preprocessor cannot block on a full pipe.
            Thread drain = Thread.ofVirtual().start(() -> {
                try {
                    err.transferTo(stderr);
                } catch (IOException ignored) {
                    // the exit status reports the failure
                }
            });
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PreprocessorException(fc + " -E -cpp did not finish within " + TIMEOUT_SECONDS + " s");
            }
            drain.join();
            exit = p.exitValue();
            errors = stderr.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PreprocessorException("cannot run the Fortran preprocessor '" + fc + " -E -cpp' (set FC or install gfortran): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreprocessorException("interrupted while preprocessing");
        }
        if (exit != 0) {
            throw new PreprocessorException(fc + " -E -cpp failed: " + errors.strip());
        }
        return placeLines(output.lines().toList(), file);
    }

    /**
     * Puts each output line of the file itself at its original line number (from the markers); lines
     * that came from an {@code #include}d file, or that would go backwards, are appended in order instead.
     */
    static List<String> placeLines(List<String> output, Path file) {
        var out = new ArrayList<String>();
        String current = null;
        int line = 1;
        String self = null;
        for (String text : output) {
            Matcher m = MARKER.matcher(text);
            if (m.matches()) {
                // A marker past int range (a hostile #line) cannot be a line of this file: append from here on.
                line = m.group(1).length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(m.group(1));
                current = m.group(2);
                if (self == null) {
                    self = current;
                }
                continue;
            }
            boolean ours = current == null || current.equals(self);
            if (ours && line > out.size() && line - out.size() <= 1_000_000) {
                while (out.size() < line - 1) {
                    out.add("");
                }
                out.add(text);
            } else {
                out.add(text);
            }
            line++;
        }
        return out;
    }
}
