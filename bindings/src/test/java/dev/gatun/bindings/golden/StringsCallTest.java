// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.IntArray;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fortran {@code character} arguments of every intent, results, optional strings and arrays of strings, built and called. */
class StringsCallTest {

    @TempDir
    static Path dir;

    static BuiltBinding strings;

    @BeforeAll
    static void build() throws Exception {
        strings = BuiltBinding.build("strings", dir);
    }

    @Test
    void aShorterStringIsBlankPaddedAndALongerOneCut() {
        try (Arena arena = Arena.ofConfined()) {
            IntArray c = IntArray.allocate(arena, 5);
            strings.call("codes5", "ab", c);
            assertArrayEquals(new int[] {'a', 'b', ' ', ' ', ' '}, c.toArray());
            strings.call("codes5", "", c);
            assertArrayEquals(new int[] {' ', ' ', ' ', ' ', ' '}, c.toArray());
            strings.call("codes5", "123456789", c);
            assertArrayEquals(new int[] {'1', '2', '3', '4', '5'}, c.toArray());
        }
    }

    @Test
    void assumedLengthIsTheUtf8Length() {
        assertEquals(0, strings.call("lengthOf", ""));
        assertEquals(5, strings.call("lengthOf", "hello"));
        assertEquals(2, strings.call("lengthOf", "\u00e9"), "e-acute is two bytes in UTF-8");
    }

    @Test
    void aOneMebibyteStringGoesThroughHeapMemoryNotTheStack() {
        // Issue 14 item 3: the shim copied character(*) arguments onto the thread stack, and this killed the JVM.
        String big = "ab".repeat(512 * 1024);
        assertEquals(512L * 1024, strings.call("countOf", big, "a"));
        String huge = "x".repeat(16 * 1024 * 1024);
        assertEquals(16L * 1024 * 1024, strings.call("countOf", huge, "x"));
    }

    @Test
    void intentOutStringsAreReturnedWithoutTheirPadding() {
        assertEquals("HELLO", strings.call("upper", "hello"));
        assertEquals("ABCDEFGH", strings.call("upper", "abcdefghij"));
    }

    @Test
    void intentInoutStringsComeBackAsResults() {
        Object r = strings.call("stamp", "abcd", "xyz");
        assertEquals("Fbcd", BuiltBinding.component(r, "fixed"));
        assertEquals("xyA", BuiltBinding.component(r, "any"));
        // A shorter fixed-length value is padded before the call; the padding is stripped again after it.
        assertEquals("F", BuiltBinding.component(strings.call("stamp", "", "q"), "fixed"));
    }

    @Test
    void functionsReturnCharacter() {
        assertEquals("ababab", strings.call("repeat3", "ab"));
        assertEquals("x x x", strings.call("repeat3", "x"), "'x ' three times, the last blank stripped");
    }

    @Test
    void anOptionalStringIsAbsentWhenNull() {
        assertEquals("hi nobody", strings.call("greet", (Object) null));
        assertEquals("hi there", strings.call("greet", "there"));
    }

    @Test
    void arraysOfStrings() {
        assertEquals(6, strings.call("joined", (Object) new String[] {"ab", "cde", "f"}));
        String[] words = {"abc", "xy", ""};
        strings.call("reverseEach", (Object) words);
        assertArrayEquals(new String[] {"cba", "yx", ""}, words);
        var nullElement = assertThrows(IllegalArgumentException.class, () -> strings.call("joined", (Object) new String[] {"a", null}));
        assertTrue(nullElement.getMessage().startsWith("parameter 'words': element 1 is null"), nullElement.getMessage());
        var nullArray = assertThrows(NullPointerException.class, () -> strings.call("joined", (Object) null));
        assertEquals("words", nullArray.getMessage());
    }
}
