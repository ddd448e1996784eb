// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeSourcesTest {

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void fortranModulesComeBeforeTheirUsersThenCThenCuda() throws Exception {
        // a_user.f90 sorts first by name but uses a module defined in z_defs.f90.
        Path user = write("fortran/a_user.f90", "module user\n  use, non_intrinsic :: defs\n  use iso_c_binding\nend module user\n");
        Path defs = write("fortran/z_defs.f90", "module defs ! comment\n  integer, parameter :: k = 8\nend module defs\n");
        Path plain = write("fortran/m_plain.f", "      SUBROUTINE S\n      END\n");
        Path c = write("c/k.c", "void k(void) {}\n");
        Path header = write("c/k.h", "void k(void);\n");
        Path cuda = write("cuda/g.cu", "__global__ void g() {}\n");
        var sources = NativeSources.scan(List.of(dir.resolve("fortran"), dir.resolve("c"), dir.resolve("cuda"), dir.resolve("missing")));
        assertEquals(List.of(plain, defs, user, c, cuda), sources.compiled());
        assertTrue(sources.inputs().contains(header), "headers are fingerprint inputs");
        assertTrue(!sources.compiled().contains(header), "headers are not compiled");
        assertTrue(sources.hasFortran() && sources.hasC() && sources.hasCuda());
    }

    @Test
    void moduleProcedureLinesDoNotDefineModules() throws Exception {
        Path b = write("b.f90", "module b\n  interface g\n    module procedure f\n  end interface\ncontains\n  subroutine f()\n    use a\n  end subroutine\nend module\n");
        Path a = write("a.f90", "module a\n  use b\nend module\n");
        // a uses b, b uses a: a cycle gfortran cannot build either; the order falls back to path order.
        assertEquals(List.of(a, b), NativeSources.orderByModules(List.of(a, b)));
        Path f = write("f.f90", "module f\nend module\n");
        Path g = write("e.f90", "subroutine e()\n  use f\nend subroutine\n");
        assertEquals(List.of(f, g), NativeSources.orderByModules(List.of(g, f)));
    }

    @Test
    void anEmptyModuleHasNothingToBuild() throws Exception {
        assertTrue(NativeSources.scan(List.of(dir.resolve("src/main/c"))).isEmpty());
    }
}
