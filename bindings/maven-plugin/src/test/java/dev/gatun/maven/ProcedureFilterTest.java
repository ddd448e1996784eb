// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.fortran.FortranFrontend;
import dev.gatun.bindings.model.Procedure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The include/exclude globs on procedures parsed by the real Fortran frontend. */
class ProcedureFilterTest {

    @TempDir
    Path dir;

    private List<Procedure> parse() throws Exception {
        Path src = Files.writeString(dir.resolve("k.f90"), """
                module kernels
                contains
                  subroutine dot_f(x)
                    real(8), intent(in) :: x(:)
                  end subroutine
                  subroutine dot_f_simd(x)
                    real(8), intent(in) :: x(:)
                  end subroutine
                  subroutine Heat_Step(x)
                    real(8), intent(inout) :: x(:)
                  end subroutine
                end module
                subroutine heat_step_free(x)
                  real(8), intent(inout) :: x(:)
                end subroutine
                """);
        var diagnostics = new Diagnostics();
        List<Procedure> procedures = new FortranFrontend(diagnostics).parse(src).unit().procedures();
        assertEquals(List.of(), diagnostics.errors());
        return procedures;
    }

    private List<String> kept(List<String> includes, List<String> excludes) throws Exception {
        return parse().stream().filter(new ProcedureFilter(includes, excludes)).map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Test
    void noListsKeepEverything() throws Exception {
        assertEquals(List.of("dot_f", "dot_f_simd", "heat_step", "heat_step_free"), kept(List.of(), List.of()));
    }

    @Test
    void globsMatchNamesCaseInsensitivelyAndExcludesWin() throws Exception {
        assertEquals(List.of("dot_f", "dot_f_simd"), kept(List.of("DOT_*"), List.of()));
        assertEquals(List.of("dot_f"), kept(List.of("dot_?"), List.of()));
        assertEquals(List.of("dot_f"), kept(List.of("dot_*"), List.of("*_simd")));
    }

    @Test
    void qualifiedGlobsMatchOnlyInsideTheirModule() throws Exception {
        assertEquals(List.of("dot_f", "dot_f_simd", "heat_step_free"), kept(List.of(), List.of("kernels::heat_*")));
        assertEquals(List.of("heat_step_free"), kept(List.of("::*"), List.of()));
    }
}
