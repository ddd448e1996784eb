// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestMiscCharacter} ({@code numpy/f2py/tests/test_character.py}, inline source saved as
 * {@code character/TestMiscCharacter.f90}). <b>Partial</b>: gh18684 (arrays of {@code character(len=5)} in, the
 * intent(out) array returned), gh6308 (a {@code character*5} array in blank COMMON, a C-syntax check
 * {@code i>=0 && i<12}), gh4519 (an assumed-length string array) and gh3425 (a function returning
 * {@code character(len=len(x))}) are bound and called with f2py's values. The two {@code character_bc}
 * routines use C's {@code ?:}, {@code *x} and {@code x[0]} and a {@code callstatement} in {@code !f2py} lines of
 * a Fortran source, which Gatun's Fortran frontend does not read (its {@code .pyf} frontend does): they are
 * skipped with a {@code file:line:col} warning, asserted here.
 */
class MiscCharacterTest {

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.build(dir, "character/TestMiscCharacter.f90");
    }

    @Test
    void gh18684() {
        String[] x = {"abcde", "fghij"};
        assertArrayEquals(x, (String[]) m.call("test_misc_character_gh18684", (Object) x), "y = f(x); y == x");
    }

    @Test
    void gh6308() {
        // f2py: _BLNK_.name is an S5 array of 12; the blank COMMON's class here is Blank, getName() a String[] copy.
        Class<?> blank = m.nested("blank");
        assertEquals(12, ((String[]) F2pyBuild.invokeStatic(blank, "getName")).length);
        m.call("test_misc_character_gh6308", "abcde", 0);
        assertEquals("abcde", ((String[]) F2pyBuild.invokeStatic(blank, "getName"))[0]);
        m.call("test_misc_character_gh6308", "12345", 5);
        assertEquals("12345", ((String[]) F2pyBuild.invokeStatic(blank, "getName"))[5]);
        var outside = assertThrows(IllegalArgumentException.class, () -> m.call("test_misc_character_gh6308", "x", 12));
        assertEquals("parameter 'i': check((i >= 0) .and. (i < 12)) failed, i = 12", outside.getMessage());
    }

    @Test
    void gh4519() {
        // f2py checks the shape and itemsize of the array it returns; here the caller's array comes back in place.
        for (String[] x : new String[][] {{"a"}, {"text"}, {"1", "2", "3"}, {"1", "2", "34"}, {"", ""}}) {
            String[] copy = x.clone();
            m.call("test_misc_character_gh4519", (Object) x);
            assertArrayEquals(copy, x);
        }
    }

    @Test
    void gh3425() {
        assertEquals("ABC", m.call("test_misc_character_gh3425", "abC"));
        assertEquals("", m.call("test_misc_character_gh3425", ""));
        assertEquals("ABC12D", m.call("test_misc_character_gh3425", "abC12d"));
    }

    @Test
    void cExpressionsInFortranDirectivesAreSkippedWithTheirPosition() {
        String out = m.output();
        assertTrue(out.contains("TestMiscCharacter.f90:47:37: warning: skipped subroutine 'test_misc_character_character_bc_new'"), out);
        assertTrue(out.contains("TestMiscCharacter.f90:63:38: warning: skipped subroutine 'test_misc_character_character_bc_old'"), out);
    }
}
