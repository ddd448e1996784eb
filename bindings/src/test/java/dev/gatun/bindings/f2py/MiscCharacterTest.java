// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.ByteArray;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of f2py's {@code TestMiscCharacter} ({@code numpy/f2py/tests/test_character.py}, inline source saved as
 * {@code character/TestMiscCharacter.f90}): gh18684 (arrays of {@code character(len=5)} in, the intent(out) array
 * returned), gh6308 (a {@code character*5} array in blank COMMON, a C-syntax check {@code i>=0 && i<12}), gh4519 (an
 * assumed-length string array), gh3425 (a function returning {@code character(len=len(x))}) and the two
 * {@code character_bc} routines, whose {@code !f2py} lines hold a {@code callstatement}, C's {@code ?:}, {@code ||},
 * {@code *x} and {@code x[0]}: the Fortran frontend hands them to the signature-file frontend, as f2py reads them,
 * and both are called with f2py's values.
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

    /**
     * f2py's test_character_bc, both states: {@code c, a = f()} gives {@code b'a'} and one element, {@code f(b'b')}
     * gives {@code b'b'} and two, {@code f(b'c')} raises. The Fortran routine starts from y = x and writes z(1) = 'c'.
     */
    @ParameterizedTest
    @ValueSource(strings = {"new", "old"})
    void characterBc(String state) {
        String routine = "test_misc_character_character_bc_" + state;
        Object defaulted = m.call(routine, (Object) null);
        assertEquals("a", F2pyBuild.component(defaulted, "y"));
        ByteArray a = (ByteArray) F2pyBuild.component(defaulted, "z");
        assertEquals(1, a.shape(0));
        assertEquals('c', a.get(0));

        Object b = m.call(routine, "b");
        assertEquals("b", F2pyBuild.component(b, "y"));
        assertEquals(2, ((ByteArray) F2pyBuild.component(b, "z")).shape(0));
        assertEquals('c', ((ByteArray) F2pyBuild.component(b, "z")).get(0));

        var c = assertThrows(IllegalArgumentException.class, () -> m.call(routine, "c"));
        assertEquals("parameter 'x': check((x == 'a') .or. (x == 'b')) failed, x = c", c.getMessage());
    }

    @Test
    void everyRoutineIsBound() {
        // The character_bc routines were skipped before the Fortran frontend read !f2py callstatement lines.
        String out = m.output();
        assertFalse(out.contains("warning"), out);
    }
}
