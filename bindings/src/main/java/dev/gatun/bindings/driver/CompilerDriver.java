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
     * @param compileFlags extra flags for every C and Fortran compile command, after Gatun's own (so they can
     *                     override them); {@code nvcc} does not get them
     * @param linkFlags    extra flags for the link command, before the {@code -l} libraries
     */
    public record Request(List<Source> sources, Path output, List<Path> includeDirs, List<Path> libraryDirs,
                          List<String> libraries, boolean openmp, boolean fastMath, String march,
                          List<String> compileFlags, List<String> linkFlags) {

        /** Validates the target name, which reaches a command line, and copies the lists. */
        public Request {
            if (!march.matches("[A-Za-z0-9_.+-]*")) {
                throw new IllegalArgumentException("march '" + march + "': expected a target such as native or x86-64-v3");
            }
            sources = List.copyOf(sources);
            includeDirs = List.copyOf(includeDirs);
            libraryDirs = List.copyOf(libraryDirs);
            libraries = List.copyOf(libraries);
            compileFlags = List.copyOf(compileFlags);
            linkFlags = List.copyOf(linkFlags);
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
    private final Map<String, String> environment;

    /**
     * Creates a driver.
     *
     * @param log         where the commands are printed
     * @param environment the environment to read {@code CC}/{@code FC}/{@code NVCC} from
     */
    public CompilerDriver(PrintStream log, Map<String, String> environment) {
        this.log = log;
        this.environment = environment;
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
        boolean fortran = false;
        boolean cuda = false;
        int i = 0;
        for (Source s : request.sources()) {
            String name = s.file().getFileName().toString().toLowerCase(Locale.ROOT);
            Path object = workDir.resolve((i++) + "_" + s.file().getFileName() + ".o");
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
            } else {
                fortran = true;
                cmd.add(environment.getOrDefault("FC", "gfortran"));
                cmd.addAll(optimisation(request));
                cmd.add(s.freeForm() ? "-ffree-form" : "-ffixed-form");
                if (s.freeForm()) {
                    cmd.add("-ffree-line-length-none");
                }
                // Module files (.mod) go to the work directory so shims can 'use' the user's modules.
                cmd.add("-J" + workDir);
            }
            request.includeDirs().forEach(d -> cmd.add("-I" + d));
            if (!name.endsWith(".cu")) {
                cmd.addAll(request.compileFlags());
            }
            cmd.addAll(List.of("-c", s.file().toString(), "-o", object.toString()));
            run(cmd);
            objects.add(object.toString());
        }
        var link = new ArrayList<String>();
        link.add(fortran ? environment.getOrDefault("FC", "gfortran") : environment.getOrDefault("CC", "cc"));
        link.addAll(List.of("-shared", "-o", request.output().toString()));
        link.addAll(objects);
        if (request.openmp()) {
            link.add("-fopenmp");
        }
        link.add("-Wl,-rpath,$ORIGIN");
        link.addAll(request.linkFlags());
        request.libraryDirs().forEach(d -> link.add("-L" + d));
        request.libraries().forEach(l -> link.add("-l" + l));
        if (cuda) {
            // nvcc compiles host code as C++: its objects need libstdc++ (__gxx_personality_v0, ...).
            link.add("-lcudart");
            link.add("-lstdc++");
        }
        link.add("-lm");
        run(link);
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

    private void run(List<String> command) throws CompilationException, IOException {
        log.println(String.join(" ", command));
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
        if (!output.isBlank()) {
            log.print(output);
        }
        if (status != 0) {
            throw new CompilationException(command.getFirst() + " failed (exit " + status + "):\n" + output.strip());
        }
    }
}
