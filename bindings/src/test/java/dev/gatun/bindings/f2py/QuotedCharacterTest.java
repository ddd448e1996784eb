// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports f2py's {@code TestQuotedCharacter} ({@code numpy/f2py/tests/test_quoted_character.py}): an F77
 * {@code PARAMETER} statement of quoted characters that look like syntax ({@code ' " ; ! ( )}), and six
 * {@code intent(out)} strings, returned together as a record.
 */
class QuotedCharacterTest {

    @TempDir
    Path dir;

    @Test
    void quotedCharacter() throws Exception {
        var module = F2pyBuild.build(dir, "quoted_character/foo.f");
        Object r = module.call("foo");
        var values = Arrays.stream(r.getClass().getRecordComponents()).map(c -> {
            try {
                return c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(java.util.List.of("'", "\"", ";", "!", "(", ")"), values);
    }
}
