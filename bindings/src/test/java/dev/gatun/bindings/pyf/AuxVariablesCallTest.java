// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.foreign.Arena;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * f2py's {@code intent(aux)} in a signature file ({@code src/test/resources/pyf/aux/aux.pyf} with {@code aux.f}):
 * auxiliary variables computed from the arguments, named by other arguments' dimensions, checks and defaults,
 * and by a callstatement; never a parameter of the Java method and never passed to the Fortran routine itself.
 */
class AuxVariablesCallTest {

    private static final Path DIR = Path.of("src/test/resources/pyf/aux");

    @TempDir
    Path dir;

    @Test
    void auxVariablesSizeArraysAndReachTheCallstatement() throws Exception {
        var m = F2pyBuild.buildFiles(dir, "aux", DIR.resolve("aux.pyf").toString(), DIR.resolve("aux.f").toString());
        String out = m.output();
        assertFalse(out.contains("'bands'") || out.contains("'scaled'"), out);
        assertEquals(3, method(m, "bands").getParameterCount(), "kx, nx, c; u, width, lw and w are not Java parameters");
        assertEquals(2, method(m, "scaled").getParameterCount(), "x and k; k1 is computed");
        try (Arena arena = Arena.ofConfined()) {
            // kx = 1, nx = 5: u = 3, c has u*u = 9 elements, lw = width = u*(kx+2) = 9.
            double[] nine = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            DoubleArray c = DoubleArray.of(arena, Order.FORTRAN, nine, 9);
            assertEquals(45 + 1000 * 9.0, m.call("bands", 1, 5, c));
            // kx = 2, nx = 5: u = 2, c has 4 elements, lw = 2*4 = 8.
            DoubleArray c4 = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 1, 1, 1}, 4);
            assertEquals(4 + 1000 * 8.0, m.call("bands", 2, 5, c4));
            // The extent u*u is checked before the call, with the aux value inlined: 4 elements are too few for u = 3.
            var tooShort = assertThrows(IllegalArgumentException.class, () -> m.call("bands", 1, 5, c4));
            assertTrue(tooShort.getMessage().contains("'c'") && tooShort.getMessage().contains("9"), tooShort.getMessage());

            // The callstatement passes k1 = k + 1 where the routine has k: r = (k + 1) * sum(x).
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {1.5, 2.5}, 2);
            assertEquals(4.0 * 3, m.call("scaled", x, 2));
            assertEquals(4.0, m.call("scaled", x, 0));
            var negative = assertThrows(IllegalArgumentException.class, () -> m.call("scaled", x, -1));
            assertEquals("parameter 'k': check(k >= 0) failed, k = -1", negative.getMessage());
        }
        // An aux variable in the argument list of a routine called directly, and one without a value that
        // sizes an array, are reported; those routines are skipped.
        assertTrue(out.contains("skipped subroutine 'wrong': argument 'u' is intent(aux): f2py keeps an auxiliary variable"), out);
        assertTrue(out.contains("skipped subroutine 'unset': argument 'c' uses intent(aux) 'm', which has no value"), out);
        assertTrue(Arrays.stream(m.type().getMethods()).noneMatch(q -> q.getName().equals("wrong") || q.getName().equals("unset")));
    }

    @Test
    void auxVariablesInF2pyLinesOfAFortranSource() throws Exception {
        var m = F2pyBuild.buildFiles(dir.resolve("bins"), "auxsrc", DIR.resolve("bins.f90").toString());
        String out = m.output();
        try (Arena arena = Arena.ofConfined()) {
            // nitems is a module variable: the procedure is bound, its extent unchecked and said so.
            assertTrue(out.contains("'nitems', which is neither a dummy argument nor a named constant"), out);
            assertEquals(6, m.call("bins.total", IntArray.of(arena, Order.FORTRAN, new int[] {1, 2, 3}, 3)));
            // u = nx - kx - 1 = 2 is inlined into check(size(c) >= u*u).
            DoubleArray c = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3, 4}, 4);
            assertEquals(10.0, m.call("bins.band", 1, 4, c));
            var small = assertThrows(IllegalArgumentException.class, () -> m.call("bins.band", 1, 5, c));
            assertEquals("parameter 'c': check(size(c) >= (((nx - kx) - 1) * ((nx - kx) - 1))) failed, c = DoubleArray[shape=(4,), strides=(1,), order=FORTRAN]",
                    small.getMessage());
        }
        assertTrue(out.contains("skipped subroutine 'wrong': parameter 'n' is intent(aux): f2py keeps an auxiliary variable"), out);
    }

    private static Method method(F2pyBuild m, String name) {
        return Arrays.stream(m.type().getMethods()).filter(q -> q.getName().equals(name)).findFirst().orElseThrow();
    }
}
