// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatun build --multiarch}: the seed's Fortran, its shim and the ifuncs in one jar that gives the course's value. */
class MultiarchBuildTest {

    @TempDir
    Path dir;

    @Test
    void theSeedBuiltMultiarchExportsAnIfuncAndGivesTheCourseValue() throws Exception {
        for (String tool : new String[] {"gfortran", "cc", "nm", "objcopy"}) {
            Assumptions.assumeTrue(SeedKernelsTest.has(tool), tool + " is not installed");
        }
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "multiarch levels are x86-64 levels");
        Path src = dir.resolve("fortran_function.f90");
        Files.copy(Path.of("src/test/resources/kernels/fortran_function.f90"), src);
        Path jar = dir.resolve("integration.jar");
        assertEquals(0, GatunCli.run("build", "--multiarch", "-m", "integration", "-o", jar.toString(), src.toString()));

        Path lib = dir.resolve("libintegration.so");
        try (var zip = new ZipFile(jar.toFile())) {
            Files.copy(zip.getInputStream(zip.getEntry("META-INF/native/linux-x86_64/libintegration.so")), lib);
        }
        var nm = new ProcessBuilder("nm", "-D", "--defined-only", lib.toString()).redirectErrorStream(true).start();
        String exported = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, nm.waitFor(), exported);
        // The user's procedure and the shim's bind(C) entry point are both dispatched.
        assertTrue(exported.lines().anyMatch(l -> l.endsWith(" i integration2d_fortran_")), exported);
        assertTrue(exported.lines().filter(l -> l.contains(" i ")).count() >= 2, exported);

        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Method call = Class.forName("Integration", true, loader).getMethod("integration2dFortran", int.class);
            double value = (double) call.invoke(null, 10000);
            assertEquals("-7.117752e-17", String.format(Locale.ROOT, "%e", value));
        }
    }

    @Test
    void multiarchWithAMarchTargetIsRefusedWithTheReason() throws Exception {
        Path src = Files.writeString(dir.resolve("twice.f90"), "subroutine twice(x)\n  real(8) :: x\n  x = 2 * x\nend subroutine twice\n");
        var err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = GatunCli.run("build", "--multiarch", "--march", "native", "-m", "twice", "-o", dir.resolve("t.jar").toString(),
                    src.toString());
        } finally {
            System.setErr(saved);
        }
        assertTrue(status != 0, "exit status " + status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("gatun: march 'native': multiarch compiles its own x86-64-v4,"
                + " x86-64-v3 and baseline variants; leave march empty or turn multiarch off"), err.toString(StandardCharsets.UTF_8));
    }
}
