// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports f2py's {@code TestDocStringArguments} ({@code numpy/f2py/tests/test_string.py}, source
 * {@code string/string.f}): F77 {@code CHARACTER*5} and {@code CHARACTER*(*)} arguments, intent(in)
 * ({@code a}, {@code c}) and inout ({@code b}, {@code d}).
 *
 * <p>f2py checks NumPy arrays changed in place; a Java string is immutable, so the inout values come
 * back in the result record and the intent(in) strings, which the routine also writes to, are
 * copies that the caller never sees change.
 */
class DocStringArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void example() throws Exception {
        var module = F2pyBuild.build(dir, "string/string.f");
        String a = "123\0\0";
        String c = "123";
        Object r = module.call("foo", a, "123\0\0", c, "123");
        assertEquals("123\0\0", a);
        assertEquals("B23\0\0", r.getClass().getMethod("b").invoke(r));
        assertEquals("123", c);
        assertEquals("D23", r.getClass().getMethod("d").invoke(r));
    }
}
