// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.gatun.profile.ProfileReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gatun profile FILE.jfr}: the native calls of a recording made with {@code -Dgatun.profile=FILE.jfr} (or
 * {@code -XX:StartFlightRecording} with {@code dev.gatun.NativeCall} enabled), summed per function in a
 * cProfile-style table sorted by total time.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Print the native calls of a JFR recording per function: calls, total, per call, cumulative, bytes.")
final class ProfileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.jfr", description = "A recording made with -Dgatun.profile=FILE.jfr or -XX:StartFlightRecording.")
    Path file;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            System.err.println("gatun profile: " + file + ": no such file");
            return GatunCli.IO_FAILED;
        }
        try {
            ProfileReport report = ProfileReport.read(file);
            if (report.isEmpty()) {
                System.out.println("no native calls recorded in " + file + " (was the dev.gatun.NativeCall event enabled?"
                        + " Record with -Dgatun.profile=" + file.getFileName() + ")");
                return 0;
            }
            System.out.print(report.format());
            return 0;
        } catch (IOException e) {
            System.err.println("gatun profile: " + file + ": not a readable JFR recording: " + e.getMessage());
            return GatunCli.IO_FAILED;
        }
    }
}
