// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestMixed} ({@code numpy/f2py/tests/test_mixed.py}): an F77 file
 * ({@code mixed/foo.f}), a module in fixed form in a {@code .f90} file ({@code mixed/foo_fixed.f90}, read as
 * fixed form by f2py's rule) and a free-form module ({@code mixed/foo_free.f90}) in one library; each
 * subroutine returns its {@code intent(out)} scalar. f2py's {@code test_docstring} checks the Python
 * docstring text and has no Java counterpart (the generated Javadoc carries the same facts).
 */
class MixedTest {

    @TempDir
    Path dir;

    @Test
    void all() throws Exception {
        var m = F2pyBuild.build(dir, "mixed/foo.f", "mixed/foo_fixed.f90", "mixed/foo_free.f90");
        assertEquals(11, m.call("bar11"));
        assertEquals(12, m.call("foo_fixed.bar12"));
        assertEquals(13, m.call("foo_free.bar13"));
    }
}
