// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.bindings.cli.GatunCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An intent(out) scalar with a default in an {@code !f2py} line starts with that value, as f2py sets it before the
 * call (F77 code often reads such a variable before it writes it); each call starts afresh, not from the value the
 * previous call left in the per-thread scratch cell.
 */
class OutDefaultCallTest {
    @TempDir
    static Path dir;

    private static BuiltBinding lib;

    @BeforeAll
    static void build() throws Exception {
        Files.writeString(dir.resolve("bump.f90"), """
                subroutine bump(k, n, x)
                  integer, intent(in) :: k
                  integer :: n
                  double precision :: x
                  !f2py integer, intent(out) :: n = 5
                  !f2py double precision, intent(out) :: x = 0.25 * k
                  n = n + k
                  x = x * 2
                end subroutine bump
                """);
        Path jar = dir.resolve("bump.jar");
        assertEquals(0, GatunCli.run("build", "-m", "bump", "--package", "outdefault.bump", "-o", jar.toString(),
                dir.resolve("bump.f90").toString()));
        lib = BuiltBinding.load(jar, "outdefault.bump.Bump");
    }

    @Test
    void anIntentOutScalarStartsWithItsDefaultOnEveryCall() {
        for (int call = 0; call < 3; call++) {
            Object result = lib.call("bump", 3);
            assertEquals(8, BuiltBinding.component(result, "n"), "5 + 3, call " + call);
            assertEquals(1.5, (double) BuiltBinding.component(result, "x"), "0.25 * 3 * 2, call " + call);
        }
    }
}
