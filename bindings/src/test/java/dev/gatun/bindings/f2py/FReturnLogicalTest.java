// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of f2py's {@code TestFReturnLogical} ({@code numpy/f2py/tests/test_return_logical.py}):
 * {@code logical}, {@code logical*1/2/4} (F77, {@code return_logical/foo77.f}, whose {@code *8} variants
 * are commented out) and {@code logical(kind=1/2/4/8)} (module {@code f90_return_logical},
 * {@code return_logical/foo90.f90}) functions and {@code intent(out)} subroutines in one library.
 */
class FReturnLogicalTest extends ReturnLogicalTest {

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "return_logical/foo77.f", "return_logical/foo90.f90");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t1", "t2", "t4", "s0", "s1", "s2", "s4"})
    void allF77(String name) {
        checkFunction(procedure(module, name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t1", "t2", "t4", "t8", "s0", "s1", "s2", "s4", "s8"})
    void allF90(String name) {
        checkFunction(procedure(module, "f90_return_logical." + name));
    }
}
