// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestNoSpace} ({@code numpy/f2py/tests/test_crackfortran.py}, gh-15035, source
 * {@code crackfortran/gh15035.f}): {@code endsubroutine} and {@code endfunction} written without a blank.
 * {@code subc}'s {@code intent(out) k(size(w))} is passed by the caller here and checked to be
 * {@code w + 1} (f2py's {@code subc([w, k])} discards the array it returns, so its assert re-checks
 * {@code subb}'s result); {@code t0} returns a {@code character}.
 */
class NoSpaceTest {

    @TempDir
    Path dir;

    @Test
    void module() throws Exception {
        var m = F2pyBuild.build(dir, "crackfortran/gh15035.f");
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray k = DoubleArray.of(arena, Order.C, new double[] {1, 2, 3}, 3);
            double[] w = {1, 2, 3};
            m.call("subb", k);
            assertArrayEquals(new double[] {2, 3, 4}, k.toArray());
            DoubleArray wa = DoubleArray.of(arena, Order.C, w, 3);
            m.call("subc", wa, k);
            assertArrayEquals(new double[] {2, 3, 4}, k.toArray());
        }
        assertEquals("2", m.call("t0", "23"));
    }
}
