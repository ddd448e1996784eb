package dev.gatun.bindings.driver;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.emit.FortranShimEmitter;
import dev.gatun.bindings.emit.JavaEmitter;
import dev.gatun.bindings.fortran.FortranFrontend;
import dev.gatun.bindings.fortran.FortranSource;
import dev.gatun.bindings.fortran.SourceForm;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Unit;
import dev.gatun.bindings.pass.Passes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
     * @param javaSource  the binding class source
     * @param shimSource  the Fortran shim module, if any procedure needs one
     * @param sources     the native sources to compile (Fortran with their form), shim excluded
     */
    public record Result(Library library, String className, String javaSource, Optional<String> shimSource,
                         List<CompilerDriver.Source> sources) {
    }

    private BindingGenerator() {
    }

    /**
     * Parses the Fortran sources of a library; C and CUDA sources are compiled but not bound here.
     *
     * @param name        the library name
     * @param files       the sources, Fortran modules before their users
     * @param diagnostics where problems go
     * @return the library model and the native sources
     */
    public static Library parse(String name, List<Path> files, Diagnostics diagnostics, List<CompilerDriver.Source> nativeSources) {
        var frontend = new FortranFrontend(diagnostics);
        var units = new ArrayList<Unit>();
        for (Path f : files) {
            if (isFortran(f)) {
                FortranSource parsed = frontend.parse(f);
                units.add(parsed.unit());
                nativeSources.add(new CompilerDriver.Source(f, parsed.form() == SourceForm.FREE));
            } else {
                nativeSources.add(new CompilerDriver.Source(f, false));
            }
        }
        return new Library(name, units);
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
        return generate(name, files, packageName, diagnostics, procedure -> true);
    }

    /**
     * Generates bindings for the procedures {@code bind} accepts; the others are still compiled into
     * the library but get no Java method and no shim (the Maven plugin's include/exclude lists).
     *
     * @param name        the library name
     * @param files       the sources
     * @param packageName the Java package, empty for none
     * @param diagnostics where problems go
     * @param bind        which parsed procedures to bind
     * @return the artefacts, or empty on errors
     */
    public static Optional<Result> generate(String name, List<Path> files, String packageName, Diagnostics diagnostics,
                                            Predicate<Procedure> bind) {
        var nativeSources = new ArrayList<CompilerDriver.Source>();
        Library parsed = parse(name, files, diagnostics, nativeSources);
        Library library = new Library(name, parsed.units().stream()
                .map(u -> new Unit(u.source(), u.language(), u.procedures().stream().filter(bind).toList()))
                .toList());
        Annotations notes = Passes.run(library, diagnostics);
        if (diagnostics.hasErrors()) {
            return Optional.empty();
        }
        String java = new JavaEmitter(notes).emit(library, packageName);
        return Optional.of(new Result(library, JavaEmitter.className(library), java, new FortranShimEmitter(notes).emit(library), nativeSources));
    }

    /** True for Fortran file extensions. */
    static boolean isFortran(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.matches(".*\\.(f|for|f77|ftn|f90|f95|f03|f08|f18)$");
    }
}
