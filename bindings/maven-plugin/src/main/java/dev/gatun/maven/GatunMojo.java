// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The configuration both goals share: which sources make which library, and how to build and bind it.
 * Every parameter can also be set with the user property in its Javadoc, e.g. {@code -Dgatun.openmp}.
 */
public abstract class GatunMojo extends AbstractMojo {
    private static final String RUNTIME_GROUP = "dev.gatun";
    private static final String RUNTIME_ARTIFACT = "gatun-api";

    /** What to do when a source's compiler is not installed. */
    public enum MissingCompiler {
        /** Fail the build, naming the compiler and how to point Gatun at one (the default). */
        FAIL,
        /** Log a warning and build no library; the generated bindings are still written. */
        SKIP
    }

    /** The module being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** This plugin, for its version and its own jars (part of every fingerprint). */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    /**
     * The library name: {@code lib<name>.so} and the generated class ({@code kernels} gives
     * {@code Kernels}). Must be a C identifier. Default: the artifactId with other characters as
     * {@code _}. Property {@code gatun.libraryName}.
     */
    @Parameter(property = "gatun.libraryName")
    protected String libraryName;

    /**
     * The generated class's Java package. Default: the groupId (which must then be a valid package name:
     * a groupId with '-' needs this set). Property {@code gatun.packageName}.
     */
    @Parameter(property = "gatun.packageName", defaultValue = "${project.groupId}")
    protected String packageName;

    /**
     * Directories whose C ({@code .c}), Fortran ({@code .f}, {@code .f90}, ...) and CUDA ({@code .cu})
     * files make the library; other files there (headers) are inputs of the fingerprint. Default:
     * {@code src/main/c}, {@code src/main/fortran}, {@code src/main/cuda}; missing ones are skipped.
     */
    @Parameter
    protected List<File> sourceDirectories;

    /** Compile and link with OpenMP. Property {@code gatun.openmp}. */
    @Parameter(property = "gatun.openmp", defaultValue = "false")
    protected boolean openmp;

    /** Add {@code -ffast-math} (results may then differ from unfused references). Property {@code gatun.fastMath}. */
    @Parameter(property = "gatun.fastMath", defaultValue = "false")
    protected boolean fastMath;

    /** Extra flags for each C and Fortran compile, after Gatun's own, e.g. {@code -DNDEBUG}. */
    @Parameter
    protected List<String> compilerFlags = new ArrayList<>();

    /**
     * Macros defined for the C preprocessor that reads the headers and for every C and Fortran compile, as gcc's
     * {@code -D}: {@code NAME} or {@code NAME=VALUE} ({@code <define>H5private_H</define>}). User property
     * {@code gatun.defines}, comma-separated.
     */
    @Parameter(property = "gatun.defines")
    protected List<String> defines = new ArrayList<>();

    /** Macros undefined for the preprocessor and every compile, as gcc's {@code -U}. User property {@code gatun.undefines}. */
    @Parameter(property = "gatun.undefines")
    protected List<String> undefines = new ArrayList<>();

    /** Extra flags for the link, e.g. {@code -Wl,--as-needed}. */
    @Parameter
    protected List<String> linkerFlags = new ArrayList<>();

    /** {@code -I} directories; the source directories are always on the include path. */
    @Parameter
    protected List<File> includeDirectories = new ArrayList<>();

    /** {@code -L} directories. */
    @Parameter
    protected List<File> libraryDirectories = new ArrayList<>();

    /** System libraries to link, without {@code -l}, e.g. {@code openblas}. */
    @Parameter
    protected List<String> libraries = new ArrayList<>();

    /**
     * Procedures to bind, as globs on the name ({@code dot_*}) or on {@code module::name}, matched
     * case-insensitively. Empty binds every procedure the frontend supports.
     */
    @Parameter
    protected List<String> includes = new ArrayList<>();

    /** Procedures not to bind (they are still compiled into the library); wins over {@code includes}. */
    @Parameter
    protected List<String> excludes = new ArrayList<>();

    /**
     * An f2py kind map ({@code {'real': {'rk': 'double'}}}) for kind names the Fortran sources do not define.
     * A {@code .f2py_f2cmap} file in a source directory (e.g. {@code src/main/fortran/.f2py_f2cmap}) is read
     * too, as f2py reads one in its working directory. Property {@code gatun.f2cmap}.
     */
    @Parameter(property = "gatun.f2cmap")
    protected File f2cmap;

    /** {@code FAIL} (default) or {@code SKIP} when a compiler is missing. Property {@code gatun.missingCompiler}. */
    @Parameter(property = "gatun.missingCompiler", defaultValue = "FAIL")
    protected MissingCompiler missingCompiler;

    /** The C compiler; overrides {@code $CC}. Property {@code gatun.cc}. */
    @Parameter(property = "gatun.cc")
    protected String cc;

    /** The Fortran compiler; overrides {@code $FC}. Property {@code gatun.fc}. */
    @Parameter(property = "gatun.fc")
    protected String fc;

    /** The CUDA compiler; overrides {@code $NVCC}. Property {@code gatun.nvcc}. */
    @Parameter(property = "gatun.nvcc")
    protected String nvcc;

    /**
     * Flags for every {@code nvcc} command, e.g. {@code -gencode arch=compute_90,code=sm_90}; override
     * {@code $NVCCFLAGS}. C and Fortran flags ({@code <compilerFlags>}) do not reach {@code nvcc}.
     */
    @Parameter
    protected List<String> nvccFlags = new ArrayList<>();

    /** Skip the goal. Property {@code gatun.skip}. */
    @Parameter(property = "gatun.skip", defaultValue = "false")
    protected boolean skip;

    /** Shims, object files and fingerprints. */
    @Parameter(defaultValue = "${project.build.directory}/gatun", required = true)
    protected File workDirectory;

    /** This goal's execution, to find the configuration the user wrote (null in unit tests). */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    /** Creates the goal; Maven sets the parameters. */
    protected GatunMojo() {
    }

    /**
     * Fails when Maven runs on a JDK older than 25, naming both. The goal classes are loadable on JDK 17
     * (see src/build/ClassFileVersion.java), so this runs first, before any Java 25 class is touched.
     *
     * @throws MojoExecutionException saying which JDK Maven runs on and how to choose JDK 25
     */
    protected void requireJdk25() throws MojoExecutionException {
        int feature = Runtime.version().feature();
        if (feature < 25) {
            throw new MojoExecutionException("gatun-maven-plugin needs JDK 25 (it generates and builds Java 25 FFM bindings);"
                    + " Maven runs on Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")."
                    + " Run Maven with JAVA_HOME set to a JDK 25, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn ...");
        }
    }

    /**
     * Fails on a configuration element no goal of this plugin knows, e.g. {@code <opemnp>}: Maven only
     * warns about it, and the build would go on without the option the user meant.
     *
     * @throws MojoExecutionException naming the element, the closest parameter, and where to find the list
     */
    protected void rejectUnknownParameters() throws MojoExecutionException {
        if (mojoExecution == null || plugin == null || plugin.getMojos() == null) {
            return;
        }
        Plugin declared = project.getPlugin(plugin.getPluginLookupKey());
        if (declared == null) {
            return;
        }
        var known = new java.util.TreeSet<String>();
        for (var mojo : plugin.getMojos()) {
            for (var parameter : mojo.getParameters() == null ? List.<org.apache.maven.plugin.descriptor.Parameter>of() : mojo.getParameters()) {
                known.add(parameter.getName());
                if (parameter.getAlias() != null) {
                    known.add(parameter.getAlias());
                }
            }
        }
        var configurations = new ArrayList<Object>();
        configurations.add(declared.getConfiguration());
        for (PluginExecution execution : declared.getExecutions()) {
            if (execution.getId().equals(mojoExecution.getExecutionId())) {
                configurations.add(execution.getConfiguration());
            }
        }
        for (Object configuration : configurations) {
            if (!(configuration instanceof Xpp3Dom dom)) {
                continue;
            }
            for (Xpp3Dom child : dom.getChildren()) {
                if (!known.contains(child.getName())) {
                    throw new MojoExecutionException(unknownParameter(child.getName(), known));
                }
            }
        }
    }

    /** The message for an unknown configuration element, with the closest known name when one is close. */
    /** The flags of every compile and of the header preprocessor: {@code -D} and {@code -U} of defines, then compilerFlags. */
    protected List<String> compileFlags() {
        var flags = new ArrayList<String>();
        defines.forEach(d -> flags.add("-D" + d.strip()));
        undefines.forEach(u -> flags.add("-U" + u.strip()));
        flags.addAll(compilerFlags);
        return flags;
    }

    static String unknownParameter(String name, java.util.SortedSet<String> known) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                closest = k;
            }
        }
        boolean close = closest != null && best <= Math.max(2, name.length() / 3);
        return "gatun: <" + name + "> is not a parameter of gatun-maven-plugin" + (close ? "; did you mean <" + closest + ">?" : "")
                + " Its parameters: " + String.join(", ", known) + " (mvn help:describe -Dplugin=dev.gatun:gatun-maven-plugin -Ddetail)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /**
     * The library name, checked.
     *
     * @return a C identifier
     * @throws MojoExecutionException when the configured name is not one
     */
    protected String library() throws MojoExecutionException {
        String name = libraryName != null && !libraryName.isBlank() ? libraryName.strip()
                : project.getArtifactId().replaceAll("[^A-Za-z0-9_]", "_");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new MojoExecutionException("<libraryName>: '" + name + "' must be a C identifier (letters, digits, '_'),"
                    + " e.g. <libraryName>kernels</libraryName>");
        }
        return name;
    }

    /**
     * Fails at once, naming the dependency to add, when {@code dev.gatun:gatun-api} is not on the module's
     * compile class path: the generated bindings would otherwise fail to compile with hundreds of
     * "cannot find symbol" errors that never mention it. The plugin does not add it behind the user's back:
     * the jar's own POM must declare it, or its users would miss the runtime.
     *
     * @throws MojoExecutionException naming the dependency and its version
     */
    protected void requireRuntimeDependency() throws MojoExecutionException {
        Optional<String> problem = missingRuntime(project.getArtifacts(), plugin.getVersion());
        if (problem.isPresent()) {
            throw new MojoExecutionException(problem.get());
        }
    }

    /** Why the generated code could not compile against {@code artifacts}, or empty when gatun-api is among them. */
    static Optional<String> missingRuntime(Collection<Artifact> artifacts, String version) {
        for (Artifact a : artifacts == null ? List.<Artifact>of() : artifacts) {
            String scope = a.getScope() == null ? Artifact.SCOPE_COMPILE : a.getScope();
            if (a.getGroupId().equals(RUNTIME_GROUP) && a.getArtifactId().equals(RUNTIME_ARTIFACT)
                    && (scope.equals(Artifact.SCOPE_COMPILE) || scope.equals(Artifact.SCOPE_PROVIDED)
                    || scope.equals(Artifact.SCOPE_SYSTEM))) {
                return Optional.empty();
            }
        }
        return Optional.of("gatun: the generated bindings need the Gatun runtime " + RUNTIME_GROUP + ":" + RUNTIME_ARTIFACT
                + " on the compile class path, and this module does not depend on it; add to <dependencies>:\n"
                + "    <dependency>\n"
                + "      <groupId>" + RUNTIME_GROUP + "</groupId>\n"
                + "      <artifactId>" + RUNTIME_ARTIFACT + "</artifactId>\n"
                + "      <version>" + version + "</version>\n"
                + "    </dependency>");
    }

    /**
     * The Java package, checked.
     *
     * @return a package name
     * @throws MojoExecutionException when the configured package is not a valid name
     */
    protected String javaPackage() throws MojoExecutionException {
        String pkg = packageName == null ? "" : packageName.strip();
        // Never changed silently (my-pkg is not turned into my_pkg): users import the class by the name they wrote.
        if (!pkg.isEmpty() && !javax.lang.model.SourceVersion.isName(pkg)) {
            throw new MojoExecutionException("<packageName>: '" + packageName + "' is not a Java package name (dot-separated"
                    + " identifiers, not keywords), e.g. <packageName>" + (pkg.contains("-") ? pkg.replace('-', '_') : "com.example.kernels")
                    + "</packageName>" + (pkg.contains("-") ? "; '-' is not allowed in Java names" : ""));
        }
        return pkg;
    }

    /**
     * The configured source directories, resolved against the module.
     *
     * @return the directories, existing or not
     */
    protected List<Path> sourceDirectoryPaths() {
        if (sourceDirectories == null || sourceDirectories.isEmpty()) {
            Path base = project.getBasedir().toPath().resolve("src/main");
            return List.of(base.resolve("c"), base.resolve("fortran"), base.resolve("cuda"));
        }
        return sourceDirectories.stream().map(this::resolve).toList();
    }

    /**
     * Scans the source directories.
     *
     * @return the module's native files
     * @throws MojoExecutionException when a directory cannot be read
     */
    protected NativeSources scan() throws MojoExecutionException {
        try {
            return NativeSources.scan(sourceDirectoryPaths());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the native source directories " + sourceDirectoryPaths() + ": " + e.getMessage(), e);
        }
    }

    /** A configured file, resolved against the module's base directory. */
    protected Path resolve(File file) {
        return file.isAbsolute() ? file.toPath() : project.getBasedir().toPath().resolve(file.toPath());
    }

    /** The environment the compiler driver runs with: the JVM's, with {@code <cc>}, {@code <fc>}, {@code <nvcc>} applied. */
    protected Map<String, String> environment() {
        var env = new HashMap<>(System.getenv());
        override(env, "CC", cc);
        override(env, "FC", fc);
        override(env, "NVCC", nvcc);
        override(env, "NVCCFLAGS", String.join(" ", nvccFlags));
        return env;
    }

    private static void override(Map<String, String> env, String key, String value) {
        if (value != null && !value.isBlank()) {
            env.put(key, value.strip());
        }
    }

    /**
     * Starts a fingerprint with the plugin's identity: its version and, because a snapshot changes
     * without changing its version, the content of its own Gatun jars.
     *
     * @return a new stamp
     */
    protected BuildStamp stampWithPlugin() {
        var stamp = new BuildStamp().add("plugin", plugin.getId());
        if (plugin.getVersion() != null && plugin.getVersion().endsWith("-SNAPSHOT")) {
            var jars = new ArrayList<Path>();
            if (plugin.getPluginArtifact() != null && plugin.getPluginArtifact().getFile() != null) {
                jars.add(plugin.getPluginArtifact().getFile().toPath());
            }
            for (Artifact a : plugin.getArtifacts() == null ? List.<Artifact>of() : plugin.getArtifacts()) {
                if (a.getGroupId().equals("dev.gatun") && a.getFile() != null) {
                    jars.add(a.getFile().toPath());
                }
            }
            stamp.addFiles("plugin-jar", jars.stream().filter(p -> p.toFile().isFile()).sorted().toList());
        }
        return stamp;
    }

    /** The per-library directory under {@link #workDirectory}. */
    protected Path libraryWorkDirectory(String library) {
        return workDirectory.toPath().resolve(library);
    }

    /** The shim source the generate goal writes and the compile goal compiles. */
    protected Path shimFile(String library) {
        return libraryWorkDirectory(library).resolve("gatun_" + library.toLowerCase(Locale.ROOT) + "_shims.f90");
    }

    /**
     * The C file that f2py signature files ({@code .pyf}) contribute: their usercode and callstatement wrappers.
     *
     * @param library the library name
     * @return {@code target/gatun/<library>/gatun_<library>_pyf.c}
     */
    protected Path signatureCFile(String library) {
        return libraryWorkDirectory(library).resolve(dev.gatun.bindings.pyf.PyfFrontend.cFileName(library));
    }

    /** The kind maps: {@code <f2cmap>} if set, and the {@code .f2py_f2cmap} files of the source directories. */
    protected List<Path> kindMaps() {
        return f2cmap == null ? List.of() : List.of(resolve(f2cmap));
    }
}
