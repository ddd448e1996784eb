// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import dev.gatun.bindings.c.CPreprocessor;
import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code gatun:generate}: parses the module's native sources and writes the Java binding class into
 * {@link #outputDirectory} (added as a compile source root) and the Fortran {@code bind(C)} shims into
 * {@code target/gatun/<library>/}. Nothing is written when the sources, the configuration and the
 * plugin are unchanged since the last run.
 */
// Compile-scope resolution: the generated class compiles only against gatun-api, checked before anything is written.
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class GenerateMojo extends GatunMojo {

    /** Where the binding class goes. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/gatun", required = true)
    private File outputDirectory;

    /** Creates the goal; Maven sets the parameters. */
    public GenerateMojo() {
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
            getLog().info("gatun: no C, Fortran or CUDA sources in " + sourceDirectoryPaths() + "; nothing to bind");
            return;
        }
        String library = library();
        String pkg = javaPackage();
        requireRuntimeDependency();
        Path out = outputDirectory.toPath();
        project.addCompileSourceRoot(out.toString());
        Path stampFile = libraryWorkDirectory(library).resolve("generate.sha256");
        Path listFile = libraryWorkDirectory(library).resolve("generated-files.txt");
        String fingerprint = stampWithPlugin()
                .add("library", library).add("package", pkg)
                .add("includes", includes).add("excludes", excludes)
                .add("output", out.toAbsolutePath())
                .add("CC", environment().get("CC")).add("compilerFlags", compileFlags())
                .add("includeDirectories", includeDirectories)
                .addFiles("source", sources.compiled())
                .addFiles("header", sources.headers())
                .addFiles("signature", sources.signatureFiles())
                .addFiles("directives", sources.directiveFiles())
                .addFiles("kindMap", sources.kindMaps())
                .addFiles("f2cmap", kindMaps())
                .finish();
        try {
            if (Optional.of(fingerprint).equals(BuildStamp.read(stampFile)) && outputsExist(listFile)) {
                getLog().info("gatun: bindings of lib" + library + ".so are up to date");
                return;
            }
            var bound = new ArrayList<>(sources.headers());
            bound.addAll(sources.compiled());
            bound.addAll(sources.signatureFiles());
            bound.addAll(sources.directiveFiles());
            bound.addAll(sources.kindMaps());
            generate(library, pkg, bound, out, listFile);
            BuildStamp.write(stampFile, fingerprint);
        } catch (IOException e) {
            throw new MojoExecutionException("gatun: cannot write the bindings of lib" + library + ".so: " + e.getMessage(), e);
        }
    }

    private void generate(String library, String pkg, List<Path> files, Path out, Path listFile)
            throws IOException, MojoFailureException {
        var diagnostics = new Diagnostics();
        var result = BindingGenerator.generate(library, files, pkg, diagnostics, preprocessor().orElseThrow(),
                BindingGenerator.Options.DEFAULTS.withKindMaps(kindMaps()), new ProcedureFilter(includes, excludes));
        for (Diagnostic d : diagnostics.all()) {
            if (d.severity() == Diagnostic.Severity.ERROR) {
                getLog().error(d.toString());
            } else {
                getLog().warn(d.toString());
            }
        }
        if (result.isEmpty()) {
            throw new MojoFailureException("gatun: " + diagnostics.errors().size() + " error(s) in the native sources of lib"
                    + library + ".so (listed above as file:line:col); fix them or exclude the procedures with <excludes>");
        }
        Path javaDir = out.resolve(pkg.replace('.', '/'));
        Path javaFile = javaDir.resolve(result.get().className() + ".java");
        // The binding class, then its part classes where the library is too large for one class file.
        var javaFiles = new java.util.LinkedHashMap<Path, String>();
        result.get().javaSources().forEach((name, source) -> javaFiles.put(javaDir.resolve(name + ".java"), source));
        // A renamed library or package, or a smaller split, leaves previous classes behind; remove what this goal wrote before.
        for (String previous : Files.isRegularFile(listFile) ? Files.readAllLines(listFile) : List.<String>of()) {
            Path p = Path.of(previous);
            if (!javaFiles.containsKey(p)) {
                Files.deleteIfExists(p);
            }
        }
        Path shim = shimFile(library);
        boolean wroteJava = false;
        for (var file : javaFiles.entrySet()) {
            wroteJava |= writeIfChanged(file.getKey(), file.getValue());
        }
        if (result.get().shimSource().isPresent()) {
            writeIfChanged(shim, result.get().shimSource().get());
        } else {
            Files.deleteIfExists(shim);
        }
        Path signatureC = signatureCFile(library);
        if (result.get().cSource().isPresent()) {
            writeIfChanged(signatureC, result.get().cSource().get());
        } else {
            Files.deleteIfExists(signatureC);
        }
        Files.createDirectories(listFile.getParent());
        var listed = new StringBuilder();
        javaFiles.keySet().forEach(f -> listed.append(f).append('\n'));
        Files.writeString(listFile, listed.toString(), StandardCharsets.UTF_8);
        long bound = result.get().library().procedures().size();
        String parts = javaFiles.size() > 1 ? " and its " + (javaFiles.size() - 1) + " part classes" : "";
        getLog().info("gatun: " + (wroteJava ? "wrote " : "kept unchanged ") + out.relativize(javaFile) + parts + " (" + bound
                + " procedure(s) selected" + (result.get().shimSource().isPresent() ? ", Fortran shims in " + shim.getFileName() : "") + ")");
    }

    /** The C preprocessor as the compiler will see the sources: same compiler, include paths and -D/-U/-I flags. */
    // Optional, not CPreprocessor: Maven's injector loads every type in this class's method signatures, and a
    // Java 25 class there would fail on JDK 17 before requireJdk25 can say so. Always present.
    private Optional<CPreprocessor> preprocessor() {
        CPreprocessor p = CPreprocessor.fromEnvironment();
        String compiler = environment().get("CC");
        if (compiler != null && !compiler.isBlank()) {
            p = p.withCompiler(compiler);
        }
        for (Path dir : sourceDirectoryPaths()) {
            if (Files.isDirectory(dir)) {
                p = p.withIncludeDirectory(dir);
            }
        }
        for (File dir : includeDirectories) {
            p = p.withIncludeDirectory(resolve(dir));
        }
        for (String flag : compileFlags()) {
            if (flag.startsWith("-D") || flag.startsWith("-U") || flag.startsWith("-I")) {
                p = p.withOption(flag);
            }
        }
        return Optional.of(p);
    }

    private static boolean outputsExist(Path listFile) throws IOException {
        return Files.isRegularFile(listFile) && Files.readAllLines(listFile).stream().allMatch(f -> Files.isRegularFile(Path.of(f)));
    }

    /** Writes only when the bytes change, so the compiler plugin sees no spurious modification. */
    static boolean writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return true;
    }
}
