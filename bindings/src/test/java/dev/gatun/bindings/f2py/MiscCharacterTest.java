package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestMiscCharacter} ({@code numpy/f2py/tests/test_character.py}, inline source saved as
 * {@code character/TestMiscCharacter.f90}). <b>Partial</b>: gh18684 (arrays of {@code character(len=5)} in, the
 * intent(out) array returned), gh4519 (an assumed-length string array) and gh3425 (a function returning
 * {@code character(len=len(x))}) are bound and called with f2py's values. gh6308 and the two
 * {@code character_bc} routines write C expressions in {@code !f2py} lines of a Fortran source
 * ({@code check(i>=0 && i<12)}, {@code x=='a'?1:2}, {@code *x}, {@code x[0]}), which Gatun's Fortran frontend
 * does not read (its {@code .pyf} frontend does): they are skipped with a {@code file:line:col} warning, asserted here.
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
        assertTrue(out.contains("TestMiscCharacter.f90:14:20: warning: skipped subroutine 'test_misc_character_gh6308': unexpected character '&'"), out);
        assertTrue(out.contains("TestMiscCharacter.f90:47:37: warning: skipped subroutine 'test_misc_character_character_bc_new'"), out);
        assertTrue(out.contains("TestMiscCharacter.f90:63:38: warning: skipped subroutine 'test_misc_character_character_bc_old'"), out);
    }
}
