// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import dev.gatun.bindings.c.CLowering;
import dev.gatun.bindings.c.CParser;
import dev.gatun.bindings.c.CPreprocessor;
import dev.gatun.bindings.c.CPreprocessorException;
import dev.gatun.bindings.c.CTranslationUnit;
import dev.gatun.bindings.c.SignatureFile;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.emit.FortranShimEmitter;
import dev.gatun.bindings.emit.JavaEmitter;
import dev.gatun.bindings.fortran.FortranFrontend;
import dev.gatun.bindings.fortran.FortranSource;
import dev.gatun.bindings.fortran.ModuleOrder;
import dev.gatun.bindings.fortran.SourceForm;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Unit;
import dev.gatun.bindings.pass.Passes;
import dev.gatun.bindings.pyf.F2cmap;
import dev.gatun.bindings.pyf.PyfFrontend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Frontend, passes and emitters in one call: what {@code gatun build} and {@code gatun wrap} run.
 * Emission happens only when no error was reported.
 */
public final class BindingGenerator {

    /**
     * The generated artefacts.
     *
     * @param library     the parsed library
     * @param className   the binding class's simple name
     * @param javaSources the Java sources by simple class name: the binding class first, then, for a library too
     *                    large for one class file, its package-private part classes (all in the binding's package)
     * @param shimSource  the Fortran shim module, if any procedure needs one
     * @param sources     the native sources to compile (Fortran with their form), shim excluded
     * @param cSource     the C file an f2py signature file contributes (its usercode and callstatement
     *                    wrappers), to compile into the library as {@link PyfFrontend#cFileName}
     */
    public record Result(Library library, String className, java.util.SequencedMap<String, String> javaSources,
                         Optional<String> shimSource, List<CompilerDriver.Source> sources, Optional<String> cSource) {

        /** Copies the sources, keeping their order. */
        public Result {
            javaSources = java.util.Collections.unmodifiableSequencedMap(new java.util.LinkedHashMap<>(javaSources));
        }

        /**
         * Returns the source of the public binding class.
         *
         * @return the source of {@code className}
         */
        public String javaSource() {
            return javaSources.get(className);
        }
    }

    /**
     * How a library is bound beyond its sources.
     *
     * @param filter          which functions get bindings ({@code --include}/{@code --exclude})
     * @param systemLibraries sonames of a prebuilt system library to bind ({@code --link-system}): when nothing
     *                        is compiled (headers only), the binding class loads the first of these that the
     *                        dynamic loader finds, and its jar ships no native library; when sources are
     *                        compiled, that library links against them instead and this list is not used
     * @param kindMaps        f2py kind maps ({@code --f2cmap}), read before any {@code .f2py_f2cmap} among the files
     */
    public record Options(SymbolFilter filter, List<String> systemLibraries, List<Path> kindMaps) {

        /** Binds everything; the jar ships its own library. */
        public static final Options DEFAULTS = new Options(SymbolFilter.ALL, List.of());

        /** Validates and copies the components. */
        public Options {
            java.util.Objects.requireNonNull(filter, "filter");
            systemLibraries = List.copyOf(systemLibraries);
            kindMaps = List.copyOf(kindMaps);
        }

        /**
         * Options without kind maps.
         *
         * @param filter          which functions get bindings
         * @param systemLibraries sonames of a prebuilt system library to bind
         */
        public Options(SymbolFilter filter, List<String> systemLibraries) {
            this(filter, systemLibraries, List.of());
        }

        /**
         * Returns these options with f2py kind maps.
         *
         * @param maps the {@code .f2py_f2cmap} files
         * @return the new options
         */
        public Options withKindMaps(List<Path> maps) {
            return new Options(filter, systemLibraries, maps);
        }
    }

    /** What the frontends read: the library model and the C file its signature files contribute. */
    private record Parsed(Library library, Optional<String> cSource) {
    }

    private BindingGenerator() {
    }

    /**
     * Parses the sources of a library with the default C preprocessor ({@code $CC} or {@code cc}).
     *
     * @param name          the library name
     * @param files         the sources, Fortran modules before their users
     * @param diagnostics   where problems go
     * @param nativeSources receives the files to compile
     * @return the library model
     */
    public static Library parse(String name, List<Path> files, Diagnostics diagnostics, List<CompilerDriver.Source> nativeSources) {
        return parse(name, files, diagnostics, nativeSources, CPreprocessor.fromEnvironment());
    }

    /**
     * Parses the sources of a library. Fortran files are parsed and compiled; C headers ({@code .h})
     * are preprocessed and bound, not compiled; C sources ({@code .c}) are compiled, and their
     * non-static definitions are bound unless a header already declared the same function (the
     * header's directives win); CUDA sources ({@code .cu}) are compiled and bound through their headers.
     *
     * @param name          the library name
     * @param files         the sources, Fortran modules before their users
     * @param diagnostics   where problems go
     * @param nativeSources receives the files to compile
     * @param preprocessor  the C preprocessor, with the user's {@code -I}/{@code -D}
     * @return the library model
     */
    public static Library parse(String name, List<Path> files, Diagnostics diagnostics,
                                List<CompilerDriver.Source> nativeSources, CPreprocessor preprocessor) {
        return parse(name, files, diagnostics, nativeSources, preprocessor, Options.DEFAULTS);
    }

    /**
     * Parses the sources of a library, binding only the functions the options' filter accepts. Files ending in
     * {@code .gatun} are signature files: their directives apply to the C functions of every header.
     *
     * @param name          the library name
     * @param files         the sources, Fortran modules before their users, and any {@code .gatun} files
     * @param diagnostics   where problems go
     * @param nativeSources receives the files to compile
     * @param preprocessor  the C preprocessor, with the user's {@code -I}/{@code -D}
     * @param options       the include/exclude filter
     * @return the library model
     */
    public static Library parse(String name, List<Path> files, Diagnostics diagnostics,
                                List<CompilerDriver.Source> nativeSources, CPreprocessor preprocessor, Options options) {
        return parseAll(name, files, diagnostics, nativeSources, preprocessor, options).library();
    }

    private static Parsed parseAll(String name, List<Path> files, Diagnostics diagnostics,
                                   List<CompilerDriver.Source> nativeSources, CPreprocessor preprocessor, Options options) {
        Map<String, Long> kinds = kindNames(files, options.kindMaps(), diagnostics);
        if (files.stream().anyMatch(BindingGenerator::isPyf)) {
            return fromSignatureFiles(name, files, diagnostics, nativeSources, options, kinds);
        }
        var frontend = new FortranFrontend(diagnostics, kinds);
        // Procedures with an !f2py callstatement are read as f2py reads them, as signature-file routines.
        var embedded = new PyfFrontend(diagnostics, name, kinds);
        SignatureFile signatures = SignatureFile.read(files.stream().filter(BindingGenerator::isSignatureFile).toList(), diagnostics);
        var units = new ArrayList<Unit>();
        var boundSymbols = new HashSet<String>();
        // Headers first, so their directives win over a definition of the same function in a .c file.
        List<Path> ordered = new ArrayList<>(files.stream().filter(BindingGenerator::isHeader).toList());
        files.stream().filter(f -> !isHeader(f) && !isSignatureFile(f) && !isKindMap(f)).forEach(ordered::add);
        // Fortran modules before their users, whatever the command-line order: the frontend needs their
        // kind constants, gfortran their .mod files (the plugin orders its sources the same way).
        var fortranInOrder = ModuleOrder.sort(ordered.stream().filter(BindingGenerator::isFortran).toList()).iterator();
        ordered.replaceAll(f -> isFortran(f) ? fortranInOrder.next() : f);
        for (Path f : ordered) {
            if (isFortran(f)) {
                FortranSource parsed = frontend.parse(f);
                Unit unit = parsed.unit();
                if (!parsed.signatures().isEmpty()) {
                    var procedures = new ArrayList<>(unit.procedures());
                    procedures.addAll(embedded.parseEmbedded(f, parsed.signatures()));
                    unit = unit.withProcedures(procedures);
                }
                units.add(unit.withProcedures(unit.procedures().stream().filter(p -> options.filter().test(p.name())).toList()));
                nativeSources.add(new CompilerDriver.Source(f, parsed.form() == SourceForm.FREE));
            } else if (isHeader(f) || isC(f)) {
                if (isC(f)) {
                    nativeSources.add(new CompilerDriver.Source(f, false));
                }
                parseC(f, preprocessor, diagnostics, signatures, options.filter()).ifPresent(unit -> units.add(withoutAlreadyBound(unit, boundSymbols)));
            } else {
                nativeSources.add(new CompilerDriver.Source(f, false));
            }
        }
        return new Parsed(new Library(name, units), embedded.cSource());
    }

    /**
     * f2py's rule: with signature files, they are the interface. Gatun binds what they declare and only
     * compiles the other sources (Fortran in its detected form, C), so a source it cannot parse is no obstacle.
     */
    private static Parsed fromSignatureFiles(String name, List<Path> files, Diagnostics diagnostics,
                                             List<CompilerDriver.Source> nativeSources, Options options, Map<String, Long> kinds) {
        var pyf = new PyfFrontend(diagnostics, name, kinds);
        var units = new ArrayList<Unit>();
        // gfortran needs a module's .mod before its users: compile Fortran in module order, as without a .pyf.
        List<Path> ordered = new ArrayList<>(files);
        var fortranInOrder = ModuleOrder.sort(ordered.stream().filter(BindingGenerator::isFortran).toList()).iterator();
        ordered.replaceAll(f -> isFortran(f) ? fortranInOrder.next() : f);
        for (Path f : ordered) {
            if (isPyf(f)) {
                Unit unit = pyf.parse(f);
                units.add(new Unit(unit.source(), unit.language(),
                        unit.procedures().stream().filter(p -> options.filter().test(p.name())).toList()));
            } else if (isFortran(f)) {
                nativeSources.add(new CompilerDriver.Source(f, fortranForm(f, diagnostics) == SourceForm.FREE));
            } else if (!isHeader(f) && !isSignatureFile(f) && !isKindMap(f)) {
                nativeSources.add(new CompilerDriver.Source(f, false));
            }
        }
        return new Parsed(new Library(name, units), pyf.cSource());
    }

    private static SourceForm fortranForm(Path f, Diagnostics diagnostics) {
        try {
            return SourceForm.detect(f, java.nio.file.Files.readAllLines(f, java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (java.io.IOException e) {
            diagnostics.error(new SourcePosition(f, 0, 0), "cannot read the source file: " + e);
            return SourceForm.FREE;
        }
    }

    /** The kind names of the {@code --f2cmap} files, then of any {@code .f2py_f2cmap} among the sources. */
    private static Map<String, Long> kindNames(List<Path> files, List<Path> maps, Diagnostics diagnostics) {
        var names = new java.util.LinkedHashMap<String, Long>();
        var all = new ArrayList<>(maps);
        files.stream().filter(BindingGenerator::isKindMap).forEach(all::add);
        for (Path m : all) {
            F2cmap.read(m, diagnostics).kindNames(diagnostics).forEach(names::putIfAbsent);
        }
        return names;
    }

    private static Optional<Unit> parseC(Path file, CPreprocessor preprocessor, Diagnostics diagnostics,
                                         SignatureFile signatures, SymbolFilter filter) {
        try {
            CTranslationUnit parsed = CParser.parse(preprocessor.preprocess(List.of(file)), diagnostics);
            CLowering lowering = new CLowering(parsed, Language.C, diagnostics).withSignatures(signatures).withNames(filter);
            return Optional.of(isHeader(file) ? lowering.lower(file) : lowering.lowerSource(file));
        } catch (CPreprocessorException e) {
            diagnostics.error(new SourcePosition(file, 0, 0), e.getMessage());
            return Optional.empty();
        }
    }

    private static Unit withoutAlreadyBound(Unit unit, Set<String> boundSymbols) {
        List<Procedure> fresh = unit.procedures().stream().filter(p -> boundSymbols.add(p.symbol())).toList();
        return unit.withProcedures(fresh);
    }

    /**
     * Generates the bindings, or returns empty when errors were reported.
     *
     * @param name        the library name
     * @param files       the sources
     * @param packageName the Java package, empty for none
     * @param diagnostics where problems go
     * @return the artefacts, or empty on errors
     */
    public static Optional<Result> generate(String name, List<Path> files, String packageName, Diagnostics diagnostics) {
        return generate(name, files, packageName, diagnostics, CPreprocessor.fromEnvironment());
    }

    /**
     * Generates the bindings with a configured C preprocessor, or returns empty when errors were reported.
     *
     * @param name         the library name
     * @param files        the sources
     * @param packageName  the Java package, empty for none
     * @param diagnostics  where problems go
     * @param preprocessor the C preprocessor, with the user's {@code -I}/{@code -D}
     * @return the artefacts, or empty on errors
     */
    public static Optional<Result> generate(String name, List<Path> files, String packageName, Diagnostics diagnostics,
                                            CPreprocessor preprocessor) {
        return generate(name, files, packageName, diagnostics, preprocessor, Options.DEFAULTS);
    }

    /**
     * Generates bindings for the procedures {@code bind} accepts; the others are still compiled into
     * the library but get no Java method and no shim (the Maven plugin's include/exclude lists).
     *
     * @param name         the library name
     * @param files        the sources
     * @param packageName  the Java package, empty for none
     * @param diagnostics  where problems go
     * @param preprocessor the C preprocessor, with the user's {@code -I}/{@code -D}
     * @param bind         which parsed procedures to bind
     * @return the artefacts, or empty on errors
     */
    public static Optional<Result> generate(String name, List<Path> files, String packageName, Diagnostics diagnostics,
                                            CPreprocessor preprocessor, Predicate<Procedure> bind) {
        return generate(name, files, packageName, diagnostics, preprocessor, Options.DEFAULTS, bind);
    }

    /**
     * Generates the bindings with a configured C preprocessor and options, or returns empty when errors were
     * reported.
     *
     * @param name         the library name
     * @param files        the sources, and any {@code .gatun} signature files
     * @param packageName  the Java package, empty for none
     * @param diagnostics  where problems go
     * @param preprocessor the C preprocessor, with the user's {@code -I}/{@code -D}
     * @param options      the include/exclude filter and the system library to bind
     * @return the artefacts, or empty on errors
     */
    public static Optional<Result> generate(String name, List<Path> files, String packageName, Diagnostics diagnostics,
                                            CPreprocessor preprocessor, Options options) {
        return generate(name, files, packageName, diagnostics, preprocessor, options, procedure -> true);
    }

    /**
     * Generates bindings with options (filter, kind maps) for the procedures {@code bind} accepts, or returns
     * empty when errors were reported: the Maven plugin's entry point.
     *
     * @param name         the library name
     * @param files        the sources, {@code .gatun} and {@code .pyf} signature files, {@code .f2py_f2cmap} kind maps
     * @param packageName  the Java package, empty for none
     * @param diagnostics  where problems go
     * @param preprocessor the C preprocessor, with the user's {@code -I}/{@code -D}
     * @param options      the include/exclude filter, system libraries and kind maps
     * @param bind         which parsed procedures to bind
     * @return the artefacts, or empty on errors
     */
    public static Optional<Result> generate(String name, List<Path> files, String packageName, Diagnostics diagnostics,
                                            CPreprocessor preprocessor, Options options, Predicate<Procedure> bind) {
        requirePackageName(packageName);
        var nativeSources = new ArrayList<CompilerDriver.Source>();
        Parsed all = parseAll(name, files, diagnostics, nativeSources, preprocessor, options);
        Library parsed = all.library();
        Library library = new Library(name, parsed.units().stream()
                .map(u -> u.withProcedures(u.procedures().stream().filter(bind).toList()))
                .toList());
        Annotations notes = Passes.run(library, diagnostics);
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }
        boolean shims = library.procedures().stream().anyMatch(p -> p.interop() == Procedure.Interop.NEEDS_SHIM);
        // Nothing compiled: the bindings load the prebuilt system library itself.
        List<String> load = nativeSources.isEmpty() && !shims && all.cSource().isEmpty() ? options.systemLibraries() : List.of();
        var java = new JavaEmitter(notes).emitClasses(library, packageName, load);
        return Optional.of(new Result(library, JavaEmitter.className(library), java, new FortranShimEmitter(notes).emit(library), nativeSources,
                all.cSource()));
    }

    /**
     * Refuses a package the generated class could not be declared in ({@code 1bad.pkg}, {@code a.class.b}).
     *
     * @param packageName the Java package, empty for none
     * @throws IllegalArgumentException naming the option and what was expected
     */
    public static void requirePackageName(String packageName) {
        if (!packageName.isEmpty() && !javax.lang.model.SourceVersion.isName(packageName)) {
            throw new IllegalArgumentException("--package '" + packageName + "': expected a Java package name (identifiers separated by"
                    + " '.', none a keyword or starting with a digit), e.g. com.example.kernels");
        }
    }

    /** True for C headers, which are bound but not compiled. */
    static boolean isHeader(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h");
    }

    /** True for {@code .gatun} signature files: directives for headers that cannot be edited. */
    static boolean isSignatureFile(Path f) {
        return f.getFileName().toString().endsWith(".gatun");
    }

    /** True for f2py signature files, which replace parsing the Fortran sources. */
    static boolean isPyf(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pyf");
    }

    /** True for f2py kind maps given among the sources, named {@code .f2py_f2cmap} as f2py expects them. */
    static boolean isKindMap(Path f) {
        return f.getFileName().toString().equals(".f2py_f2cmap");
    }

    /** True for C sources. */
    static boolean isC(Path f) {
        return f.getFileName().toString().endsWith(".c");
    }

    /** True for Fortran file extensions. */
    static boolean isFortran(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.matches(".*\\.(f|for|f77|ftn|f90|f95|f03|f08|f18)$");
    }
}
