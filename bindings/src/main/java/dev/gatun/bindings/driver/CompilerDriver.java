// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles C, Fortran and CUDA sources into one shared library, the way Gatun's CLI and Maven
 * plugin do it: {@code $CC}/{@code cc}, {@code $FC}/{@code gfortran}, {@code nvcc}; {@code -O3
 * -fPIC}; flags that let loops over {@code sin}/{@code exp} vectorise through libmvec
 * ({@code -fno-math-errno -fopenmp-simd}), {@code -ffast-math} only when asked; OpenMP per
 * compiler; linked with {@code -Wl,-rpath,$ORIGIN}. Every command is printed before it runs, and a
 * failure carries the compiler's own message.
 *
 * <p>No {@code -march=native} by default: a library built here runs on other machines (a GPU
 * host, a cluster node), so it targets the compiler's portable baseline (x86-64 on x86-64), and
 * kernels pick their SIMD paths at load time with {@code __attribute__((target_clones(...)))}.
 * {@link Request#march()} asks for a target ({@code native}, {@code x86-64-v3}, ...) when the
 * library stays on the machine that builds it.
 *
 * <p><b>Multiarch</b> ({@link Request#multiarch()}): portable and fast Fortran. gfortran has no
 * {@code target_clones}, so the driver builds the same thing from the outside: each Fortran source
 * is compiled three times, for {@code -march=x86-64-v4} (AVX-512), {@code -march=x86-64-v3} (AVX2,
 * FMA) and the baseline, each with {@code -DGATUN_X86_64_LEVEL=4}, {@code 3} or {@code 1} (gfortran's
 * preprocessor defines no {@code __AVX2__}-style macros). The functions each object defines are
 * renamed with {@code nm} and {@code objcopy} ({@code $NM}, {@code $OBJCOPY}) to
 * {@code name.gatun_v4}, {@code .gatun_v3}, {@code .gatun_v1}, which stay hidden, and a generated C
 * file compiled with {@code $CC} exports every original name as a GNU ifunc that picks, when the
 * library is loaded, the best level the CPU runs ({@code __builtin_cpu_supports}). A CPU without
 * AVX never reaches AVX code. Module files come from the baseline compile. A source that defines
 * global data (module variables, vtables of derived types, initialised common) is built for the
 * baseline only, with a message, because each level would get its own copy of that data. C sources
 * need nothing (they use {@code target_clones}); CUDA is unchanged; on a compiler that does not
 * target x86-64 the request builds the baseline.
 */
public final class CompilerDriver {

    /**
     * One source to compile.
     *
     * @param file      the source file
     * @param freeForm  for Fortran: true when free form (passed as {@code -ffree-form}), false for fixed
     */
    public record Source(Path file, boolean freeForm) {
    }

    /**
     * What to build.
     *
     * @param sources     the sources, in order
     * @param output      the shared library to write
     * @param includeDirs {@code -I} directories
     * @param libraryDirs {@code -L} directories
     * @param libraries   {@code -l} libraries
     * @param openmp      compile and link with OpenMP
     * @param fastMath    add {@code -ffast-math}
     * @param march        the {@code -march=} target, e.g. {@code native}; empty for the portable baseline
     * @param multiarch    compile each Fortran source for x86-64-v4, x86-64-v3 and the baseline and pick one
     *                     at load time (see the class comment); needs an empty {@code march}
     * @param compileFlags extra flags for every C and Fortran compile command, after Gatun's own (so they can
     *                     override them); {@code nvcc} does not get them
     * @param linkFlags    extra flags for the link command, before the {@code -l} libraries
     */
    public record Request(List<Source> sources, Path output, List<Path> includeDirs, List<Path> libraryDirs,
                          List<String> libraries, boolean openmp, boolean fastMath, String march, boolean multiarch,
                          List<String> compileFlags, List<String> linkFlags) {

        /** Validates the target name, which reaches a command line, and copies the lists. */
        public Request {
            if (!march.matches("[A-Za-z0-9_.+-]*")) {
                throw new IllegalArgumentException("march '" + march + "': expected a target such as native or x86-64-v3");
            }
            if (multiarch && !march.isEmpty()) {
                throw new IllegalArgumentException("march '" + march + "': multiarch compiles its own x86-64-v4, x86-64-v3 and"
                        + " baseline variants; leave march empty or turn multiarch off");
            }
            sources = List.copyOf(sources);
            includeDirs = List.copyOf(includeDirs);
            libraryDirs = List.copyOf(libraryDirs);
            libraries = List.copyOf(libraries);
            compileFlags = List.copyOf(compileFlags);
            linkFlags = List.copyOf(linkFlags);
        }

        /**
         * A request for one {@code -march} target (no multiarch) with extra compile and link flags.
         *
         * @param sources      the sources, in order
         * @param output       the shared library to write
         * @param includeDirs  {@code -I} directories
         * @param libraryDirs  {@code -L} directories
         * @param libraries    {@code -l} libraries
         * @param openmp       compile and link with OpenMP
         * @param fastMath     add {@code -ffast-math}
         * @param march        the {@code -march=} target; empty for the portable baseline
         * @param compileFlags extra compile flags
         * @param linkFlags    extra link flags
         */
        public Request(List<Source> sources, Path output, List<Path> includeDirs, List<Path> libraryDirs,
                       List<String> libraries, boolean openmp, boolean fastMath, String march, List<String> compileFlags,
                       List<String> linkFlags) {
            this(sources, output, includeDirs, libraryDirs, libraries, openmp, fastMath, march, false, compileFlags, linkFlags);
        }

        /**
         * This request with multiarch on or off.
         *
         * @param on whether to build the Fortran sources for every x86-64 level (see {@link CompilerDriver})
         * @return a copy of this request with {@link #multiarch()} set
         * @throws IllegalArgumentException when {@code on} and a {@link #march()} is set
         */
        public Request withMultiarch(boolean on) {
            return new Request(sources, output, includeDirs, libraryDirs, libraries, openmp, fastMath, march, on, compileFlags,
                    linkFlags);
        }

        /**
         * A request for the portable baseline target with extra compile and link flags.
         *
         * @param sources      the sources, in order
         * @param output       the shared library to write
         * @param includeDirs  {@code -I} directories
         * @param libraryDirs  {@code -L} directories
         * @param libraries    {@code -l} libraries
         * @param openmp       compile and link with OpenMP
         * @param fastMath     add {@code -ffast-math}
         * @param compileFlags extra compile flags
         * @param linkFlags    extra link flags
         */
        public Request(List<Source> sources, Path output, List<Path> includeDirs, List<Path> libraryDirs,
                       List<String> libraries, boolean openmp, boolean fastMath, List<String> compileFlags,
                       List<String> linkFlags) {
            this(sources, output, includeDirs, libraryDirs, libraries, openmp, fastMath, "", compileFlags, linkFlags);
        }

        /**
         * A request for a {@code -march} target with no extra flags.
         *
         * @param sources     the sources, in order
         * @param output      the shared library to write
         * @param includeDirs {@code -I} directories
         * @param libraryDirs {@code -L} directories
         * @param libraries   {@code -l} libraries
         * @param openmp      compile and link with OpenMP
         * @param fastMath    add {@code -ffast-math}
         * @param march       the {@code -march=} target; empty for the portable baseline
         */
        public Request(List<Source> sources, Path output, List<Path> includeDirs, List<Path> libraryDirs,
                       List<String> libraries, boolean openmp, boolean fastMath, String march) {
            this(sources, output, includeDirs, libraryDirs, libraries, openmp, fastMath, march, List.of(), List.of());
        }

        /**
         * A request for the portable baseline target with no extra compile or link flags.
         *
         * @param sources     the sources, in order
         * @param output      the shared library to write
         * @param includeDirs {@code -I} directories
         * @param libraryDirs {@code -L} directories
         * @param libraries   {@code -l} libraries
         * @param openmp      compile and link with OpenMP
         * @param fastMath    add {@code -ffast-math}
         */
        public Request(List<Source> sources, Path output, List<Path> includeDirs, List<Path> libraryDirs,
                       List<String> libraries, boolean openmp, boolean fastMath) {
            this(sources, output, includeDirs, libraryDirs, libraries, openmp, fastMath, "", List.of(), List.of());
        }
    }

    /** A compiler or linker failed; the message holds its command and output. */
    public static final class CompilationException extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * @param message the command and the compiler's output
         */
        public CompilationException(String message) {
            super(message);
        }
    }

    private final PrintStream log;
    private final PrintStream commands;
    private final Map<String, String> environment;
    private int commandsRun;

    /**
     * Creates a driver that prints the commands and the compilers' output to one stream.
     *
     * @param log         where the commands and the compilers' messages are printed
     * @param environment the environment to read {@code CC}/{@code FC}/{@code NVCC} from
     */
    public CompilerDriver(PrintStream log, Map<String, String> environment) {
        this(log, log, environment);
    }

    /**
     * Creates a driver that prints the commands apart from the compilers' messages, e.g. commands
     * at Maven's debug level and warnings at info.
     *
     * @param log         where the compilers' messages (warnings) of successful commands are printed
     * @param commands    where each command is printed before it runs
     * @param environment the environment to read {@code CC}/{@code FC}/{@code NVCC} from
     */
    public CompilerDriver(PrintStream log, PrintStream commands, Map<String, String> environment) {
        this.log = log;
        this.commands = commands;
        this.environment = environment;
    }

    /**
     * How many commands this driver has run, for a one-line summary.
     *
     * @return the count so far
     */
    public int commandsRun() {
        return commandsRun;
    }

    /**
     * Compiles and links the request.
     *
     * @param request what to build
     * @param workDir where object files go
     * @throws CompilationException when a compiler fails
     * @throws IOException          when a process cannot be started
     */
    public void build(Request request, Path workDir) throws CompilationException, IOException {
        Files.createDirectories(workDir);
        var objects = new ArrayList<String>();
        var dispatched = new ArrayList<String>();
        boolean fortran = false;
        boolean cuda = false;
        MultiarchFortran variants = request.multiarch() && fortranTargetsX86(request)
                ? new MultiarchFortran(this::run, log, environment) : null;
        int i = 0;
        for (Source s : request.sources()) {
            String name = s.file().getFileName().toString().toLowerCase(Locale.ROOT);
            String stem = (i++) + "_" + s.file().getFileName();
            Path object = workDir.resolve(stem + ".o");
            var cmd = new ArrayList<String>();
            if (name.endsWith(".cu")) {
                cuda = true;
                cmd.addAll(List.of(environment.getOrDefault("NVCC", "nvcc"), "-O3", "-Xcompiler", "-fPIC"));
                // Target architectures (-gencode ...) are the user's choice: $NVCCFLAGS, split at blanks.
                String nvccFlags = environment.getOrDefault("NVCCFLAGS", "").strip();
                if (!nvccFlags.isEmpty()) {
                    cmd.addAll(List.of(nvccFlags.split("\\s+")));
                }
                if (request.openmp()) {
                    cmd.addAll(List.of("-Xcompiler", "-fopenmp"));
                }
            } else if (name.endsWith(".c")) {
                cmd.add(environment.getOrDefault("CC", "cc"));
                cmd.addAll(optimisation(request));
                cmd.add("-std=c11");
            } else if (variants != null) {
                fortran = true;
                var compiled = variants.compile(s.file(),
                        (level, moduleDir, out) -> fortranCommand(request, s, level, workDir, moduleDir, out), workDir, stem);
                compiled.objects().forEach(o -> objects.add(o.toString()));
                dispatched.addAll(compiled.functions());
                continue;
            } else {
                fortran = true;
                cmd.addAll(fortranCommand(request, s, null, workDir, workDir, object));
                run(cmd, true);
                objects.add(object.toString());
                continue;
            }
            request.includeDirs().forEach(d -> cmd.add("-I" + d));
            if (!name.endsWith(".cu")) {
                cmd.addAll(request.compileFlags());
            }
            cmd.addAll(List.of("-c", s.file().toString(), "-o", object.toString()));
            run(cmd, true);
            if (name.endsWith(".cu")) {
                ReproducibleCudaObject.fix(object, stem); // nvcc embeds its temp files' pid-based names
            }
            objects.add(object.toString());
        }
        if (!dispatched.isEmpty()) {
            objects.add(dispatcher(dispatched, workDir).toString());
        }
        var link = new ArrayList<String>();
        link.add(fortran ? environment.getOrDefault("FC", "gfortran") : environment.getOrDefault("CC", "cc"));
        link.addAll(List.of("-shared", "-o", request.output().toString()));
        link.addAll(objects);
        if (request.openmp()) {
            link.add("-fopenmp");
        }
        link.add("-Wl,-rpath,$ORIGIN");
        // A symbol defined nowhere (a misspelt option left out -fopenmp, a missing -l) fails here, naming it,
        // instead of at load time. A library that relies on the loader for a symbol (one the host process
        // provides) passes -Wl,-z,undefs in <linkerFlags>, which comes after and wins.
        link.add("-Wl,--no-undefined");
        // Every symbol resolved at load (DF_BIND_NOW), as RTLD_NOW would: NativeLibrary then lets the JDK open the
        // library (no downcall handles of its own to make at start-up), and a symbol missing at run time fails the
        // load with the loader's message rather than ending the process at the first call. Full RELRO too.
        link.add("-Wl,-z,now");
        link.add("-Wl,-z,relro");
        link.addAll(request.linkFlags());
        request.libraryDirs().forEach(d -> link.add("-L" + d));
        request.libraries().forEach(l -> link.add("-l" + l));
        if (cuda) {
            // nvcc compiles host code as C++: its objects need libstdc++ (__gxx_personality_v0, ...).
            link.add("-lcudart");
            link.add("-lstdc++");
        }
        link.add("-lm");
        run(link, true);
    }

    /**
     * The Fortran compile command; {@code level} is null outside multiarch. Module files go to
     * {@code moduleDir} and are found in {@code workDir}, so shims and later sources can 'use' the user's modules.
     */
    private List<String> fortranCommand(Request request, Source s, X86Level level, Path workDir, Path moduleDir, Path object) {
        var cmd = new ArrayList<String>();
        cmd.add(environment.getOrDefault("FC", "gfortran"));
        cmd.addAll(optimisation(request));
        if (level != null) {
            level.march().ifPresent(m -> cmd.add("-march=" + m));
            cmd.add("-DGATUN_X86_64_LEVEL=" + level.number());
        }
        cmd.add(s.freeForm() ? "-ffree-form" : "-ffixed-form");
        if (s.freeForm()) {
            cmd.add("-ffree-line-length-none");
        }
        cmd.add("-J" + moduleDir);
        if (!moduleDir.equals(workDir)) {
            cmd.add("-I" + workDir);
        }
        request.includeDirs().forEach(d -> cmd.add("-I" + d));
        cmd.addAll(request.compileFlags());
        cmd.addAll(List.of("-c", s.file().toString(), "-o", object.toString()));
        return cmd;
    }

    /** Whether the Fortran compiler targets x86-64, the only architecture whose levels multiarch knows. */
    private boolean fortranTargetsX86(Request request) throws CompilationException, IOException {
        if (request.sources().stream().allMatch(s -> isCOrCuda(s.file()))) {
            return false;
        }
        String fc = environment.getOrDefault("FC", "gfortran");
        String machine = run(List.of(fc, "-dumpmachine"), false).strip();
        if (machine.startsWith("x86_64-") || machine.startsWith("amd64-")) {
            return true;
        }
        log.println("gatun: multiarch: " + fc + " targets " + machine + ", not x86-64; building the Fortran sources for its baseline only");
        return false;
    }

    private static boolean isCOrCuda(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".c") || name.endsWith(".cu");
    }

    /** Writes and compiles the ifunc resolvers that export the multiarch functions under their own names. */
    private Path dispatcher(List<String> functions, Path workDir) throws CompilationException, IOException {
        Path source = workDir.resolve("gatun_multiarch_dispatch.c");
        Files.writeString(source, IfuncDispatcher.source(functions), StandardCharsets.UTF_8);
        Path object = workDir.resolve("gatun_multiarch_dispatch.o");
        run(List.of(environment.getOrDefault("CC", "cc"), "-O2", "-fPIC", "-std=c11", "-c", source.toString(), "-o", object.toString()),
                true);
        return object;
    }

    private static List<String> optimisation(Request request) {
        var flags = new ArrayList<>(List.of("-O3", "-fPIC", "-fno-math-errno", "-fopenmp-simd"));
        if (!request.march().isEmpty()) {
            flags.add("-march=" + request.march());
        }
        // No FMA contraction unless -ffast-math: results then match the unfused reference (Python, -O2 C) bit for bit.
        if (!request.fastMath()) {
            flags.add("-ffp-contract=off");
        }
        if (request.fastMath()) {
            flags.add("-ffast-math");
        }
        if (request.openmp()) {
            flags.add("-fopenmp");
        }
        return flags;
    }

    /** Runs a command (printed first) and returns its output, printed too when {@code echo}. */
    private String run(List<String> command, boolean echo) throws CompilationException, IOException {
        commands.println(String.join(" ", command));
        commandsRun++;
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new CompilationException("interrupted while running: " + String.join(" ", command));
        }
        if (status != 0) {
            // The output goes into the exception only: printed once, by whoever reports the failure.
            throw new CompilationException(command.getFirst() + " failed (exit " + status + "):\n" + output.strip()
                    + undefinedHint(output));
        }
        if (echo && !output.isBlank()) {
            log.print(output);
        }
        return output;
    }

    /** What to do about the linker's "undefined reference", which --no-undefined turns into an error. */
    private static String undefinedHint(String output) {
        if (!output.contains("undefined reference to")) {
            return "";
        }
        return "\ngatun: the library uses a symbol no linked file defines: link the library that defines it (-l, <libraries>)"
                + (output.contains("omp_") ? ", or enable OpenMP (--openmp, <openmp>true</openmp>) for omp_* symbols" : "")
                + "; a symbol the loader must supply at run time needs -Wl,-z,undefs in the linker flags";
    }
}
