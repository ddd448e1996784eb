// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the compilers the driver will run, the way the driver picks them: the plugin's {@code <cc>},
 * {@code <fc>}, {@code <nvcc>} when set, else the environment's {@code CC}, {@code FC}, {@code NVCC},
 * else {@code cc}, {@code gfortran}, {@code nvcc}; then searched on {@code PATH} unless given as a path.
 */
final class CompilerLookup {

    private final Map<String, String> environment;

    /**
     * @param environment the environment the driver runs with (overrides already applied)
     */
    CompilerLookup(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The command the driver will run for a variable, e.g. {@code FC} to {@code gfortran}.
     *
     * @param variable     {@code CC}, {@code FC} or {@code NVCC}
     * @param defaultValue the driver's default for it
     * @return the command's first word
     */
    String command(String variable, String defaultValue) {
        String value = environment.getOrDefault(variable, defaultValue).strip();
        return value.isEmpty() ? defaultValue : value.split("\\s+")[0];
    }

    /**
     * Where a command's executable is.
     *
     * @param command a name searched on {@code PATH}, or a path
     * @return the executable, or empty when there is none
     */
    Optional<Path> locate(String command) {
        if (command.contains(File.separator)) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, command);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
