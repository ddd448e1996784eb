// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Procedure;

/** Only a module's public procedures are bound: private ones cannot be use-associated by a shim. */
class ModuleAccessibilityTest {

    @TempDir
    Path dir;

    private List<String> bound(String source) throws Exception {
        Path file = dir.resolve("m.f90");
        Files.writeString(file, source);
        Diagnostics diagnostics = new Diagnostics();
        FortranSource parsed = new FortranFrontend(diagnostics).parse(file);
        assertTrue(diagnostics.errors().isEmpty(), diagnostics.all().toString());
        return parsed.unit().procedures().stream().map(Procedure::name).toList();
    }

    @Test
    void privateByDefaultBindsOnlyThePublicList() throws Exception {
        assertEquals(List.of("api"), bound("""
                module m
                  implicit none
                  private
                  public :: api
                contains
                  subroutine api(x)
                    real(8), intent(inout) :: x
                    call helper(x)
                  end subroutine api
                  subroutine helper(x)
                    real(8), intent(inout) :: x
                    x = 2 * x
                  end subroutine helper
                end module m
                """));
    }

    @Test
    void publicByDefaultSkipsTheNamedPrivateOnes() throws Exception {
        assertEquals(List.of("a", "c"), bound("""
                module m
                  implicit none
                  PRIVATE :: B
                contains
                  subroutine a()
                  end subroutine a
                  subroutine b()
                  end subroutine b
                  subroutine c()
                  end subroutine c
                end module m
                """));
    }
}
