// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.ByteArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of f2py's {@code TestCharacterString} ({@code numpy/f2py/tests/test_character.py}, inline source saved as
 * {@code character/TestCharacterString.f90}), for the lengths {@code 1}, {@code 3} and {@code star}
 * ({@code character*(*)}): strings in and out, arrays of strings in and out (rank 1 and 2), with extents from
 * f2py's {@code slen}, {@code len}, {@code shape} and {@code f2py_itemsize}, and {@code integer*1} outputs
 * returned as {@code ByteArray}s. Arrays of strings are {@code String[]} / {@code String[][]}; arrays of
 * {@code character*1} are f2py's {@code 'c'} arrays, bound as {@code ByteArray}s (one byte per element), so for
 * length 1 the arrays are passed as bytes.
 */
class CharacterStringTest {

    private static final Map<String, String> LOWER = Map.of("1", "a", "3", "abc", "star", "abcde".repeat(3));
    private static final Map<String, String> UPPER = Map.of("1", "A", "3", "ABC", "star", "ABCDE".repeat(3));
    private static final Map<String, String> LOWER2 = Map.of("1", "f", "3", "fgh", "star", "fghij".repeat(3));
    private static final Map<String, String> UPPER2 = Map.of("1", "F", "3", "FGH", "star", "FGHIJ".repeat(3));

    @TempDir
    static Path dir;

    static F2pyBuild m;
    static Arena arena;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.build(dir, "character/TestCharacterString.f90");
        arena = Arena.ofShared();
    }

    @AfterAll
    static void close() {
        if (arena != null) {
            arena.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteArray u1(byte[] values, long... shape) {
        return ByteArray.of(arena, Order.FORTRAN, values, shape);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3", "star"})
    void input(String length) {
        String a = LOWER.get(length);
        ByteArray o = (ByteArray) m.call("test_character_string_input_" + length, a);
        assertArrayEquals(bytes(a), o.toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3"})
    void output(String length) {
        String a = LOWER.get(length);
        assertEquals(a, m.call("test_character_string_output_" + length, u1(bytes(a), a.length())));
    }

    /** A Fortran-order m x n byte array whose row i holds the bytes of strings[i]. */
    private static ByteArray rows(String... strings) {
        int n = strings[0].length();
        byte[] v = new byte[strings.length * n];
        for (int i = 0; i < strings.length; i++) {
            for (int k = 0; k < n; k++) {
                v[k * strings.length + i] = (byte) strings[i].charAt(k);
            }
        }
        return u1(v, strings.length, n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3", "star"})
    void arrayInput(String length) {
        String[] a = {LOWER.get(length), UPPER.get(length)};
        Object c = length.equals("1") ? u1(bytes(a[0] + a[1]), 2) : a;
        ByteArray o = (ByteArray) m.call("test_character_string_array_input_" + length, c);
        assertArrayEquals(rows(a).toArray(), o.toArray());
        assertArrayEquals(new long[] {2, a[0].length()}, o.shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3", "star"})
    void arrayOutput(String length) {
        String[] expected = {LOWER.get(length), UPPER.get(length)};
        // f2py returns c; a Java caller passes the String[] the routine fills (Java has no out-parameter strings).
        String[] c = {"", ""};
        m.call("test_character_string_array_output_" + length, c, rows(expected));
        assertArrayEquals(expected, c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3", "star"})
    void twoDimensionalArrayInput(String length) {
        String[][] a = {{LOWER.get(length), UPPER.get(length)}, {LOWER2.get(length), UPPER2.get(length)}};
        int n = a[0][0].length();
        Object c = length.equals("1") ? u1(bytes(a[0][0] + a[1][0] + a[0][1] + a[1][1]), 2, 2) : a;
        ByteArray o = (ByteArray) m.call("test_character_string_2d_array_input_" + length, c);
        assertArrayEquals(new long[] {2, 2, n}, o.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < n; k++) {
                    assertEquals((byte) a[i][j].charAt(k), o.get(i, j, k), "o(" + i + ", " + j + ", " + k + ")");
                }
            }
        }
    }
}
