// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.cli.GatunCli;
import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and unsupported Fortran: each diagnostic is asserted exactly as the user sees it
 * ({@code file:line:col: severity: message}), errors stop emission, and warnings name what was
 * skipped while the rest of the file is still bound.
 */
class MalformedInputTest {

    @TempDir
    Path dir;

    private Path write(String name, String source) throws IOException {
        return Files.writeString(dir.resolve(name), source);
    }

    private List<String> generateExpectingErrors(Path file) {
        var d = new Diagnostics();
        Optional<BindingGenerator.Result> result = BindingGenerator.generate("bad", List.of(file), "", d);
        assertTrue(result.isEmpty(), "no Java is emitted when there are errors");
        assertTrue(d.hasErrors());
        return d.all().stream().map(Diagnostic::toString).toList();
    }

    /** Generates, expecting Java (the rest of the file is bound), and returns the warnings. */
    private List<String> generateExpectingWarnings(Path file) {
        var d = new Diagnostics();
        Optional<BindingGenerator.Result> result = BindingGenerator.generate("bad", List.of(file), "", d);
        assertTrue(result.isPresent(), "warnings only: " + d.all());
        assertFalse(d.hasErrors());
        return d.all().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void unknownIntentIsReportedAtTheIntentNameAndSkipsOnlyThatProcedure() throws IOException {
        Path f = write("intent.f90", """
                subroutine s(a, n)
                  implicit none
                  integer, intent(in) :: n
                  real(8), intent(inot) :: a(n)
                end subroutine s
                subroutine t(x)
                  real(8), intent(in) :: x
                end subroutine t
                """);
        assertEquals(List.of(f + ":4:19: warning: skipped subroutine 's': unknown intent 'inot'; expected in, out, inout, hide, c, callback or aux"),
                generateExpectingWarnings(f));
    }

    @Test
    void anUntypedArgumentUnderImplicitNone() throws IOException {
        Path f = write("untyped.f90", """
                subroutine s(a, n)
                  implicit none
                  real(8) :: a(n)
                end subroutine s
                """);
        assertEquals(List.of(f + ":1:17: error: dummy argument 'n' of subroutine 's' has no type; declare it (implicit none is in effect)"),
                generateExpectingErrors(f));
    }

    @Test
    void anUnclosedArgumentList() throws IOException {
        Path f = write("paren.f90", """
                subroutine s(a, n
                  integer n
                end subroutine s
                subroutine t(x)
                  real(8), intent(in) :: x
                end subroutine t
                """);
        assertEquals(List.of(f + ":1:18: warning: skipped subroutine 's': expected ')' to close the argument list of 's', found end of statement"),
                generateExpectingWarnings(f));
    }

    @Test
    void aModuleWithoutItsEnd() throws IOException {
        Path f = write("noend.f90", """
                module m
                contains
                  subroutine s(x)
                    real(8), intent(in) :: x(:)
                  end subroutine s
                """);
        assertEquals(List.of(f + ":1:1: error: module 'm' has no matching 'end module'"), generateExpectingErrors(f));
    }

    @Test
    void aBrokenCheckDirective() throws IOException {
        Path f = write("directive.f", """
                      SUBROUTINE S(A, N)
                      INTEGER N
                      REAL*8 A(N)
                Cf2py intent(hide) :: n
                Cf2py check(n > ) :: n
                      END
                      SUBROUTINE T(X)
                      REAL*8 X
                      END
                """);
        assertEquals(List.of(f + ":5:17: warning: skipped subroutine 's': expected an expression, found ')'"), generateExpectingWarnings(f));
    }

    @Test
    void unsupportedConstructsAreSkippedWithAWarningAndTheRestIsBound() throws IOException {
        Path f = write("unsupported.f90", """
                module m
                  type :: pt
                    real :: x
                  end type
                contains
                  subroutine s(p)
                    class(*), intent(in) :: p
                  end subroutine s
                  subroutine h(x, k)
                    type(c_ptr), intent(in) :: x(k)
                    integer, intent(in) :: k
                  end subroutine h
                  subroutine ok(x)
                    real(8), intent(in) :: x
                  end subroutine ok
                end module m
                """);
        var d = new Diagnostics();
        BindingGenerator.Result result = BindingGenerator.generate("partial", List.of(f), "", d).orElseThrow();
        assertEquals(List.of(
                f + ":7:29: warning: skipped subroutine 's': parameter 'p': unlimited polymorphic class(*) is not bound",
                f + ":9:3: warning: skipped subroutine 'h': parameter 'x' is an array of void*; arrays of double, float, "
                        + "8- to 64-bit integers (unsigned ones as the signed array of their width), complex float, complex double and logical"
                        + " are supported"),
                d.all().stream().map(Diagnostic::toString).toList());
        assertTrue(result.javaSource().contains("public static void ok(double x)"), "the supported procedure is bound");
        assertFalse(result.javaSource().contains(" s("), "the skipped ones are not");
        assertFalse(result.javaSource().contains(" h("), "the skipped ones are not");
    }

    @Test
    void aClassNameThatClashesWithANestedTypeIsAnError() throws IOException {
        Path f = write("quad.f90", """
                module quad
                contains
                  function midpoint(f, a) result(s)
                    interface
                      function f(x) result(y)
                        real(8), intent(in) :: x
                        real(8) :: y
                      end function f
                    end interface
                    real(8), intent(in) :: a
                    real(8) :: s
                    s = f(a)
                  end function midpoint
                end module quad
                """);
        var d = new Diagnostics();
        assertTrue(BindingGenerator.generate("midpoint_f", List.of(f), "", d).isEmpty());
        assertEquals(List.of(f + ":3:21: error: the callback interface of parameter 'f' would be named 'MidpointF', like the binding class;"
                + " choose another library name with -m"), d.all().stream().map(Diagnostic::toString).toList());
        var raw = new Diagnostics();
        assertTrue(BindingGenerator.generate("raw", List.of(f), "", raw).isEmpty());
        assertEquals(List.of(f + ":1:1: error: library name 'raw' gives class 'Raw', which is the name of its nested raw layer;"
                + " choose another name with -m"), raw.all().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void theCliWritesNothingWhenThereAreErrors() throws IOException {
        Path f = write("untyped.f90", "subroutine s(a, n)\n  implicit none\n  real(8) :: a(n)\nend subroutine s\n");
        Path out = dir.resolve("out");
        assertEquals(1, GatunCli.run("wrap", "-m", "bad", "-d", out.toString(), f.toString()));
        assertFalse(Files.exists(out), "no output directory, no Java");
    }
}
