// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CLI's f2py conventions: the default kind map, and a library named after a signature file's python module. */
final class F2pyInputs {

    private static final Pattern PYTHON_MODULE = Pattern.compile("(?im)^\\s*python\\s+module\\s+(\\w+)");

    private F2pyInputs() {
    }

    /** The kind maps given with {@code --f2cmap}, or f2py's default {@code .f2py_f2cmap} in the current directory. */
    static List<Path> kindMaps(List<Path> given) {
        Path here = Path.of(".f2py_f2cmap");
        if (given.isEmpty() && Files.isRegularFile(here)) {
            System.err.println("gatun: reading the kind map " + here.toAbsolutePath() + " (as f2py does)");
            return List.of(here);
        }
        return given;
    }

    /**
     * The library name of {@code -m}, or the first {@code python module} of a signature file, as f2py names it.
     *
     * @throws IllegalArgumentException when there is neither
     */
    static String moduleName(String given, List<Path> sources) {
        if (given != null) {
            return given;
        }
        for (Path f : sources) {
            if (!f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pyf")) {
                continue;
            }
            try {
                Matcher m = PYTHON_MODULE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).toLowerCase(Locale.ROOT).contains("__user__")) {
                        return m.group(1);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("give the library name with -m NAME (or a .pyf file with a 'python module' block)");
    }
}
