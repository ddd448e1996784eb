// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestCrackFortran} ({@code numpy/f2py/tests/test_crackfortran.py}, source
 * {@code crackfortran/gh2848.f90}): comment lines between the continued lines of an argument list. The two
 * {@code intent(out)} scalars come back as a record, Java's counterpart of f2py's tuple {@code (1, 2)}.
 */
class CrackFortranTest {

    @TempDir
    Path dir;

    @Test
    void gh2848() throws Exception {
        var m = F2pyBuild.build(dir, "crackfortran/gh2848.f90");
        Object r = m.call("gh2848", 1, 2);
        assertEquals(1, F2pyBuild.component(r, "par3"));
        assertEquals(2, F2pyBuild.component(r, "par4"));
    }
}
