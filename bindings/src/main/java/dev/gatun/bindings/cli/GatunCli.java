// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.cli;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.c.CPreprocessor;
import dev.gatun.bindings.driver.BindingGenerator;
import dev.gatun.bindings.driver.CompilerDriver;
import dev.gatun.bindings.driver.JarWriter;
import dev.gatun.bindings.driver.SymbolFilter;
import dev.gatun.bindings.driver.SystemLibrary;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code gatun} command line: {@code build}, {@code wrap}, {@code show} and {@code info}.
 *
 * <p>Exit codes: 0 success, 1 errors in the sources (diagnostics printed), 2 usage errors,
 * 3 a compiler failed (its message printed), 4 I/O failure.
 */
@Command(name = "gatun", mixinStandardHelpOptions = true, versionProvider = GatunCli.Version.class,
        description = "Call Fortran and C kernels from Java: compile them and generate FFM bindings.",
        subcommands = {GatunCli.Build.class, GatunCli.Wrap.class, GatunCli.Show.class, GatunCli.Info.class, ProfileCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:errors in the sources", "2:usage error", "3:a compiler failed", "4:I/O error"})
public final class GatunCli implements Callable<Integer> {

    static final int SOURCE_ERRORS = 1;
    static final int USAGE = 2;
    static final int COMPILER_FAILED = 3;
    static final int IO_FAILED = 4;

    /** Creates the top-level command. */
    public GatunCli() {
    }

    /**
     * Runs the CLI.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the CLI and returns the exit code (for tests and embedding).
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return new CommandLine(new GatunCli()).execute(args);
    }

    /** No command: the usage on stderr and the usage exit code, so scripts notice a missing command. */
    @Override
    public Integer call() {
        System.err.println("gatun: no command given");
        CommandLine.usage(this, System.err);
        return USAGE;
    }

    /** The version of the artifacts this CLI was built with, e.g. {@code 0.1.0-SNAPSHOT}, from a filtered resource. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            var properties = new java.util.Properties();
            try (var in = GatunCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"gatun " + properties.getProperty("version", "(unknown version: built without its resources)"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }

    /**
     * The package as given, or why it is not a Java package name: never changed silently ({@code my-pkg}
     * does not become {@code my_pkg}), since the user imports it by the name they wrote.
     */
    static Optional<String> packageProblem(String pkg) {
        if (pkg.isEmpty() || javax.lang.model.SourceVersion.isName(pkg)) {
            return Optional.empty();
        }
        String hint = pkg.contains("-") ? "; '-' is not allowed in Java names, e.g. --package " + pkg.replace('-', '_') : "";
        return Optional.of("--package '" + pkg + "' is not a Java package name (dot-separated identifiers, not keywords,"
                + " e.g. com.example.kernels)" + hint);
    }

    /** Checks {@code --package}; says where the class goes when there is none. Returns false (after printing why) to stop. */
    private static boolean checkPackage(String pkg, String name) {
        Optional<String> problem = packageProblem(pkg);
        if (problem.isPresent()) {
            System.err.println("gatun: " + problem.get());
            return false;
        }
        if (pkg.isEmpty()) {
            System.err.println("gatun: no --package: the generated class goes in the unnamed package, which classes in named"
                    + " packages cannot import; pass e.g. --package com.example." + name.toLowerCase(java.util.Locale.ROOT));
        }
        return true;
    }

    private static Optional<BindingGenerator.Result> generate(String name, List<Path> sources, String pkg, List<Path> includes,
                                                              BindingOptions options) {
        var d = new Diagnostics();
        var result = BindingGenerator.generate(name, sources, pkg, d, options.macros.apply(preprocessor(includes)), options.resolve());
        d.all().forEach(System.err::println);
        return result;
    }

    /** The C preprocessor ({@code $CC} or {@code cc}) with the user's {@code -I} directories. */
    private static CPreprocessor preprocessor(List<Path> includes) {
        CPreprocessor preprocessor = CPreprocessor.fromEnvironment();
        for (Path include : includes) {
            preprocessor = preprocessor.withIncludeDirectory(include);
        }
        return preprocessor;
    }

    /** {@code -D NAME[=VALUE]} and {@code -U NAME} for the C preprocessor, as gcc takes them. */
    static final class MacroOptions {
        @Option(names = "-D", paramLabel = "NAME[=VALUE]", description = "define a macro for the C preprocessor, as gcc -D does")
        List<String> defines = new ArrayList<>();
        @Option(names = "-U", paramLabel = "NAME", description = "undefine a macro for the C preprocessor, as gcc -U does")
        List<String> undefines = new ArrayList<>();

        /** Returns the preprocessor with these macros; a name that is no C identifier is a usage error naming the option. */
        CPreprocessor apply(CPreprocessor preprocessor) {
            CPreprocessor p = preprocessor;
            try {
                for (String d : defines) {
                    int eq = d.indexOf('=');
                    p = eq < 0 ? p.withDefine(d, null) : p.withDefine(d.substring(0, eq), d.substring(eq + 1));
                }
                for (String u : undefines) {
                    p = p.withUndefine(u);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-D/-U: " + e.getMessage());
            }
            return p;
        }
    }

    /** The options {@code build} and {@code wrap} share: which functions to bind, and a prebuilt library to bind. */
    static final class BindingOptions {
        @CommandLine.Mixin MacroOptions macros = new MacroOptions();
        @Option(names = "--include", split = ",", paramLabel = "GLOB",
                description = "bind only functions matching these globs, e.g. 'cblas_d*' (repeatable, comma-separated)")
        List<String> include = new ArrayList<>();
        @Option(names = "--exclude", split = ",", paramLabel = "GLOB", description = "never bind functions matching these globs")
        List<String> exclude = new ArrayList<>();
        @Option(names = "--link-system", paramLabel = "LIB",
                description = "bind this prebuilt system library (openblas, or a soname such as libcuda.so.1): with headers only,"
                        + " the jar ships no native code and loads the library by its soname; with sources, they link against it")
        List<String> linkSystem = new ArrayList<>();
        @Option(names = "-L", description = "library directory") List<Path> libDirs = new ArrayList<>();
        @Option(names = "--f2cmap", paramLabel = "FILE",
                description = "f2py kind map, e.g. {'real': {'rk': 'double'}} (default: .f2py_f2cmap in the current directory, as f2py)")
        List<Path> f2cmap = new ArrayList<>();

        BindingGenerator.Options resolve() {
            String cc = System.getenv().getOrDefault("CC", "cc");
            List<String> sonames = linkSystem.stream().map(l -> SystemLibrary.soname(l, libDirs, cc)).toList();
            return new BindingGenerator.Options(new SymbolFilter(include, exclude), sonames).withKindMaps(F2pyInputs.kindMaps(f2cmap));
        }

        /** The {@code -l} form: {@code -lopenblas}, or {@code -l:libcuda.so.1} for a soname. */
        List<String> linkerNames() {
            return linkSystem.stream().map(l -> l.contains(".so") ? ":" + l : l).toList();
        }
    }

    /** {@code gatun build}: compile, generate, package one jar. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Compile the sources and Fortran shims into lib<NAME>.so, generate and compile the Java bindings, and write one jar.")
    static final class Build implements Callable<Integer> {
        @Option(names = {"-m", "--module"}, description = "library and class name, e.g. fib -> class Fib, libfib.so"
                + " (default with a .pyf: its python module's name)")
        String name;
        @Option(names = "--package", defaultValue = "", description = "Java package of the generated class")
        String pkg;
        @Option(names = "--openmp", description = "compile and link with OpenMP")
        boolean openmp;
        @Option(names = "--fast-math", description = "add -ffast-math")
        boolean fastMath;
        @Option(names = "--march", defaultValue = "", paramLabel = "TARGET",
                description = "compile for this CPU, e.g. native or x86-64-v3 (default: the compiler's portable baseline, so the library runs on other machines)")
        String march;
        @Option(names = "--multiarch", description = "compile each Fortran source for x86-64-v4, x86-64-v3 and the baseline and pick the"
                + " best at load time through ifuncs: fast SIMD and portable (needs cc, nm and objcopy; not with --march)")
        boolean multiarch;
        @Option(names = "--keep-work", description = "keep the work directory (objects, shims, generated Java) and print where it is")
        boolean keepWork;
        @Option(names = "-I", description = "include directory") List<Path> includes = new ArrayList<>();
        @CommandLine.Mixin BindingOptions binding = new BindingOptions();
        @Option(names = "-l", description = "library to link") List<String> libs = new ArrayList<>();
        @Option(names = {"-o", "--output"}, description = "the jar to write (default NAME.jar)") Path output;
        @Parameters(arity = "1..*", description = "Fortran, C or CUDA sources, C headers, .gatun signature files, f2py .pyf"
                + " signature files (then the sources are only compiled) and .f2py_f2cmap kind maps")
        List<Path> sources;

        @Override
        public Integer call() {
            if (!checkPackage(pkg, name)) {
                return USAGE;
            }
            boolean headersOnly = sources.stream().allMatch(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".h") || n.endsWith(".gatun");
            });
            if (headersOnly && !libs.isEmpty() && binding.linkSystem.isEmpty()) {
                // gatun build -l gsl gsl.h: the habit of gcc users means "bind the installed libgsl".
                if (libs.size() > 1) {
                    System.err.println("gatun: -l " + String.join(" -l ", libs) + " with headers only: a binding class loads one prebuilt"
                            + " library (its own dependencies load with it); name the one these headers declare with --link-system LIB,"
                            + " and run one gatun build per library");
                    return USAGE;
                }
                binding.linkSystem.add(libs.getFirst());
            }
            Optional<BindingGenerator.Result> result;
            try {
                name = F2pyInputs.moduleName(name, sources);
                result = generate(name, sources, pkg, includes, binding);
            } catch (IllegalArgumentException e) {
                System.err.println("gatun: " + e.getMessage());
                return USAGE;
            }
            if (result.isEmpty()) {
                return SOURCE_ERRORS;
            }
            Path work = null;
            try {
                work = Files.createTempDirectory("gatun-build-");
                Path jar = output != null ? output : Path.of(name + ".jar");
                if (result.get().sources().isEmpty() && result.get().shimSource().isEmpty() && !binding.linkSystem.isEmpty()) {
                    // Headers of a prebuilt library: nothing to compile, the classes load it by soname.
                    JarWriter.writeBindingsOnly(jar, pkg, result.get().javaSources(), work.resolve("classes"),
                            System.err);
                    System.out.println("wrote " + jar);
                    return 0;
                }
                var linked = new ArrayList<>(libs);
                linked.addAll(binding.linkerNames());
                var nativeSources = new ArrayList<>(result.get().sources());
                if (result.get().shimSource().isPresent()) {
                    Path shim = work.resolve("gatun_" + name + "_shims.f90");
                    Files.writeString(shim, result.get().shimSource().get(), StandardCharsets.UTF_8);
                    nativeSources.add(new CompilerDriver.Source(shim, true));
                }
                if (result.get().cSource().isPresent()) {
                    Path c = work.resolve(dev.gatun.bindings.pyf.PyfFrontend.cFileName(name));
                    Files.writeString(c, result.get().cSource().get(), StandardCharsets.UTF_8);
                    nativeSources.add(new CompilerDriver.Source(c, false));
                }
                Path lib = work.resolve("lib" + name + ".so");
                new CompilerDriver(System.out, System.getenv()).build(new CompilerDriver.Request(nativeSources, lib, includes,
                        binding.libDirs, linked, openmp, fastMath, march).withMultiarch(multiarch), work.resolve("obj"));
                JarWriter.write(jar, pkg, result.get().javaSources(), lib, work.resolve("classes"), System.err);
                System.out.println("wrote " + jar);
                return 0;
            } catch (CompilerDriver.CompilationException e) {
                System.err.println(e.getMessage());
                return COMPILER_FAILED;
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("gatun: " + e.getMessage());
                return IO_FAILED;
            } finally {
                if (work != null && keepWork) {
                    System.err.println("gatun: kept the work directory " + work);
                } else if (work != null) {
                    deleteTree(work);
                }
            }
        }
    }

    /** Deletes a directory tree, best effort: a leftover temporary file must not fail a build that succeeded. */
    static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("gatun: could not remove " + root + ": " + e.getMessage());
        }
    }

    /** {@code gatun wrap}: Java sources only. */
    @Command(name = "wrap", mixinStandardHelpOptions = true, description = "Write the Java bindings (and the Fortran shim source) to a directory; compile nothing.")
    static final class Wrap implements Callable<Integer> {
        @Option(names = {"-m", "--module"}, description = "library and class name (default with a .pyf: its python module's name)")
        String name;
        @Option(names = "--package", defaultValue = "", description = "Java package") String pkg;
        @Option(names = {"-d", "--directory"}, defaultValue = "gatun-generated", description = "output directory") Path dir;
        @Option(names = "-I", description = "include directory for C headers") List<Path> includes = new ArrayList<>();
        @CommandLine.Mixin BindingOptions binding = new BindingOptions();
        @Parameters(arity = "1..*", description = "sources, headers and .gatun signature files") List<Path> sources;

        @Override
        public Integer call() {
            if (!checkPackage(pkg, name)) {
                return USAGE;
            }
            Optional<BindingGenerator.Result> result;
            try {
                name = F2pyInputs.moduleName(name, sources);
                result = generate(name, sources, pkg, includes, binding);
            } catch (IllegalArgumentException e) {
                System.err.println("gatun: " + e.getMessage());
                return USAGE;
            }
            if (result.isEmpty()) {
                return SOURCE_ERRORS;
            }
            try {
                Path javaDir = dir.resolve(pkg.replace('.', '/'));
                Files.createDirectories(javaDir);
                for (var source : result.get().javaSources().entrySet()) {
                    writeIfChanged(javaDir.resolve(source.getKey() + ".java"), source.getValue());
                }
                // The part classes of an earlier, larger split would not compile beside these.
                var stale = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(result.get().className()) + "_+[0-9]+\\.java");
                try (var listed = Files.list(javaDir)) {
                    for (Path old : listed.toList()) {
                        String file = old.getFileName().toString();
                        if (stale.matcher(file).matches() && !result.get().javaSources().containsKey(file.substring(0, file.length() - 5))) {
                            Files.delete(old);
                        }
                    }
                }
                if (result.get().shimSource().isPresent()) {
                    writeIfChanged(dir.resolve("gatun_" + name + "_shims.f90"), result.get().shimSource().get());
                }
                if (result.get().cSource().isPresent()) {
                    writeIfChanged(dir.resolve(dev.gatun.bindings.pyf.PyfFrontend.cFileName(name)), result.get().cSource().get());
                }
                return 0;
            } catch (IOException e) {
                System.err.println("gatun: " + e.getMessage());
                return IO_FAILED;
            }
        }
    }

    /** Writes only when the bytes change, so build tools see no spurious modification. */
    static void writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return;
        }
        Files.write(file, bytes);
    }

    /** {@code gatun show}: the parsed signatures. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the signatures Gatun parsed, like f2py's .pyf file.")
    static final class Show implements Callable<Integer> {
        @Option(names = "-I", description = "include directory for C headers") List<Path> includes = new ArrayList<>();
        @Option(names = "--f2cmap", paramLabel = "FILE", description = "f2py kind map (default: .f2py_f2cmap in the current directory)")
        List<Path> f2cmap = new ArrayList<>();
        @CommandLine.Mixin MacroOptions macros = new MacroOptions();
        @Parameters(arity = "1..*", description = "Fortran sources, C sources and headers, .gatun signature files, f2py .pyf files")
        List<Path> sources;

        @Override
        public Integer call() {
            var d = new Diagnostics();
            // The same frontends and file rules as build and wrap: .h and .c through the C preprocessor and parser.
            CPreprocessor preprocessor;
            try {
                preprocessor = macros.apply(preprocessor(includes));
            } catch (IllegalArgumentException e) {
                System.err.println("gatun: " + e.getMessage());
                return USAGE;
            }
            var library = BindingGenerator.parse("show", sources, d, new ArrayList<>(), preprocessor,
                    BindingGenerator.Options.DEFAULTS.withKindMaps(F2pyInputs.kindMaps(f2cmap)));
            PrintStream out = System.out;
            for (Procedure p : library.procedures()) {
                out.println(render(p));
            }
            d.all().forEach(System.err::println);
            return d.hasErrors() ? SOURCE_ERRORS : 0;
        }
    }

    static String render(Procedure p) {
        var sb = new StringBuilder();
        String kind = p.kind() == Procedure.Kind.FUNCTION ? "function" : "subroutine";
        sb.append(p.kind() == Procedure.Kind.FUNCTION ? p.result().describe() + " " : "").append(kind).append(' ').append(p.name())
                .append('(').append(String.join(", ", p.parameters().stream().map(Parameter::name).toList())).append(')');
        p.module().ifPresent(m -> sb.append(" ! in module ").append(m));
        sb.append(p.interop() == Procedure.Interop.DIRECT ? " bind(c, name='" + p.symbol() + "')" : "").append('\n');
        for (Parameter q : p.parameters()) {
            sb.append("    ").append(q.type().describe()).append(", intent(").append(q.intent().name().toLowerCase(java.util.Locale.ROOT)).append(')');
            if (q.passing() == Parameter.Passing.VALUE) {
                sb.append(", value");
            }
            if (q.optional()) {
                sb.append(", optional");
            }
            if (!q.depends().isEmpty()) {
                sb.append(", depend(").append(String.join(",", q.depends())).append(')');
            }
            q.checks().forEach(c -> sb.append(", check(").append(c.render()).append(')'));
            sb.append(" :: ").append(q.name());
            if (q.isArray()) {
                sb.append('(').append(String.join(", ", q.dimensions().stream().map(dim -> dim.render()).toList())).append(')');
            }
            q.defaultValue().ifPresent(v -> sb.append(" = ").append(v.render()));
            sb.append('\n');
        }
        return sb.append("end ").append(kind).append(' ').append(p.name()).toString();
    }

    /** {@code gatun info}: delegates to the runtime's report. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Print what the Gatun runtime sees: Java, native access, CPU and vector units, OpenMP, BLAS, CUDA, MPI,"
                    + " the library cache.")
    static final class Info implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            try {
                Class<?> info = Class.forName("dev.gatun.info.GatunInfo");
                info.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
                return 0;
            } catch (ClassNotFoundException e) {
                System.err.println("gatun info: dev.gatun.info.GatunInfo is not on the class path; use a gatun-api build that has it");
                return IO_FAILED;
            }
        }
    }
}
