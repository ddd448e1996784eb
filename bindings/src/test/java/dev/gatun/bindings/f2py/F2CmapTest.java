// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestF2Cmap} ({@code numpy/f2py/tests/test_f2cmap.py}, gh-15095): {@code func1} takes
 * {@code integer(int64)} and {@code real(real64)} kinds of {@code iso_fortran_env}, with the test's
 * {@code f2cmap/.f2py_f2cmap} given among the sources as f2py's test does; {@code n} is hidden
 * ({@code Cf2py intent(hide)}) and comes from the length of {@code x}.
 */
class F2CmapTest {

    @TempDir
    Path dir;

    @Test
    void longLongMap() throws Exception {
        F2pyBuild module = F2pyBuild.build(dir, "f2cmap/isoFortranEnvMap.f90", "f2cmap/.f2py_f2cmap");
        try (Arena arena = Arena.ofConfined()) {
            // inp = np.ones(3); out = self.module.func1(inp); assert out == 3
            DoubleArray inp = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 1, 1}, 3);
            assertEquals(3.0, module.call("func1", inp));
        }
    }
}
