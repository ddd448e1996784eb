// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestEval} ({@code numpy/f2py/tests/test_crackfortran.py}): f2py tests its
 * {@code _eval_scalar} on {@code '123'}, {@code '12 + 3'} and {@code 'a + b'} with {@code a=1, b=2}.
 * Gatun's counterpart folds named constants where they size arrays; the same three expressions give the
 * extents 123, 15 and 3 that {@code gatun show} prints. f2py's fourth case ({@code '"123"'} becoming
 * {@code "'123'"}) is a Python string repr and has no counterpart.
 */
class EvalTest {

    @TempDir
    Path dir;

    @Test
    void evalScalar() throws Exception {
        Path f = Files.writeString(dir.resolve("eval.f90"), """
                subroutine s(x, y, z)
                  integer, parameter :: a = 1, b = 2
                  integer, parameter :: n = 12 + 3, m = a + b
                  real(8), intent(inout) :: x(123), y(n), z(m)
                end subroutine s
                """);
        String shown = F2pyBuild.show(f);
        assertTrue(shown.contains(":: x(123)") && shown.contains(":: y(15)") && shown.contains(":: z(3)"), shown);
    }
}
