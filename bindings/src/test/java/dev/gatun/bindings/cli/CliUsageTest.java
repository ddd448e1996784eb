// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user types first: help, no command, the version, bad package names, a source that does not compile. */
class CliUsageTest {

    private record Run(int status, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        var outBytes = new ByteArrayOutputStream();
        var errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int status = GatunCli.run(args);
            return new Run(status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void helpIsACommandToo() {
        Run help = run("help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().contains("  build ") && help.out().contains("  info "), help.out());
        Run build = run("help", "build");
        assertEquals(0, build.status(), build.err());
        assertTrue(build.out().contains("--package"), build.out());
    }

    @Test
    void noCommandPrintsTheUsageAndFails() {
        Run r = run();
        assertEquals(GatunCli.USAGE, r.status());
        assertTrue(r.err().startsWith("gatun: no command given") && r.err().contains("Commands:"), r.err());
    }

    @Test
    void versionIsTheArtifactsFullVersion() throws Exception {
        Run r = run("--version");
        assertEquals(0, r.status(), r.err());
        // The reactor's version, e.g. 0.1.0-SNAPSHOT, from the filtered version.properties.
        String pom = Files.readString(Path.of("pom.xml"));
        String version = pom.substring(pom.indexOf("<version>", pom.indexOf("<parent>")) + "<version>".length());
        version = version.substring(0, version.indexOf('<'));
        assertTrue(r.out().startsWith("gatun " + version + "\n"), r.out());
    }

    @Test
    void infoHelpListsEverythingItReports() {
        Run r = run("info", "--help");
        for (String what : new String[] {"OpenMP", "BLAS", "CUDA", "MPI", "CPU"}) {
            assertTrue(r.out().contains(what), what + " in:\n" + r.out());
        }
    }

    @Test
    void aPackageWithADashIsRefusedNotRenamed(@TempDir Path dir) throws Exception {
        Path src = Files.writeString(dir.resolve("one.f90"), "subroutine one(x)\n  real(8) :: x\n  x = 1\nend subroutine\n");
        Run r = run("wrap", "-m", "one", "--package", "my-kernels", "-d", dir.resolve("out").toString(), src.toString());
        assertEquals(GatunCli.USAGE, r.status());
        assertEquals("gatun: --package 'my-kernels' is not a Java package name (dot-separated identifiers, not keywords,"
                + " e.g. com.example.kernels); '-' is not allowed in Java names, e.g. --package my_kernels\n", r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
        assertEquals(GatunCli.USAGE, run("wrap", "-m", "one", "--package", "com.int.x", src.toString()).status(), "keyword refused");
    }

    @Test
    void withoutAPackageItSaysWhereTheClassGoes(@TempDir Path dir) throws Exception {
        Path src = Files.writeString(dir.resolve("one.f90"), "subroutine one(x)\n  real(8) :: x\n  x = 1\nend subroutine\n");
        Run r = run("wrap", "-m", "one", "-d", dir.resolve("out").toString(), src.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("no --package: the generated class goes in the unnamed package")
                && r.err().contains("--package com.example.one"), r.err());
        assertTrue(Files.exists(dir.resolve("out/One.java")));
    }

    @Test
    void anUndefinedSymbolFailsTheLinkNamingItAndIsPrintedOnce(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gfortran")), "gfortran is needed");
        Path src = Files.writeString(dir.resolve("calls.f90"),
                "subroutine calls(x)\n  real(8), intent(inout) :: x\n  call not_there_zz(x)\nend subroutine\n");
        Run r = run("build", "-m", "calls", "--package", "demo", "-o", dir.resolve("calls.jar").toString(), src.toString());
        String all = r.out() + r.err();
        assertEquals(GatunCli.COMPILER_FAILED, r.status(), all);
        String symbol = "undefined reference to `not_there_zz_'";
        assertTrue(r.err().contains(symbol), all);
        assertEquals(all.indexOf(symbol), all.lastIndexOf(symbol), "the linker's message is printed once:\n" + all);
        assertTrue(r.err().contains("link the library that defines it"), all);
        assertFalse(Files.exists(dir.resolve("calls.jar")), "no jar with an unloadable library");
    }
}
