// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.FloatArray;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestF2cmapOption} ({@code numpy/f2py/tests/test_assumed_shape.py}): the assumed-shape
 * sums of {@code TestAssumedShapeSumExample}, with the kind map copied to a file of another name and passed
 * with {@code --f2cmap}, as the f2py test does. {@code sum_with_use} takes {@code real(kind=rk)}, which the map
 * makes {@code double}; {@code rk} of module {@code precision} is {@code selected_real_kind(8)}, a double too.
 */
class F2cmapOptionTest {

    @TempDir
    Path dir;

    @Test
    void all() throws Exception {
        Path map = Files.copy(F2pyBuild.corpus("assumed_shape/.f2py_f2cmap"), Files.createDirectories(dir.resolve("map")).resolve("f2cmap_copy"));
        F2pyBuild module = F2pyBuild.build(dir.resolve("build"), "assumed_shape/foo_free.f90", "assumed_shape/foo_use.f90",
                "assumed_shape/precision.f90", "assumed_shape/foo_mod.f90", "--f2cmap", map.toString());
        try (Arena arena = Arena.ofConfined()) {
            FloatArray x = FloatArray.of(arena, Order.FORTRAN, new float[] {1, 2}, 2);
            DoubleArray xd = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2}, 2);
            assertEquals(3f, module.call("fsum", x));
            assertEquals(3f, module.call("sum", x));
            assertEquals(3.0, module.call("sumWithUse", xd));
            assertEquals(3f, module.call("mod.sum", x));
            assertEquals(3f, module.call("mod.fsum", x));
        }
    }
}
