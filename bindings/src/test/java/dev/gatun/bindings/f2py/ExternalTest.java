// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestExternal} ({@code numpy/f2py/tests/test_crackfortran.py}, gh-17859):
 * {@code external fcn} as a statement and as an attribute ({@code integer(8), external :: fcn}), no
 * interface block, called as {@code fcn(0)} ({@code crackfortran/gh17859.f}); the callback signature
 * {@code (integer) -> integer(8)} is inferred from that call.
 */
class ExternalTest {

    @TempDir
    Path dir;

    @Test
    void externalAsStatementAndAsAttribute() throws Exception {
        var m = F2pyBuild.build(dir, "crackfortran/gh17859.f");
        Object incr = m.callback("ExternalAsStatementFcn", a -> ((Number) a[0]).longValue() + 123);
        assertEquals(123L, m.call("external_as_statement", incr));
        Object incr2 = m.callback("ExternalAsAttributeFcn", a -> ((Number) a[0]).longValue() + 123);
        assertEquals(123L, m.call("external_as_attribute", incr2));
    }
}
