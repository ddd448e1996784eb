// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestValueAttr} ({@code numpy/f2py/tests/test_value_attrspec.py}, gh-21665, source
 * {@code value_attrspec/gh21665.f90}): an {@code intent(in), value} argument of a module procedure.
 */
class ValueAttrTest {

    @TempDir
    Path dir;

    @Test
    void longLongMap() throws Exception {
        var m = F2pyBuild.build(dir, "value_attrspec/gh21665.f90");
        assertEquals(4, m.call("fortfuncs.square", 2));
    }
}
