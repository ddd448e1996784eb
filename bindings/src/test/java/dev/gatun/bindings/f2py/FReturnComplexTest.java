// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of f2py's {@code TestFReturnComplex} ({@code numpy/f2py/tests/test_return_complex.py}):
 * {@code complex}, {@code complex*8}, {@code complex*16} and {@code double complex} functions and
 * {@code intent(out)} subroutines, F77 ({@code return_complex/foo77.f}) and module
 * {@code f90_return_complex} ({@code return_complex/foo90.f90}) in one library.
 */
class FReturnComplexTest extends ReturnComplexTest {

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "return_complex/foo77.f", "return_complex/foo90.f90");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t8", "t16", "td", "s0", "s8", "s16", "sd"})
    void allF77(String name) {
        checkFunction(procedure(module, name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t8", "t16", "td", "s0", "s8", "s16", "sd"})
    void allF90(String name) {
        checkFunction(procedure(module, "f90_return_complex." + name), name);
    }
}
