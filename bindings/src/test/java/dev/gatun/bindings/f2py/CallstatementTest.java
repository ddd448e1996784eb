// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestCallstatement} ({@code numpy/f2py/tests/test_semicolon_split.py}): a signature
 * file ({@code semicolon_split/TestCallstatement.pyf}) whose {@code callstatement} spans continuation lines
 * with {@code ';'} in its C code and sets the {@code intent(out)} variable itself ({@code x = 42}) instead of
 * calling the routine. Gatun compiles the callstatement into a C wrapper in the same library.
 */
class CallstatementTest {

    @TempDir
    Path dir;

    @Test
    void callstatement() throws Exception {
        F2pyBuild module = F2pyBuild.build(dir, "semicolon_split/TestCallstatement.pyf");
        assertEquals(42, module.call("foo"));
    }
}
