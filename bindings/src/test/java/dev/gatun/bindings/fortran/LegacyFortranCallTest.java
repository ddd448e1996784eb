// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.f2py.F2pyBuild;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F77 and F90 as really written, built with gfortran and called (sources in
 * {@code src/test/resources/fortran/legacy/}): insignificant blanks in fixed form, DIMENSION,
 * EXTERNAL, COMMON, DATA and EQUIVALENCE statements, PARAMETER without parentheses, {@code **} in
 * bounds, {@code intent(in out)}, a keyword as a variable name, a preprocessed {@code .F90}, fixed-form
 * code in a {@code .f90} file, a kind from a module in a file named after its user, and a procedure the
 * parser cannot read skipped while the rest of its file binds.
 */
class LegacyFortranCallTest {

    private static final Path DIR = Path.of("src/test/resources/fortran/legacy");

    @TempDir
    Path dir;

    private static String src(String name) {
        return DIR.resolve(name).toString();
    }

    @Test
    void realF77BuildsAndCalls() throws Exception {
        // user.f90 uses module kinds, which is defined in kinds.f90, named after it on the command line.
        var m = F2pyBuild.buildFiles(dir, "legacy", src("legacy.f"), src("pp.F90"), src("user.f90"), src("kinds.f90"),
                src("fixed90.f90"), src("broken.f90"));
        String out = m.output();
        assertTrue(out.contains("legacy.f:29:7: warning: skipped EQUIVALENCE in function 'ispos': Gatun does not bind storage association"
                + " (the procedure itself is bound)"), out);
        assertTrue(out.contains("broken.f90:9:33: warning: skipped subroutine 'bad': expected an expression, found '/'"), out);

        // SCALE2: DIMENSION A(N), B(2**2); 'ER 1 = 0.5', 'IF (N. LT. 0)', '220.20 68679' in the body.
        double[] a = {1, 2, 3};
        double[] b = new double[4];
        m.call("scale2", a, b, 7.0);
        assertArrayEquals(new double[] {2, 4, 6}, a);
        assertEquals(220.2068679, b[3], 1e-12, "PARAMETER NN = 3 without parentheses; B(NN+1) = 220.20 68679");
        var tooShort = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> m.call("scale2", new double[] {1}, new double[3], 0.0));
        assertTrue(tooShort.getMessage().contains("'b'"), tooShort.getMessage());

        // LOGICAL BIND: a keyword as a variable name; COMMON, DATA and EQUIVALENCE in the same unit.
        assertEquals(true, m.call("ispos", true, 1));
        assertEquals(false, m.call("ispos", true, -1));

        // INTENT(IN OUT) :: X with DIMENSION X(3) in a separate statement.
        float[] x = {1, 2, 3};
        m.call("inout", (Object) x);
        assertArrayEquals(new float[] {6, 2, 3}, x);

        // pp.F90 went through the preprocessor: x is real(REAL_KIND) = real(8).
        assertEquals(42.0, ((Number) m.call("twice", 21.0)).doubleValue());

        // real(wp) from module kinds: double.
        double[] v = {1, 2};
        m.call("usek", (Object) v);
        assertArrayEquals(new double[] {2, 3}, v);

        // Fixed form in a .f90 file, with a column-6 continuation line.
        double[] y = {1, 2};
        m.call("addone", (Object) y);
        assertArrayEquals(new double[] {2, 3}, y);

        // The readable neighbour of the unreadable procedure is bound.
        assertEquals(-2.5, ((Number) m.call("good", 2.5)).doubleValue());
        assertTrue(Arrays.stream(m.type().getMethods()).noneMatch(meth -> meth.getName().equals("bad")), "bad is skipped");
    }
}
