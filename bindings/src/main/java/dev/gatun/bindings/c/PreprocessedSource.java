// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The output of {@link CPreprocessor}: preprocessed text with line markers and macro definitions,
 * and which files the user named.
 *
 * @param text      the preprocessor's output ({@code -E -C -dD}: comments, line markers, {@code #define}s kept)
 * @param userFiles the headers the user named, as absolute normalized paths
 * @param command   the command that produced it, for messages
 */
public record PreprocessedSource(String text, Set<Path> userFiles, List<String> command) {

    /** Validates and copies the components. */
    public PreprocessedSource {
        Objects.requireNonNull(text, "text");
        userFiles = Set.copyOf(userFiles);
        command = List.copyOf(command);
    }

    /**
     * Returns true when the file a line marker names is one the user named.
     *
     * @param file the path as the line marker spells it
     */
    public boolean isUserFile(Path file) {
        return userFiles.contains(file.toAbsolutePath().normalize());
    }
}
