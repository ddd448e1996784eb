// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ports f2py's {@code TestFReturnCharacter} ({@code numpy/f2py/tests/test_return_character.py}, with
 * {@code check_function} of its base {@code TestReturnCharacter}): functions returning
 * {@code character}, and subroutines with an {@code intent(out)} string, in F77 and in module
 * {@code f90_return_char}, whose procedures have the same names as the F77 ones.
 *
 * <p>Not ported, because they test Python conversions only: {@code t(array("ab"))} (a NumPy array as a
 * string), {@code t(array(77, "u1"))} (a byte as a string) and {@code t(23)} (an int converted to its
 * text; the Java call passes {@code "23"}). f2py's F77 list leaves out {@code ts}, whose result is
 * {@code character*(*)}: Gatun skips it with a warning, as its length is unknown.
 */
class FReturnCharacterTest {

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "return_character/foo77.f", "return_character/foo90.f90");
    }

    private static void checkFunction(String name, String tname) {
        switch (tname) {
            case "t0", "t1", "s0", "s1" -> {
                assertEquals("2", module.call(name, "23"));
                assertEquals("a", module.call(name, "ab"));
            }
            case "ts", "ss" -> {
                assertEquals("23", module.call(name, "23"));
                assertEquals("123456789a", module.call(name, "123456789abcdef"));
            }
            case "t5", "s5" -> {
                assertEquals("23", module.call(name, "23"));
                assertEquals("ab", module.call(name, "ab"));
                assertEquals("12345", module.call(name, "123456789abcdef"));
            }
            default -> throw new UnsupportedOperationException(tname);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t1", "t5", "s0", "s1", "s5", "ss"})
    void allF77(String name) {
        checkFunction(name, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t1", "t5", "ts", "s0", "s1", "s5", "ss"})
    void allF90(String name) {
        checkFunction("f90_return_char." + name, name);
    }
}
