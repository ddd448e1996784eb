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
 * ({@code return_real/foo90.f90}).
 *
 * <p>f2py builds both files into one module; here each half is its own library until module
 * procedures get their own Java namespace (the same names {@code t0}...{@code sd} appear in both
 * files, which is refused today).
 */
class FReturnRealTest extends ReturnRealTest {

    @TempDir
    static Path dir;

    static F2pyBuild f77;
    static F2pyBuild f90;

    @BeforeAll
    static void build() throws Exception {
        f77 = F2pyBuild.build(dir.resolve("f77"), "return_real/foo77.f");
        f90 = F2pyBuild.build(dir.resolve("f90"), "return_real/foo90.f90");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t4", "t8", "td", "s0", "s4", "s8", "sd"})
    void allF77(String name) {
        checkFunction(procedure(f77, name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t0", "t4", "t8", "td", "s0", "s4", "s8", "sd"})
    void allF90(String name) {
        checkFunction(procedure(f90, name), name);
    }
}
