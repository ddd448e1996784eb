// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Fortran source whose {@code !f2py} lines hold a {@code callstatement}: the procedure is read as f2py reads it,
 * as a signature-file routine, and called through its C wrapper. Free form with a continued {@code !f2py
 * callstatement}, fixed form with {@code cf2py} lines, and the procedures that are reported instead (a module
 * procedure, C's {@code *n} on an integer, a syntax error in an f2py line) while the rest of the file is bound.
 */
class CallStatementInSourceCallTest {

    private static final Path DIR = Path.of("src/test/resources/fortran/callstatement");

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.buildFiles(dir, "stmt", DIR.resolve("stmt.f90").toString(), DIR.resolve("add.f").toString());
    }

    @Test
    void aContinuedCallStatementInFreeForm() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3}, 3);
            m.call("scale", x, 2.5);
            assertArrayEquals(new double[] {2.5, 5, 7.5}, x.toArray());
        }
    }

    @Test
    void cf2pyLinesInFixedForm() {
        try (Arena arena = Arena.ofConfined()) {
            IntArray a = IntArray.of(arena, Order.FORTRAN, new int[] {1, 2, 41}, 3);
            m.call("addone", a);
            assertArrayEquals(new int[] {2, 3, 42}, a.toArray());
        }
    }

    @Test
    void whatCannotBeBoundIsReportedAndTheRestIsBound() {
        String out = m.output();
        assertTrue(out.contains("stmt.f90:24:11: warning: skipped subroutine 'inmod': a callstatement in a Fortran module routine"
                + " cannot reach the module procedure from C"), out);
        assertTrue(out.contains("stmt.f90:15:18: warning: skipped subroutine 'deref': check(*(n) > 0) of parameter 'n' uses C's '*'"
                + " on 'n'; Gatun reads *x and x[0] only for a character scalar of length 1, as its value (f2py's rule)"), out);
        // A syntax error in the signature skips that procedure with a warning; the build goes on.
        assertTrue(out.contains("stmt.f90:35:28: warning: expected an expression, found ')'"), out);
        assertTrue(out.contains("stmt.f90:33:12: warning: skipped subroutine 'broken': its declarations have errors (reported above)"), out);
        assertEquals(42, m.call("m.plain", 41));
    }
}
