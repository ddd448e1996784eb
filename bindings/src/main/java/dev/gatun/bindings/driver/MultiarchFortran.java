// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compiles one Fortran source once per {@link X86Level} and renames the functions each object
 * defines to {@code name + level.suffix()}, so the three objects link side by side and
 * {@link IfuncDispatcher} can export the original names. gfortran has no {@code target_clones};
 * this is the same result built from the outside.
 *
 * <p>Only defined global symbols are renamed ({@code nm --defined-only -g}, then {@code objcopy
 * --redefine-syms}); undefined references ({@code sin}, libmvec's {@code _ZGVeN8v_sin}, libgfortran)
 * stay as they are. A source that defines global data (module variables, initialised common, derived
 * type vtables) is built for the baseline only: each level would get its own copy of the data, and
 * code of one level would not see what another wrote. Uninitialised common blocks ({@code nm} type
 * {@code C}) are merged by the linker and need nothing.
 */
final class MultiarchFortran {

    /** Runs a command, returning its output; fails with the command's output when it exits non-zero. */
    @FunctionalInterface
    interface Commands {
        /**
         * @param command the command line
         * @param echo    whether to print the command's output to the log
         * @return the command's standard output and error
         */
        String run(List<String> command, boolean echo) throws CompilerDriver.CompilationException, IOException;
    }

    /** The Fortran compile command of one level, writing {@code object} and its {@code .mod} files to {@code moduleDir}. */
    @FunctionalInterface
    interface CompileCommand {
        /**
         * @param level     the level to compile for
         * @param moduleDir where gfortran writes the source's {@code .mod} files ({@code -J})
         * @param object    the object file to write
         * @return the command line
         */
        List<String> of(X86Level level, Path moduleDir, Path object);
    }

    /**
     * What one source became.
     *
     * @param objects   the objects to link
     * @param functions the functions to export through an ifunc; empty when the source stays baseline only
     */
    record Compiled(List<Path> objects, List<String> functions) {
        Compiled {
            objects = List.copyOf(objects);
            functions = List.copyOf(functions);
        }
    }

    private final Commands commands;
    private final PrintStream log;
    private final String nm;
    private final String objcopy;

    /**
     * @param commands    runs the compilers and binutils
     * @param log         where refusals are explained
     * @param environment {@code NM} and {@code OBJCOPY} override {@code nm} and {@code objcopy}
     */
    MultiarchFortran(Commands commands, PrintStream log, Map<String, String> environment) {
        this.commands = commands;
        this.log = log;
        this.nm = environment.getOrDefault("NM", "nm");
        this.objcopy = environment.getOrDefault("OBJCOPY", "objcopy");
    }

    /**
     * Compiles a source for every level (the baseline first: its {@code .mod} files go to {@code workDir},
     * where later sources and the shims find them).
     *
     * @param source  the Fortran source
     * @param command the compile command per level
     * @param workDir the driver's object and module directory
     * @param stem    the object file name without {@code .o}, unique per source
     * @return the objects and the functions to dispatch
     */
    Compiled compile(Path source, CompileCommand command, Path workDir, String stem)
            throws CompilerDriver.CompilationException, IOException {
        String file = source.getFileName().toString();
        var objects = new TreeMap<X86Level, Path>();
        Path baseline = workDir.resolve(stem + ".o");
        commands.run(command.of(X86Level.BASELINE, workDir, baseline), true);
        objects.put(X86Level.BASELINE, baseline);
        DefinedSymbols base = definedSymbols(baseline);
        if (!base.data().isEmpty()) {
            return baselineOnly(baseline, file, "it defines global data (" + String.join(", ", base.data())
                    + "), and each x86-64 level would get its own copy");
        }
        if (!base.unspellable().isEmpty()) {
            return baselineOnly(baseline, file, "it defines functions whose names an ifunc cannot carry ("
                    + String.join(", ", base.unspellable()) + ")");
        }
        if (base.functions().isEmpty()) {
            return new Compiled(List.of(baseline), List.of());
        }
        for (X86Level level : List.of(X86Level.V4, X86Level.V3)) {
            // Each level writes its .mod copies aside; the baseline's in workDir stay the ones that count.
            Path moduleDir = Files.createDirectories(workDir.resolve("multiarch-" + level.tag()));
            Path object = workDir.resolve(stem + "." + level.tag() + ".o");
            commands.run(command.of(level, moduleDir, object), true);
            DefinedSymbols variant = definedSymbols(object);
            if (!variant.functions().equals(base.functions()) || !variant.data().isEmpty()) {
                return baselineOnly(baseline, file, "it defines other symbols for " + level.march().orElseThrow()
                        + " (" + variant.functions() + ", data " + variant.data() + ") than for the baseline ("
                        + base.functions() + ")");
            }
            objects.put(level, object);
        }
        for (var e : objects.entrySet()) {
            rename(e.getValue(), base.functions(), e.getKey(), workDir.resolve(stem + "." + e.getKey().tag() + ".syms"));
        }
        return new Compiled(List.copyOf(objects.values()), List.copyOf(base.functions()));
    }

    private Compiled baselineOnly(Path baseline, String file, String why) {
        log.println("gatun: multiarch: " + file + " stays on the x86-64 baseline only: " + why);
        return new Compiled(List.of(baseline), List.of());
    }

    /**
     * An object's defined global symbols, sorted by name.
     *
     * @param functions   code ({@code nm} type {@code T}) with names an ifunc can carry
     * @param data        anything else that is defined, as {@code name (type)}; common blocks excluded
     * @param unspellable functions whose names are not C-like identifiers
     */
    private record DefinedSymbols(TreeSet<String> functions, List<String> data, List<String> unspellable) {
    }

    private DefinedSymbols definedSymbols(Path object) throws CompilerDriver.CompilationException, IOException {
        // POSIX format: "name type value size", one symbol per line.
        String table = binutils(List.of(nm, "--defined-only", "-g", "-P", object.toString()));
        var functions = new TreeSet<String>();
        var data = new ArrayList<String>();
        var unspellable = new ArrayList<String>();
        for (String line : table.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            String name = f[0];
            String type = f[1];
            if (type.equals("C")) {
                continue;
            } else if (!type.equals("T")) {
                data.add(name + " (" + type + ")");
            } else if (IfuncDispatcher.SAFE_SYMBOL.matcher(name).matches()) {
                functions.add(name);
            } else {
                unspellable.add(name);
            }
        }
        data.sort(null);
        return new DefinedSymbols(functions, data, unspellable);
    }

    private void rename(Path object, Iterable<String> functions, X86Level level, Path mapFile)
            throws CompilerDriver.CompilationException, IOException {
        var map = new StringBuilder();
        for (String f : functions) {
            map.append(f).append(' ').append(f).append(level.suffix()).append('\n');
        }
        Files.writeString(mapFile, map, StandardCharsets.UTF_8);
        binutils(List.of(objcopy, "--redefine-syms=" + mapFile, object.toString()));
    }

    private String binutils(List<String> command) throws CompilerDriver.CompilationException, IOException {
        try {
            return commands.run(command, false);
        } catch (IOException e) {
            throw new CompilerDriver.CompilationException("multiarch needs " + command.getFirst() + " (GNU binutils) to rename the"
                    + " symbols of each x86-64 level: install binutils, point $NM/$OBJCOPY at them, or turn multiarch off ("
                    + e.getMessage() + ")");
        }
    }
}
