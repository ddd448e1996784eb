// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.FloatArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestIntentInOut} ({@code numpy/f2py/tests/test_regression.py}, source
 * {@code regression/inout.f90}): {@code intent(in out)} (with a blank) is {@code intent(inout)}, in a
 * fixed-form {@code .f90} file with a separate {@code dimension x(3)} statement.
 */
class IntentInOutTest {

    @TempDir
    Path dir;

    @Test
    void inout() throws Exception {
        var m = F2pyBuild.build(dir, "regression/inout.f90");
        try (Arena arena = Arena.ofConfined()) {
            FloatArray strided = FloatArray.of(arena, Order.C, new float[] {0, 1, 2, 3, 4, 5}, 6).slice(0, 0, 6, 2);
            assertThrows(IllegalArgumentException.class, () -> m.call("foo", strided), "non-contiguous should raise");
            FloatArray x = FloatArray.of(arena, Order.C, new float[] {0, 1, 2}, 3);
            m.call("foo", x);
            assertArrayEquals(new float[] {3, 1, 2}, x.toArray());
        }
    }
}
