// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.nio.file.Path;

/**
 * The child JVM of {@link CorruptLibraryTest}: {@code path <file>} loads a file with
 * {@link NativeLibrary#load(Path)}; {@code library-path <name>} loads {@code lib<name>.so} through
 * {@code -Dgatun.library.path}. Prints {@code loaded} (exit 0) or the {@link NativeLoadException}'s
 * message (exit 3); a crash in the loader would end the JVM with a signal and an hs_err file instead.
 */
public final class CorruptLoadProbe {
    private CorruptLoadProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args {@code path <file>} or {@code library-path <name>}
     */
    public static void main(String[] args) {
        try {
            NativeLibrary library = args[0].equals("path") ? NativeLibrary.load(Path.of(args[1]))
                    : NativeLibrary.load(CorruptLoadProbe.class, args[1]);
            System.out.println("loaded " + library.path());
        } catch (NativeLoadException e) {
            System.out.println("NativeLoadException: " + e.getMessage());
            System.exit(3);
        }
    }
}
