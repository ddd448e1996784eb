// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.cuda;

import dev.gatun.load.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the CUDA toolkit's libraries (NVRTC, cuBLAS, cuFFT) at run time and loads them by path, so
 * that the generated bindings, which ask the dynamic loader for the soname, get the already loaded
 * library (the loader matches a loaded object by its {@code DT_SONAME}).
 *
 * <p>Searched in order: {@code $CUDA_HOME/lib64}, {@code $CUDA_PATH/lib64}, {@code /usr/local/cuda/lib64},
 * {@code /usr/local/cuda/targets/x86_64-linux/lib}, then the loader's own search path.
 */
public final class ToolkitLibraries {

    private ToolkitLibraries() {
    }

    /** {@return the directories searched before the loader's path, existing or not} */
    public static List<Path> searchDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String variable : List.of("CUDA_HOME", "CUDA_PATH")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                dirs.add(Path.of(value, "lib64"));
            }
        }
        dirs.add(Path.of("/usr/local/cuda/lib64"));
        dirs.add(Path.of("/usr/local/cuda/targets/x86_64-linux/lib"));
        return List.copyOf(dirs);
    }

    /**
     * Loads a toolkit library, returning why not when it cannot be found.
     *
     * @param soname the soname the generated binding asks for, e.g. {@code libcublas.so.13}
     * @return empty when loaded; otherwise the places searched
     */
    public static Optional<String> load(String soname) {
        List<String> errors = new ArrayList<>();
        for (Path dir : searchDirectories()) {
            Path file = dir.resolve(soname);
            if (Files.isRegularFile(file)) {
                try {
                    NativeLibrary.load(file);
                    return Optional.empty();
                } catch (RuntimeException e) {
                    errors.add(file + ": " + e.getMessage());
                }
            }
        }
        if (NativeLibrary.loadSystem(soname).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(soname + " was not found in " + searchDirectories() + " nor on the loader's path"
                + (errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")")
                + "; install the CUDA toolkit or set CUDA_HOME");
    }
}
