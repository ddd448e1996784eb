// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An f2py signature file in {@code src/main/fortran}: both goals bind what the {@code .pyf} declares (with
 * the kind map {@code src/main/fortran/.f2py_f2cmap}), compile the F77 source without parsing it, and
 * compile the {@code .pyf}'s usercode and callstatement wrapper into the same library.
 */
class SignatureFileGoalsTest {

    @TempDir
    Path base;

    @BeforeEach
    void module() throws Exception {
        Path fortran = Files.createDirectories(base.resolve("src/main/fortran"));
        Files.writeString(fortran.resolve("axpy.f"), """
                      SUBROUTINE AXPY(N, A, X, Y)
                      INTEGER N, I
                      DOUBLE PRECISION A, X(N), Y(N)
                      DO 10 I = 1, N
                         Y(I) = Y(I) + A * X(I)
                 10   CONTINUE
                      END
                C     Gatun's Fortran parser cannot read alternate returns; with a .pyf it need not.
                      SUBROUTINE ALT(I, *)
                      INTEGER I
                      RETURN 1
                      END
                """);
        Files.writeString(fortran.resolve("axpy.pyf"), """
                python module axpy
                  usercode '''double twice(double v) { return 2 * v; }'''
                  interface
                    subroutine daxpy(n, a, x, y)
                      fortranname axpy
                      integer intent(hide), depend(x) :: n = len(x)
                      real(kind=wp) intent(in) :: a
                      real(kind=wp) dimension(n), intent(in) :: x
                      real(kind=wp) dimension(n), intent(in,out), check(len(y) >= n) :: y
                    end subroutine daxpy
                    subroutine axpy_twice(n, a, x, y)
                      fortranname axpy
                      callstatement { double a2 = twice(a); (*f2py_func)(&n, &a2, x, y); }
                      integer intent(hide), depend(x) :: n = len(x)
                      real(kind=wp) intent(in) :: a
                      real(kind=wp) dimension(n), intent(in) :: x
                      real(kind=wp) dimension(n), intent(in,out) :: y
                    end subroutine axpy_twice
                  end interface
                end python module axpy
                """);
        Files.writeString(fortran.resolve(".f2py_f2cmap"), "{'real': {'wp': 'double'}}\n");
    }

    private <T extends GatunMojo> T configure(T mojo) throws Exception {
        var model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("axpy-kernels");
        model.setVersion("1.0");
        var project = new MavenProject(model);
        project.setFile(base.resolve("pom.xml").toFile());
        project.setArtifacts(java.util.Set.of(new org.apache.maven.artifact.DefaultArtifact("dev.gatun", "gatun-api", "0.1.0-SNAPSHOT",
                "compile", "jar", null, new org.apache.maven.artifact.handler.DefaultArtifactHandler("jar"))));
        var plugin = new PluginDescriptor();
        plugin.setGroupId("dev.gatun");
        plugin.setArtifactId("gatun-maven-plugin");
        plugin.setVersion("test");
        mojo.project = project;
        mojo.plugin = plugin;
        mojo.libraryName = "axpy";
        mojo.packageName = "com.example";
        mojo.missingCompiler = GatunMojo.MissingCompiler.FAIL;
        mojo.workDirectory = base.resolve("target/gatun").toFile();
        mojo.setLog(new SystemStreamLog());
        return mojo;
    }

    @Test
    void thePyfIsTheInterfaceAndItsCIsCompiledIn() throws Exception {
        Assumptions.assumeTrue(has("gfortran") && has("cc") && has("nm"), "gfortran, cc and nm are needed to build the test module");
        GenerateMojo g = configure(new GenerateMojo());
        var out = GenerateMojo.class.getDeclaredField("outputDirectory");
        out.setAccessible(true);
        out.set(g, base.resolve("target/generated-sources/gatun").toFile());
        g.execute();
        CompileMojo c = configure(new CompileMojo());
        var classes = CompileMojo.class.getDeclaredField("classesDirectory");
        classes.setAccessible(true);
        classes.set(c, base.resolve("target/classes").toFile());
        c.execute();

        String java = Files.readString(base.resolve("target/generated-sources/gatun/com/example/Axpy.java"));
        // real(kind=wp) is double through the kind map; n is hidden; the Fortran routine is AXPY, the Java name daxpy.
        assertTrue(java.contains("public static void daxpy(double a, DoubleArray x, DoubleArray y)"), java);
        assertTrue(java.contains("public static void axpyTwice(double a, DoubleArray x, DoubleArray y)"), java);
        assertFalse(java.contains(" alt("), "ALT is not in the signature file");
        Path cFile = base.resolve("target/gatun/axpy/gatun_axpy_pyf.c");
        assertTrue(Files.readString(cFile).contains("double twice(double v)"));
        Path lib = base.resolve("target/classes/META-INF/native/linux-x86_64/libaxpy.so");
        var nm = new ProcessBuilder("nm", "-D", "--defined-only", lib.toString()).redirectErrorStream(true).start();
        String symbols = new String(nm.getInputStream().readAllBytes());
        assertEquals(0, nm.waitFor());
        for (String symbol : new String[] {"axpy_", "twice", "gatun_pyf_axpy_axpy_twice", "gatun_daxpy"}) {
            assertTrue(symbols.lines().anyMatch(l -> l.endsWith(" " + symbol)), symbol + " missing from " + symbols);
        }
    }

    private static boolean has(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
