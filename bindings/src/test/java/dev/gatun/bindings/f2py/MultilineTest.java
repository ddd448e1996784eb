// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestMultiline} ({@code numpy/f2py/tests/test_semicolon_split.py}): a signature file
 * ({@code semicolon_split/TestMultiline.pyf}) whose {@code usercode} block holds a {@code ';'} inside a C
 * character literal, which must not split the block; {@code foo} is the usercode's C function, bound through
 * {@code intent(c)}, its {@code intent(out)} argument returned.
 */
class MultilineTest {

    @TempDir
    Path dir;

    @Test
    void multiline() throws Exception {
        F2pyBuild module = F2pyBuild.build(dir, "semicolon_split/TestMultiline.pyf");
        assertEquals(42, module.call("foo"));
    }
}
