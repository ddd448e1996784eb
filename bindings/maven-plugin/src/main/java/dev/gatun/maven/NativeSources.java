// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import dev.gatun.bindings.fortran.ModuleOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The native files of a module, found under its source directories.
 *
 * <p>{@code compiled} are the files the compiler driver builds, in a deterministic order: Fortran first,
 * sorted so that a file defining a module comes before every file that {@code use}s it (gfortran needs
 * the {@code .mod} file), then C, then CUDA. {@code inputs} are every file of the directories, headers
 * and include files too: all of them go into the build fingerprint.
 *
 * @param compiled the sources to compile, in compile order
 * @param inputs   every file of the source directories, sorted
 */
record NativeSources(List<Path> compiled, List<Path> inputs) {

    private static final Pattern FORTRAN = Pattern.compile(".*\\.(f|for|f77|ftn|f90|f95|f03|f08|f18)$");

    NativeSources {
        compiled = List.copyOf(compiled);
        inputs = List.copyOf(inputs);
    }

    /**
     * Scans directories; those that do not exist are skipped.
     *
     * @param directories the source directories, e.g. {@code src/main/c}, {@code src/main/fortran}
     * @return the files found
     * @throws IOException when a directory cannot be read
     */
    static NativeSources scan(List<Path> directories) throws IOException {
        var inputs = new ArrayList<Path>();
        for (Path dir : directories) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(inputs::add);
                }
            }
        }
        var fortran = inputs.stream().filter(NativeSources::isFortran).toList();
        var compiled = new ArrayList<>(orderByModules(fortran));
        inputs.stream().filter(p -> extension(p).equals("c")).forEach(compiled::add);
        inputs.stream().filter(p -> extension(p).equals("cu")).forEach(compiled::add);
        return new NativeSources(compiled, inputs);
    }

    /** The C headers ({@code .h}) of the source directories: the generator binds what they declare. */
    List<Path> headers() {
        return inputs.stream().filter(p -> extension(p).equals("h")).toList();
    }

    /** The f2py signature files ({@code .pyf}): with one, it is the interface and the sources are only compiled. */
    List<Path> signatureFiles() {
        return inputs.stream().filter(p -> extension(p).equals("pyf")).toList();
    }

    /** The Gatun side files ({@code .gatun}): directives and status rules for headers nobody may edit. */
    List<Path> directiveFiles() {
        return inputs.stream().filter(p -> extension(p).equals("gatun")).toList();
    }

    /** The f2py kind maps named {@code .f2py_f2cmap}, as f2py expects them. */
    List<Path> kindMaps() {
        return inputs.stream().filter(p -> p.getFileName().toString().equals(".f2py_f2cmap")).toList();
    }

    /** True when there is nothing to build. */
    boolean isEmpty() {
        return compiled.isEmpty();
    }

    /** True when some source is Fortran. */
    boolean hasFortran() {
        return compiled.stream().anyMatch(NativeSources::isFortran);
    }

    /** True when some source is C. */
    boolean hasC() {
        return compiled.stream().anyMatch(p -> extension(p).equals("c"));
    }

    /** True when some source is CUDA. */
    boolean hasCuda() {
        return compiled.stream().anyMatch(p -> extension(p).equals("cu"));
    }

    static boolean isFortran(Path file) {
        return FORTRAN.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT)).matches();
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /**
     * Orders Fortran files so that module definitions precede their uses; ties keep path order
     * (the one ordering the CLI uses too: {@link ModuleOrder}).
     */
    static List<Path> orderByModules(List<Path> files) {
        return ModuleOrder.sort(files.stream().sorted().toList());
    }
}
