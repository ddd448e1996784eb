// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of f2py's {@code TestFReturnInteger} ({@code numpy/f2py/tests/test_return_integer.py}):
 * {@code integer}, {@code integer*1/2/4/8} (and {@code integer(kind=...)}) functions and
 * {@code intent(out)} subroutines, F77 ({@code return_integer/foo77.f}) and module
 * {@code f90_return_integer} ({@code return_integer/foo90.f90}) in one library.
 */
class FReturnIntegerTest extends ReturnIntegerTest {

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "return_integer/foo77.f", "return_integer/foo90.f90");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t1", "t2", "t4", "t8", "s0", "s1", "s2", "s4", "s8"})
    void allF77(String name) {
        checkFunction(procedure(module, name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t1", "t2", "t4", "t8", "s0", "s1", "s2", "s4", "s8"})
    void allF90(String name) {
        checkFunction(procedure(module, "f90_return_integer." + name), name);
    }
}
