// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of f2py's {@code TestCReturnReal} ({@code numpy/f2py/tests/test_return_real.py}): a signature file
 * ({@code return_real/TestCReturnReal.pyf}, the test's inline {@code code}) whose {@code usercode} defines C
 * functions and whose {@code intent(c)} routines bind them: {@code t4}/{@code t8} return their argument,
 * {@code s4}/{@code s8} write it to an {@code intent(out)} pointer. Same checks as {@link FReturnRealTest}.
 */
class CReturnRealTest extends ReturnRealTest {

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "return_real/TestCReturnReal.pyf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t4", "t8", "s4", "s8"})
    void all(String name) {
        checkFunction(procedure(module, name), name);
    }
}
