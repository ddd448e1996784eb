// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.gatun.kernels.Kernels;
import dev.gatun.load.NativeLibrary;

/**
 * Times {@code integration2d_c} called from a C main, to compare with the same kernel called from
 * Java: compiles {@code integration2d_main.c} with gcc at run time against the {@code libkernels.so}
 * this JVM loaded (same file, same code), runs it, and reads one time per line.
 */
final class Integration2DFromC {

    private Integration2DFromC() {
    }

    /**
     * Builds and runs the C main.
     *
     * @param n        grid points per direction
     * @param warmups  untimed calls first
     * @param reps     timed calls
     * @return seconds of each timed call
     * @throws IOException          when gcc is missing, fails, or the program fails (the message says which)
     * @throws InterruptedException when interrupted while waiting for gcc or the program
     */
    static double[] time(int n, int warmups, int reps) throws IOException, InterruptedException {
        Path library = NativeLibrary.load(Kernels.class, "kernels").path();
        Path work = Files.createTempDirectory("gatun-i2d-main-");
        try {
            Path source = work.resolve("integration2d_main.c");
            try (InputStream in = Integration2DFromC.class.getResourceAsStream("integration2d_main.c")) {
                if (in == null) {
                    throw new IOException("integration2d_main.c is missing from the class path; rebuild the examples module");
                }
                Files.copy(in, source);
            }
            Path program = work.resolve("integration2d_main");
            // -O2 like the C main a user would write; the kernel itself is the library's compiled code.
            run(List.of("gcc", "-O2", "-o", program.toString(), source.toString(), library.toString(),
                    "-Wl,-rpath," + library.getParent()), "gcc (install gcc to compare with a C main)");
            List<String> lines = run(List.of(program.toString(), String.valueOf(n), String.valueOf(warmups),
                    String.valueOf(reps)), "the C main");
            double[] seconds = new double[lines.size()];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = Double.parseDouble(lines.get(i).split(" ")[0]);
            }
            return seconds;
        } finally {
            try (var files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private static List<String> run(List<String> command, String what) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("could not start " + what + ": " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(what + " failed (exit " + process.exitValue() + "): " + output.strip());
        }
        return new ArrayList<>(output.lines().filter(l -> !l.isBlank()).toList());
    }
}
