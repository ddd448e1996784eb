// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of f2py's {@code TestFReturnReal} ({@code numpy/f2py/tests/test_return_real.py}): {@code real},
 * {@code real*4}, {@code real*8} and {@code double precision} functions and {@code intent(out)}
 * subroutines, in F77 ({@code return_real/foo77.f}) and in module {@code f90_return_real}
 * ({@code return_real/foo90.f90}), built into one library as f2py builds them: the module's
 * procedures have the same names as the F77 ones and are reached through the module's nested class.
 */
class FReturnRealTest extends ReturnRealTest {

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "return_real/foo77.f", "return_real/foo90.f90");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t4", "t8", "td", "s0", "s4", "s8", "sd"})
    void allF77(String name) {
        checkFunction(procedure(module, name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t4", "t8", "td", "s0", "s4", "s8", "sd"})
    void allF90(String name) {
        checkFunction(procedure(module, "f90_return_real." + name), name);
    }
}
