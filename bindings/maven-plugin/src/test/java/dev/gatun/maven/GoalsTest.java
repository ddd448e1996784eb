// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both goals run on a real module directory with real compilers: outputs land where the jar and the
 * tests expect them, a second run touches nothing, a changed header rebuilds, a missing compiler
 * fails or skips as configured.
 */
class GoalsTest {

    @TempDir
    Path base;

    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();

    private final SystemStreamLog log = new SystemStreamLog() {
        @Override
        public void info(CharSequence content) {
            infos.add(content.toString());
        }

        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
        }
    };

    @BeforeEach
    void module() throws Exception {
        Files.createDirectories(base.resolve("src/main/fortran"));
        Files.createDirectories(base.resolve("src/main/c"));
        Files.writeString(base.resolve("src/main/fortran/twice.f90"), """
                module twice_m
                  use, intrinsic :: iso_c_binding, only: c_double
                  implicit none
                  interface
                    function factor() bind(C, name="factor") result(f)
                      import :: c_double
                      real(c_double) :: f
                    end function
                  end interface
                contains
                  subroutine scale(x)
                    real(c_double), intent(inout) :: x(:)
                    x = factor() * x
                  end subroutine
                end module
                """);
        Files.writeString(base.resolve("src/main/c/factor.h"), "#define FACTOR 2.0\n");
        Files.writeString(base.resolve("src/main/c/factor.c"), "#include \"factor.h\"\ndouble factor(void) { return FACTOR; }\n");
    }

    private <T extends GatunMojo> T configure(T mojo) {
        var model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("twice-kernels");
        model.setVersion("1.0");
        var project = new MavenProject(model);
        project.setFile(base.resolve("pom.xml").toFile());
        project.setArtifacts(Set.of(runtime("compile")));
        var plugin = new PluginDescriptor();
        plugin.setGroupId("dev.gatun");
        plugin.setArtifactId("gatun-maven-plugin");
        plugin.setVersion("test");
        mojo.project = project;
        mojo.plugin = plugin;
        mojo.libraryName = "twice";
        mojo.packageName = "com.example";
        mojo.missingCompiler = GatunMojo.MissingCompiler.FAIL;
        mojo.workDirectory = base.resolve("target/gatun").toFile();
        mojo.setLog(log);
        return mojo;
    }

    private GenerateMojo generate() throws Exception {
        GenerateMojo g = configure(new GenerateMojo());
        var out = GenerateMojo.class.getDeclaredField("outputDirectory");
        out.setAccessible(true);
        out.set(g, base.resolve("target/generated-sources/gatun").toFile());
        return g;
    }

    private CompileMojo compile() throws Exception {
        CompileMojo c = configure(new CompileMojo());
        var classes = CompileMojo.class.getDeclaredField("classesDirectory");
        classes.setAccessible(true);
        classes.set(c, base.resolve("target/classes").toFile());
        return c;
    }

    private static boolean has(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** A header too large for one class file: generate writes the part classes too, and removes them once it shrinks. */
    @Test
    void aSplitBindingWritesItsPartsAndASmallerOneRemovesThem() throws Exception {
        var many = new StringBuilder();
        for (int i = 0; i < 3_500; i++) {
            many.append("int twice_f").append(i).append("(int x);\n");
        }
        Path header = Files.writeString(base.resolve("src/main/c/many.h"), many.toString());
        generate().execute();
        Path pkg = base.resolve("target/generated-sources/gatun/com/example");
        List<String> split = javaFiles(pkg);
        assertTrue(split.containsAll(List.of("Twice.java", "Twice_1.java", "Twice_2.java")), split.toString());
        assertTrue(Files.readString(pkg.resolve("Twice.java")).contains("public final class Twice extends Twice_1 {"));
        assertTrue(infos.stream().anyMatch(i -> i.contains("and its " + (split.size() - 1) + " part classes")), infos.toString());

        Files.writeString(header, "int twice_f0(int x);\n");
        generate().execute();
        assertEquals(List.of("Twice.java"), javaFiles(pkg), "the parts of the larger split are removed");
    }

    private static List<String> javaFiles(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void aSecondBuildTouchesNothingAndAChangedHeaderRebuilds() throws Exception {
        Assumptions.assumeTrue(has("gfortran") && has("cc"), "gfortran and cc are needed to build the test module");
        GenerateMojo g = generate();
        g.execute();
        compile().execute();
        Path java = base.resolve("target/generated-sources/gatun/com/example/Twice.java");
        Path lib = base.resolve("target/classes/META-INF/native/linux-x86_64/libtwice.so");
        Path sums = lib.resolveSibling("SHA256SUMS");
        assertTrue(Files.readString(java).contains("public static void scale(double[] x)"));
        assertEquals(BuildStamp.sha256(lib) + "  libtwice.so\n", Files.readString(sums));
        assertTrue(g.project.getCompileSourceRoots().contains(base.resolve("target/generated-sources/gatun").toString()));

        FileTime old = FileTime.fromMillis(1_000_000L);
        for (Path p : List.of(java, lib, sums)) {
            Files.setLastModifiedTime(p, old);
        }
        GenerateMojo again = generate();
        again.execute();
        compile().execute();
        for (Path p : List.of(java, lib, sums)) {
            assertEquals(old, Files.getLastModifiedTime(p), p + " was touched by an up-to-date build");
        }
        assertTrue(infos.contains("gatun: bindings of libtwice.so are up to date"));
        assertTrue(infos.contains("gatun: libtwice.so is up to date"));
        assertTrue(again.project.getCompileSourceRoots().contains(base.resolve("target/generated-sources/gatun").toString()),
                "an up-to-date run still adds the source root");

        String before = BuildStamp.sha256(lib);
        Files.writeString(base.resolve("src/main/c/factor.h"), "#define FACTOR 3.0\n");
        compile().execute();
        assertNotEquals(before, BuildStamp.sha256(lib), "a changed header rebuilds the library");
        assertEquals(BuildStamp.sha256(lib) + "  libtwice.so\n", Files.readString(sums));
    }

    @Test
    void definesReachTheHeaderPreprocessorAndEveryCompile() throws Exception {
        Assumptions.assumeTrue(has("gfortran") && has("cc"), "gfortran and cc are needed to build the test module");
        Files.writeString(base.resolve("src/main/c/factor.h"), """
                #define FACTOR 2.0
                #ifdef TWICE_EXTRA
                int twice_extra(int n);
                #endif
                #ifdef TWICE_GONE
                int twice_gone(int n);
                #endif
                """);
        Files.writeString(base.resolve("src/main/c/factor.c"), """
                #include "factor.h"
                #if !defined(TWICE_EXTRA) || defined(TWICE_GONE) || TWICE_LEVEL != 3
                #error "<defines> and <undefines> must reach the compiler"
                #endif
                double factor(void) { return FACTOR; }
                int twice_extra(int n) { return TWICE_LEVEL * n; }
                """);
        GenerateMojo g = generate();
        g.defines = List.of("TWICE_EXTRA", "TWICE_LEVEL=3", "TWICE_GONE");
        g.undefines = List.of("TWICE_GONE");
        g.execute();
        String java = Files.readString(base.resolve("target/generated-sources/gatun/com/example/Twice.java"));
        assertTrue(java.contains("public static int twiceExtra(int n)"), "TWICE_EXTRA reached the header preprocessor");
        assertFalse(java.contains("twiceGone"), "-U TWICE_GONE comes after -D TWICE_GONE, as gcc reads them");
        CompileMojo c = compile();
        c.defines = g.defines;
        c.undefines = g.undefines;
        c.execute();
        assertTrue(Files.isRegularFile(base.resolve("target/classes/META-INF/native/linux-x86_64/libtwice.so")), "the #error guard passed");
    }

    @Test
    void aGatunSideFileAmongTheSourcesReachesTheGenerator() throws Exception {
        Assumptions.assumeTrue(has("cc"), "cc is needed to preprocess the header");
        Files.writeString(base.resolve("src/main/c/factor.h"), """
                #define TWICE_OK 0
                #define TWICE_ENEG (-1)
                int twice_checked(int n);
                """);
        Files.writeString(base.resolve("src/main/c/twice.gatun"), "status(twice_checked) ok(TWICE_OK) names(TWICE_E*)\n");
        generate().execute();
        String java = Files.readString(base.resolve("target/generated-sources/gatun/com/example/Twice.java"));
        assertTrue(java.contains("public static void twiceChecked(int n)"), "the status rule of twice.gatun made the result a status");
        assertTrue(java.contains("case -1 -> \"TWICE_ENEG\";"), "and names it from the header");
    }

    @Test
    void aMissingCompilerFailsByDefaultNamingTheFix() throws Exception {
        CompileMojo c = compile();
        c.fc = "/nonexistent/bin/gfortran";
        var e = assertThrows(MojoExecutionException.class, c::execute);
        assertEquals("gatun: cannot build libtwice.so: /nonexistent/bin/gfortran (the FC compiler) is not on PATH; install it, or"
                + " point Gatun at one with $FC or <fc> / -Dgatun.fc, or set <missingCompiler>SKIP</missingCompiler> to build"
                + " without it", e.getMessage());
    }

    @Test
    void aMissingCompilerUnderSkipLogsWhyAndShipsNothing() throws Exception {
        CompileMojo c = compile();
        c.fc = "/nonexistent/bin/gfortran";
        c.missingCompiler = GatunMojo.MissingCompiler.SKIP;
        c.execute();
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().startsWith("gatun: SKIPPING libtwice.so: /nonexistent/bin/gfortran (the FC compiler) is not on PATH"),
                warnings.getFirst());
        Path dir = base.resolve("target/classes/META-INF/native/linux-x86_64");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("libtwice.so.skipped"), files.map(f -> f.getFileName().toString()).toList(),
                    "no library and no SHA256SUMS, only the note the loader quotes");
        }
        assertEquals("/nonexistent/bin/gfortran (the FC compiler) is not on PATH (<missingCompiler>SKIP</missingCompiler>)\n",
                Files.readString(dir.resolve("libtwice.so.skipped")));
    }

    @Test
    void aLibraryNameThatIsNotACIdentifierIsRejected() throws Exception {
        GenerateMojo g = generate();
        g.libraryName = "my-kernels";
        var e = assertThrows(MojoExecutionException.class, g::execute);
        assertEquals("<libraryName>: 'my-kernels' must be a C identifier (letters, digits, '_'), e.g. <libraryName>kernels</libraryName>",
                e.getMessage());
    }

    private static Artifact runtime(String scope) {
        return new DefaultArtifact("dev.gatun", "gatun-api", "0.1.0-SNAPSHOT", scope, "jar", null, new DefaultArtifactHandler("jar"));
    }

    @Test
    void withoutTheRuntimeDependencyGenerateFailsAtOnceNamingIt() throws Exception {
        GenerateMojo g = generate();
        g.plugin.setVersion("0.1.0-SNAPSHOT");
        g.project.setArtifacts(Set.of(runtime("test")));
        var e = assertThrows(MojoExecutionException.class, g::execute);
        assertTrue(e.getMessage().startsWith("gatun: the generated bindings need the Gatun runtime dev.gatun:gatun-api on the"
                + " compile class path"), e.getMessage());
        assertTrue(e.getMessage().contains("<artifactId>gatun-api</artifactId>\n      <version>0.1.0-SNAPSHOT</version>"), e.getMessage());
        assertFalse(Files.exists(base.resolve("target/generated-sources/gatun")), "nothing is generated before the check");
    }

    @Test
    void aMisspeltParameterFailsTheBuildNamingTheClosestOne() throws Exception {
        GenerateMojo g = generate();
        var descriptor = new org.apache.maven.plugin.descriptor.MojoDescriptor();
        descriptor.setGoal("generate");
        for (String name : List.of("openmp", "libraryName", "packageName")) {
            var parameter = new org.apache.maven.plugin.descriptor.Parameter();
            parameter.setName(name);
            descriptor.addParameter(parameter);
        }
        g.plugin.addMojo(descriptor);
        var declared = new org.apache.maven.model.Plugin();
        declared.setGroupId("dev.gatun");
        declared.setArtifactId("gatun-maven-plugin");
        var configuration = new org.codehaus.plexus.util.xml.Xpp3Dom("configuration");
        configuration.addChild(new org.codehaus.plexus.util.xml.Xpp3Dom("libraryName"));
        configuration.addChild(new org.codehaus.plexus.util.xml.Xpp3Dom("opemnp"));
        declared.setConfiguration(configuration);
        g.project.getModel().setBuild(new org.apache.maven.model.Build());
        g.project.getBuild().addPlugin(declared);
        g.mojoExecution = new org.apache.maven.plugin.MojoExecution(descriptor, "default");
        var e = assertThrows(MojoExecutionException.class, g::execute);
        assertEquals("gatun: <opemnp> is not a parameter of gatun-maven-plugin; did you mean <openmp>? Its parameters: libraryName,"
                + " openmp, packageName (mvn help:describe -Dplugin=dev.gatun:gatun-maven-plugin -Ddetail)", e.getMessage());
    }

    @Test
    void aPackageNameWithADashIsRefusedNotRenamed() throws Exception {
        GenerateMojo g = generate();
        g.packageName = "com.my-company";
        var e = assertThrows(MojoExecutionException.class, g::execute);
        assertEquals("<packageName>: 'com.my-company' is not a Java package name (dot-separated identifiers, not keywords), e.g."
                + " <packageName>com.my_company</packageName>; '-' is not allowed in Java names", e.getMessage());
    }
}
