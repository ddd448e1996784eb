// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.FloatArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestAssumedShapeSumExample} ({@code numpy/f2py/tests/test_assumed_shape.py}):
 * assumed-shape {@code x(:)} in external procedures ({@code assumed_shape/foo_free.f90}), in module
 * {@code mod} with the same names ({@code foo_mod.f90}), and with {@code real(kind=rk)} where {@code rk}
 * comes from module {@code precision} defined in a file named after its user ({@code foo_use.f90},
 * {@code precision.f90}, in f2py's order). f2py also lists {@code .f2py_f2cmap} (mapping {@code rk} to
 * C double) because it cannot evaluate {@code selected_real_kind(8)}; Gatun evaluates it, so the map is
 * not needed here (the map itself is exercised by the {@code TestF2cmapOption} port).
 */
class AssumedShapeSumExampleTest {

    @TempDir
    Path dir;

    @Test
    void all() throws Exception {
        var m = F2pyBuild.build(dir, "assumed_shape/foo_free.f90", "assumed_shape/foo_use.f90", "assumed_shape/precision.f90",
                "assumed_shape/foo_mod.f90");
        try (Arena arena = Arena.ofConfined()) {
            FloatArray x = FloatArray.of(arena, Order.C, new float[] {1, 2}, 2);
            assertEquals(3f, m.call("fsum", x));
            assertEquals(3f, m.call("sum", x));
            DoubleArray xd = DoubleArray.of(arena, Order.C, new double[] {1, 2}, 2);
            assertEquals(3.0, m.call("sum_with_use", xd));
            assertEquals(3f, m.call("mod.sum", x));
            assertEquals(3f, m.call("mod.fsum", x));
        }
    }
}
