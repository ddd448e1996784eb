// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.LongArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestF90Callback} ({@code numpy/f2py/tests/test_callback.py}, gh-17797): an
 * {@code external f} declared {@code integer(8)} without an interface block, called as {@code f(0)}
 * ({@code callback/gh17797.f90}); Gatun infers {@code (integer x) -> integer(8)} from the call, as f2py does.
 */
class F90CallbackTest {

    @TempDir
    Path dir;

    @Test
    void gh17797() throws Exception {
        var m = F2pyBuild.build(dir, "callback/gh17797.f90");
        Object incr = m.callback("Gh17797F", a -> ((Number) a[0]).longValue() + 123);
        try (Arena arena = Arena.ofConfined()) {
            LongArray y = LongArray.of(arena, Order.FORTRAN, new long[] {1, 2, 3}, 3);
            assertEquals(123L + 1 + 2 + 3, m.call("gh17797", incr, y));
        }
    }
}
