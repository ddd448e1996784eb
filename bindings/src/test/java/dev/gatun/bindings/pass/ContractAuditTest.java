// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatun wrap} warns about every array whose extent no directive ties to a count, and about
 * assumed-shape arrays no check relates to each other; contracts that are stated cost no warning.
 */
class ContractAuditTest {

    @TempDir
    Path dir;

    private List<String> warnings(String file, String source) throws Exception {
        Path path = dir.resolve(file);
        Files.writeString(path, source);
        var d = new Diagnostics();
        BindingGenerator.generate("k", List.of(path), "p", d).orElseThrow();
        assertTrue(d.errors().isEmpty(), d.all().toString());
        return d.warnings().stream().map(Diagnostic::message).toList();
    }

    @Test
    void cPointerWithAnUntiedCountIsReported() throws Exception {
        List<String> w = warnings("k.h", """
                void scale(double *a, int n, double factor);
                void fill(double *a /* gatun: out, dimension(n) */, int n);
                """);
        assertEquals(List.of("parameter 'a' of scale: an array of unknown extent, so no length is checked before "
                + "the call; if n counts its elements, tie them with a directive (C: 'gatun: dimension(n)', "
                + "Fortran: 'a(n)')"), w);
    }

    @Test
    void assumedShapeArraysWithoutACheckAreReported() throws Exception {
        List<String> w = warnings("k.f90", """
                module m
                contains
                  subroutine unchecked(x, y)
                    real(8), intent(in) :: x(:)
                    real(8), intent(out) :: y(:)
                    y = x
                  end subroutine
                  subroutine checked(x, y)
                    !f2py check(size(y) == size(x)) y
                    real(8), intent(in) :: x(:)
                    real(8), intent(out) :: y(:)
                    y = x
                  end subroutine
                  subroutine alone(x)
                    real(8), intent(inout) :: x(:)
                  end subroutine
                end module
                """);
        assertEquals(List.of("unchecked: the extents of the assumed-shape arrays x, y are not checked against the "
                + "other arrays; if they must conform, say so, e.g. '!f2py check(size(x) == size(y)) x'"), w);
    }
}
