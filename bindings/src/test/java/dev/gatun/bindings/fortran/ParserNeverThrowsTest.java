// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's Fortran inputs that used to throw out of the generator: each now gives a
 * {@code file:line:col} diagnostic, the offending procedure is skipped (or bound with a warning
 * where that is safe), and the procedure {@code ok} in the same file is still bound.
 */
class ParserNeverThrowsTest {

    @TempDir
    Path dir;

    private static final String OK = """
            subroutine ok(x)
              real(8), intent(in) :: x
            end subroutine ok
            """;

    /** Generates a file holding {@code bad} then {@link #OK}; returns the diagnostics as printed. */
    private List<String> generate(String name, String bad) throws IOException {
        Path f = Files.writeString(dir.resolve(name), bad + OK);
        var d = new Diagnostics();
        var result = BindingGenerator.generate("m", List.of(f), "", d);
        List<String> shown = d.all().stream().map(Diagnostic::toString).map(s -> s.replace(f.toString(), name)).toList();
        assertTrue(result.isPresent(), "the rest of the file is bound: " + shown);
        assertTrue(result.get().javaSource().contains("public static void ok(double x)"), "ok is bound");
        return shown;
    }

    @Test
    void anIntegerLiteralBeyondSixtyFourBits() throws IOException {
        assertEquals(List.of("big.f90:2:13: warning: skipped subroutine 's': integer constant 99999999999999999999 does not fit in 64 bits"),
                generate("big.f90", """
                        subroutine s(a)
                          real(8) a(99999999999999999999)
                        end subroutine s
                        """));
    }

    @Test
    void aByteSizeBeyondSixtyFourBitsAndAnAbsurdKind() throws IOException {
        assertEquals(List.of("size.f90:2:8: warning: skipped subroutine 's': byte size 99999999999999999999 of 'real*' does not fit in 64 bits"),
                generate("size.f90", """
                        subroutine s(a)
                          real*99999999999999999999 a
                        end subroutine s
                        """));
        assertEquals(List.of("kind.f90:2:26: warning: skipped subroutine 's': parameter 'a': integer(4294967300) has no Java counterpart"),
                generate("kind.f90", """
                        subroutine s(a)
                          integer(4294967300) :: a
                        end subroutine s
                        """));
    }

    @Test
    void aDummyArgumentListedTwice() throws IOException {
        assertEquals(List.of("twice.f90:1:17: warning: skipped subroutine 's': dummy argument 'n' appears twice in the argument list of 's'"),
                generate("twice.f90", """
                        subroutine s(n, n)
                          integer n
                        end subroutine s
                        """));
    }

    @Test
    void aDependOnAMissingParameterWarnsAndBinds() throws IOException {
        List<String> d = generate("depend.f90", """
                subroutine s(n)
                  integer n
                  !f2py depend(a) :: n
                end subroutine s
                """);
        assertEquals(List.of("depend.f90:2:11: warning: parameter 'n' of s: depend(a) names no parameter of s; ignored"), d);
    }

    @Test
    void anUnknownIntrinsicInACheckSkipsTheProcedure() throws IOException {
        assertEquals(List.of("check.f90:3:22: warning: skipped subroutine 's': check(foo(n) > 0) of parameter 'n' uses 'foo', which generated"
                        + " checks do not support (supported: abs, len, max, merge (f2py's c ? a : b), min, mod, rank, shape, size, slen, f2py_itemsize)"),
                generate("check.f90", """
                        subroutine s(n)
                          integer n
                          !f2py check(foo(n) > 0) :: n
                        end subroutine s
                        """));
    }

    @Test
    void aStarInsideAnExpression() throws IOException {
        List<String> d = generate("star.f90", """
                subroutine s(a)
                  real(8) a((*))
                end subroutine s
                """);
        assertEquals(List.of("star.f90:2:13: warning: skipped subroutine 's': the dimension '*' of parameter 'a' uses '*' inside an expression"), d);
    }

    @Test
    void aThousandNestedParenthesesAreRefusedNotAStackOverflow() throws IOException {
        String deep = "(".repeat(1000) + "n" + ")".repeat(1000);
        List<String> d = generate("deep.f90", "subroutine s(a, n)\n  integer n\n  real(8) a(" + deep + ")\nend subroutine s\n");
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.getFirst().matches("deep\\.f90:3:\\d+: warning: skipped subroutine 's': expression nested deeper than 200 levels"),
                d.getFirst());
        List<String> nots = generate("nots.f90", "subroutine s(n)\n  integer n\n  !f2py check(" + ".not.".repeat(5000) + "(n > 0)) :: n\n"
                + "end subroutine s\n");
        assertEquals(1, nots.size(), nots.toString());
        List<String> chain = generate("chain.f90", "subroutine s(a, n)\n  integer n\n  real(8) a(" + "n+".repeat(50_000) + "n)\nend subroutine s\n");
        assertEquals(1, chain.size(), chain.toString());
    }

    @Test
    void anExtentNamingAnUnknownParameterWarnsThatItIsNotChecked() throws IOException {
        assertEquals(List.of("unknown.f90:3:13: warning: parameter 'a' of s: its dimension 'q' names 'q', which is neither a dummy argument"
                        + " nor a named constant known here; Gatun cannot check this extent"),
                generate("unknown.f90", """
                        subroutine s(a)
                          common /sizes/ q
                          real(8) a(q)
                        end subroutine s
                        """));
    }

    @Test
    void anUnreadableDeclarationSkipsOnlyItsProcedure() throws IOException {
        List<String> d = generate("broken.f90", """
                subroutine s(a)
                  real(8), intent(in) :: a(
                end subroutine s
                subroutine t(x)
                  real(8), intent(inot) :: x
                end subroutine t
                subroutine u(x
                  real(8) x
                end subroutine u
                """);
        assertEquals(List.of(
                "broken.f90:2:28: warning: skipped subroutine 's': expected an expression, found end of statement",
                "broken.f90:5:19: warning: skipped subroutine 't': unknown intent 'inot'; expected in, out, inout, hide, c, callback or aux",
                "broken.f90:7:15: warning: skipped subroutine 'u': expected ')' to close the argument list of 'u', found end of statement"), d);
    }

    @Test
    void bodyStatementsTheLexerCannotReadDoNotMatter() throws IOException {
        assertEquals(List.of(), generate("body.f90", """
                subroutine s(x)
                  real(8), intent(inout) :: x
                  x = x @ 2
                  print *, 'a' // `b`
                end subroutine s
                """));
        assertFalse(generate("body2.f90", "subroutine s(x)\n  real(8) :: x ` y\nend subroutine s\n").isEmpty(),
                "an unreadable declaration is reported");
    }
}
