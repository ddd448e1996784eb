// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code .npy} file that is malformed, truncated or uses a feature Gatun does not read. The
 * message names the file and the problem.
 */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file, or {@code null}; transient because {@link Path} is not serializable. */
    private final transient Path file;

    /**
     * Creates an exception for {@code file}.
     *
     * @param file    the file that could not be read
     * @param problem what is wrong with it
     */
    public NpyFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** {@return the file that could not be read, or {@code null} after deserialization} */
    public Path file() {
        return file;
    }
}
