// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link FortranStrings#compare}: Fortran's character comparison, the shorter operand blank-padded. */
class FortranStringsCompareTest {

    @Test
    void trailingBlanksDoNotMatter() {
        assertEquals(0, FortranStrings.compare("a", "a  "));
        assertEquals(0, FortranStrings.compare("", "   "));
        assertEquals(0, FortranStrings.compare("abc", "abc"));
    }

    @Test
    void charactersCompareByCode() {
        assertTrue(FortranStrings.compare("a", "b") < 0);
        assertTrue(FortranStrings.compare("b", "a") > 0);
        // 'a' against the blank that pads "": a blank sorts first.
        assertTrue(FortranStrings.compare("", "a") < 0);
        // A character below the blank sorts before the padding.
        assertTrue(FortranStrings.compare("a\t", "a") < 0);
    }

    @Test
    void nullIsRefusedNamingTheOperand() {
        var e = assertThrows(NullPointerException.class, () -> FortranStrings.compare(null, "a"));
        assertEquals("left operand", e.getMessage());
    }
}
