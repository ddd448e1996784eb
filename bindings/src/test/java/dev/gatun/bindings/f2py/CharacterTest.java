// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.ByteArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestCharacter} ({@code numpy/f2py/tests/test_character.py}, inline source saved as
 * {@code character/TestCharacter.f90}): {@code character} scalars are Java strings of length 1, arrays of
 * {@code character} are f2py's {@code 'c'} arrays, bound as {@code ByteArray}s (any rank, zero copy), and
 * {@code intent(out)} arrays of fixed shape are returned.
 *
 * <p>Left out or different, each said at its assert: NumPy dtype variants ({@code 'c'}, {@code 'S1'},
 * {@code 'U1'}), slices and Python type errors ({@code f([])}, {@code f(97)}) test Python conversions only;
 * an empty string is blank-padded (Fortran assignment, Gatun's documented rule) where f2py pads with NUL, so
 * {@code f('')} gives {@code ' '}; an array longer than the declared {@code c(3)} is accepted (Gatun requires
 * extent >= 3, as a Fortran explicit-shape dummy allows), a shorter one is refused. {@code test_array_return}
 * is skipped in f2py itself ("fortran function returning array segfaults").
 */
class CharacterTest {

    @TempDir
    static Path dir;

    static F2pyBuild m;
    static Arena arena;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.build(dir, "character/TestCharacter.f90");
        arena = Arena.ofShared();
    }

    @AfterAll
    static void close() {
        if (arena != null) {
            arena.close();
        }
    }

    private static ByteArray chars(String s, long... shape) {
        return ByteArray.of(arena, Order.FORTRAN, s.getBytes(StandardCharsets.US_ASCII), shape);
    }

    private static String text(ByteArray a) {
        return new String(a.toArray(), StandardCharsets.US_ASCII);
    }

    @Test
    void input() {
        assertEquals((byte) 'a', m.call("test_character_input", "a"));
        assertEquals((byte) 'a', m.call("test_character_input", "ab"), "cut to the declared length 1");
        assertEquals((byte) ' ', m.call("test_character_input", ""), "f2py: 0 (NUL padding); Gatun blank-pads");
    }

    @Test
    void arrayInput() {
        ByteArray o = (ByteArray) m.call("test_character_array_input", chars("abc", 3));
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), o.toArray());
        assertThrows(IllegalArgumentException.class, () -> m.call("test_character_array_input", chars("ab", 2)));
    }

    @Test
    void twoDimensionalArrayInput() {
        ByteArray a = chars("adbecf", 2, 3); // [['a','b','c'], ['d','e','f']] in Fortran order
        ByteArray o = (ByteArray) m.call("test_character_2d_array_input", a);
        assertArrayEquals(new long[] {2, 3}, o.shape());
        assertArrayEquals(a.toArray(), o.toArray(), "expected = a.view(np.uint8)");
    }

    @Test
    void output() {
        assertEquals("a", m.call("test_character_output", (byte) 'a'));
        assertEquals("\0", m.call("test_character_output", (byte) 0));
    }

    @Test
    void arrayOutput() {
        ByteArray c = (ByteArray) m.call("test_character_array_output", ByteArray.of(arena, Order.FORTRAN,
                new byte[] {'a', 'b', 'c'}, 3));
        assertEquals("abc", text(c));
    }

    @Test
    void inputOutput() {
        assertEquals("a", m.call("test_character_input_output", "a"));
        assertEquals("", m.call("test_character_input_output", ""), "f2py: b'\\0' (NUL padding); Gatun blank-pads, read back stripped");
    }

    @Test
    void inout() {
        // f2py changes a NumPy array in place; a Java string is immutable, so the new value is returned.
        assertEquals("A", m.call("test_character_inout", "a", "A"));
    }

    @Test
    void arrayInout() {
        ByteArray n = chars("ABC", 3);
        ByteArray a = chars("abc", 3);
        m.call("test_character_array_inout", a, n);
        assertEquals("ABC", text(a));
        ByteArray row = chars("abc", 1, 3);
        assertThrows(IllegalArgumentException.class, () -> m.call("test_character_array_inout", row, n), "rank 2 for c(3)");
    }

    @Test
    void twoDimensionalArrayInout() {
        // The source's directive has a typo, '!f2py intent(inout) c(2. 3)', which f2py reads leniently; Gatun refuses
        // to guess at a directive (a contract) and skips the routine with the position of the typo. The rank-2
        // inout path itself is what twoDimensionalArrayInput and arrayInout call.
        assertTrue(m.output().contains("TestCharacter.f90:79:29: warning: skipped subroutine 'test_character_2d_array_inout': expected ')'"
                + " to close the array dimensions, found '3'"), m.output());
    }

    @Test
    void returns() {
        assertEquals("a", m.call("test_character_return", "a"));
    }

    @Test
    void optional() {
        assertEquals("a", m.call("test_character_optional", (Object) null));
        assertEquals("B", m.call("test_character_optional", "B"));
    }
}
