// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import dev.gatun.bindings.driver.CompilerDriver;
import dev.gatun.bindings.fortran.SourceForm;
import dev.gatun.load.Platform;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code gatun:compile}: compiles the module's native sources and the shims from {@code gatun:generate}
 * into {@code lib<library>.so} with Gatun's compiler driver, and ships it with its SHA-256 in
 * {@code target/classes/META-INF/native/<os>-<arch>/}, so tests on the class path and users of the jar
 * load it the same way, through {@code dev.gatun.load.NativeLibrary}. Nothing is compiled or written
 * when the sources, headers, configuration and plugin are unchanged and the shipped library is intact.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public final class CompileMojo extends GatunMojo {

    /** The directory packaged into the jar. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    /**
     * Portable and fast Fortran: compile each Fortran source three times, for {@code -march=x86-64-v4}
     * (AVX-512), {@code -march=x86-64-v3} (AVX2, FMA) and the portable baseline, and export every
     * procedure as a GNU ifunc that picks the best of the three when the library is loaded, so SIMD
     * loops get wide vectors on a new CPU and the library still runs on any x86-64 (gfortran has no
     * {@code target_clones}; C kernels use that instead and need nothing). Each compile defines
     * {@code GATUN_X86_64_LEVEL} = 4, 3 or 1 for preprocessed ({@code .F90}) sources. Needs the C compiler
     * ({@code $CC}) for the resolvers and GNU binutils ({@code nm}, {@code objcopy}, or {@code $NM},
     * {@code $OBJCOPY}) to rename the symbols of each level. A source that defines module variables or
     * other global data is built for the baseline only, with a message: each level would get its own copy.
     * No effect when the Fortran compiler does not target x86-64. Property {@code gatun.multiarch}.
     */
    @Parameter(property = "gatun.multiarch", defaultValue = "false")
    private boolean multiarch;

    /** Creates the goal; Maven sets the parameters. */
    public CompileMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        requireJdk25(); // first: on an older JDK nothing below may run (it reaches Java 25 classes)
        rejectUnknownParameters();
        if (skip) {
            getLog().info("gatun: skipped (gatun.skip)");
            return;
        }
        NativeSources sources = scan();
        if (sources.isEmpty()) {
            getLog().info("gatun: no C, Fortran or CUDA sources in " + sourceDirectoryPaths() + "; no library to build");
            return;
        }
        String library = library();
        String fileName = "lib" + library + ".so";
        Map<String, String> env = environment();
        var resources = new NativeResources(classesDirectory.toPath(), Platform.current().id());
        if (!compilersPresent(sources, env, library, fileName, resources)) {
            return;
        }
        Path shim = shimFile(library);
        List<Path> includeDirs = new ArrayList<>(sourceDirectoryPaths().stream().filter(Files::isDirectory).toList());
        includeDirectories.stream().map(this::resolve).forEach(includeDirs::add);
        List<Path> libraryDirs = libraryDirectories.stream().map(this::resolve).toList();
        Path stampFile = libraryWorkDirectory(library).resolve("compile.sha256");
        String fingerprint;
        try {
            fingerprint = stampWithPlugin()
                    .add("library", library).add("platform", Platform.current().id())
                    .add("openmp", openmp).add("fastMath", fastMath)
                    .add("multiarch", multiarch).add("NM", env.get("NM")).add("OBJCOPY", env.get("OBJCOPY"))
                    .add("compilerFlags", compileFlags()).add("linkerFlags", linkerFlags)
                    .add("includeDirectories", includeDirs).add("libraryDirectories", libraryDirs).add("libraries", libraries)
                    .add("CC", env.get("CC")).add("FC", env.get("FC")).add("NVCC", env.get("NVCC")).add("NVCCFLAGS", env.get("NVCCFLAGS"))
                    .addFiles("input", sources.inputs())
                    .addFiles("shim", List.of(shim))
                    .addFiles("signatureC", List.of(signatureCFile(library)))
                    .addFiles("header", projectHeaders(includeDirectories.stream().map(this::resolve).toList()))
                    .finish();
            if (Optional.of(fingerprint).equals(BuildStamp.read(stampFile)) && resources.intact(fileName)) {
                getLog().info("gatun: " + fileName + " is up to date");
                return;
            }
        } catch (IOException e) {
            throw new MojoExecutionException("gatun: cannot read the inputs of " + fileName + ": " + e.getMessage(), e);
        }
        Path work = libraryWorkDirectory(library);
        Path built = work.resolve(fileName);
        var request = new CompilerDriver.Request(driverSources(sources.compiled(), shim, signatureCFile(library)), built, includeDirs, libraryDirs,
                libraries, openmp, fastMath, compileFlags(), linkerFlags).withMultiarch(multiarch);
        long start = System.nanoTime();
        int commands;
        try (PrintStream log = new MavenLogStream(getLog()::info); PrintStream debug = new MavenLogStream(getLog()::debug)) {
            var driver = new CompilerDriver(log, debug, env);
            driver.build(request, work.resolve("obj"));
            commands = driver.commandsRun();
            resources.ship(built);
            BuildStamp.write(stampFile, fingerprint);
        } catch (CompilerDriver.CompilationException e) {
            throw new MojoFailureException("gatun: building " + fileName + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("gatun: building " + fileName + " failed: " + e.getMessage(), e);
        }
        getLog().info("gatun: built " + fileName + " from " + sources.compiled().size() + " source(s) in "
                + String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9) + " (" + commands
                + " commands" + (getLog().isDebugEnabled() ? "" : "; mvn -X lists them") + "), shipped in "
                + project.getBasedir().toPath().relativize(resources.directory()));
    }

    /** Checks each needed compiler; on a missing one fails, or logs why and returns false under {@code SKIP}. */
    private boolean compilersPresent(NativeSources sources, Map<String, String> env, String library, String fileName, NativeResources resources)
            throws MojoExecutionException {
        var lookup = new CompilerLookup(env);
        var needed = new LinkedHashMap<String, String>();
        if (sources.hasFortran()) {
            needed.put("FC", lookup.command("FC", "gfortran"));
        }
        // Multiarch compiles its generated ifunc resolvers with the C compiler; a .pyf may contribute C code.
        if (sources.hasC() || (multiarch && sources.hasFortran()) || Files.isRegularFile(signatureCFile(library))) {
            needed.put("CC", lookup.command("CC", "cc"));
        }
        if (sources.hasCuda()) {
            needed.put("NVCC", lookup.command("NVCC", "nvcc"));
        }
        for (var e : needed.entrySet()) {
            if (lookup.locate(e.getValue()).isPresent()) {
                continue;
            }
            String what = e.getValue() + " (the " + e.getKey() + " compiler) is not on PATH";
            String fix = "install it, or point Gatun at one with $" + e.getKey() + " or <" + e.getKey().toLowerCase(java.util.Locale.ROOT)
                    + "> / -Dgatun." + e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (missingCompiler == MissingCompiler.SKIP) {
                getLog().warn("gatun: SKIPPING " + fileName + ": " + what + " (<missingCompiler>SKIP</missingCompiler>); the jar will"
                        + " ship no native library and its bindings will fail to load, saying why. To build it, " + fix);
                try {
                    resources.markSkipped(fileName, what + " (<missingCompiler>SKIP</missingCompiler>)");
                } catch (IOException ex) {
                    throw new MojoExecutionException("gatun: cannot write " + fileName + NativeResources.SKIPPED + ": " + ex.getMessage(), ex);
                }
                return false;
            }
            throw new MojoExecutionException("gatun: cannot build " + fileName + ": " + what + "; " + fix
                    + ", or set <missingCompiler>SKIP</missingCompiler> to build without it");
        }
        return true;
    }

    /** The driver's sources: Fortran with its detected form, then the shim (it uses the user's modules). */
    private static List<CompilerDriver.Source> driverSources(List<Path> compiled, Path shim, Path signatureC) throws MojoExecutionException {
        var out = new ArrayList<CompilerDriver.Source>();
        for (Path f : compiled) {
            boolean free = NativeSources.isFortran(f) && SourceForm.detect(f, lines(f)) == SourceForm.FREE;
            out.add(new CompilerDriver.Source(f, free));
        }
        if (Files.isRegularFile(shim)) {
            // The shim must follow the Fortran files (their .mod files) and may precede C; the driver's order is compile order.
            int lastFortran = 0;
            for (int i = 0; i < compiled.size(); i++) {
                if (NativeSources.isFortran(compiled.get(i))) {
                    lastFortran = i + 1;
                }
            }
            out.add(lastFortran, new CompilerDriver.Source(shim, true));
        }
        if (Files.isRegularFile(signatureC)) {
            // The usercode and callstatement wrappers of the .pyf files (gatun:generate wrote them).
            out.add(new CompilerDriver.Source(signatureC, false));
        }
        return out;
    }

    private static List<String> lines(Path file) throws MojoExecutionException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString().lines().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("gatun: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files of the configured include directories that lie inside the project: a changed header
     * there rebuilds the library. System directories outside the project are not hashed (too large,
     * and they change only with the compiler installation).
     */
    private List<Path> projectHeaders(List<Path> dirs) throws IOException {
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        var files = new ArrayList<Path>();
        for (Path d : dirs) {
            Path dir = d.toAbsolutePath().normalize();
            if (dir.startsWith(base) && Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
        }
        return files;
    }
}
