// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestKind} ({@code numpy/f2py/tests/test_kind.py}, source {@code kind/foo.f90}):
 * {@code selected_int_kind} and {@code selected_real_kind} computed by gfortran agree with numpy's
 * model of them ({@code _selected_int_kind_func}, {@code _selected_real_kind_func}, ported below).
 * {@code r} of {@code selectedrealkind} has the f2py default {@code !f2py integer :: r=0}, so it may be
 * left out (null), as the Python test leaves it out.
 */
class KindTest {

    @TempDir
    Path dir;

    /** numpy.f2py.crackfortran._selected_int_kind_func. */
    static int selectedIntKind(int r) {
        java.math.BigInteger m = java.math.BigInteger.TEN.pow(r);
        for (int[] bound : new int[][] {{8, 1}, {16, 2}, {32, 4}, {63, 8}, {128, 16}}) {
            if (m.compareTo(java.math.BigInteger.TWO.pow(bound[0])) <= 0) {
                return bound[1];
            }
        }
        return -1;
    }

    /** numpy.f2py.crackfortran._selected_real_kind_func on x86-64 (its branch for machines with 80-bit reals). */
    static int selectedRealKind(int p) {
        if (p < 7) {
            return 4;
        }
        if (p < 16) {
            return 8;
        }
        return p < 19 ? 10 : p <= 20 ? 16 : -1;
    }

    @Test
    void all() throws Exception {
        var m = F2pyBuild.build(dir, "kind/foo.f90");
        for (int i = 0; i < 40; i++) {
            assertEquals(selectedIntKind(i), m.call("selectedintkind", i), "selectedintkind(" + i + ")");
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(selectedRealKind(i), m.call("selectedrealkind", i, null), "selectedrealkind(" + i + ")");
        }
    }
}
