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
 * Port of f2py's {@code TestNegativeBounds} ({@code numpy/f2py/tests/test_regression.py}, gh-20853, source
 * {@code negative_bounds/issue_20853.f90}): arrays declared {@code arr(is_:ie_)} with a negative lower
 * bound. As in f2py, {@code tout = foo(is_, ie_, arr)} returns {@code tout}, allocated with the extent
 * {@code ie_ - is_ + 1}; the zero-copy form, where the caller passes {@code tout}, is checked against the same extent.
 */
class NegativeBoundsTest {

    @TempDir
    Path dir;

    @Test
    void negbound() throws Exception {
        var m = F2pyBuild.build(dir, "negative_bounds/issue_20853.f90");
        int xlow = -6;
        int xhigh = 4;
        int extent = xhigh - xlow + 1;
        float[] arr = new float[extent];
        float[] expected = new float[extent];
        for (int i = 0; i < extent; i++) {
            arr[i] = i;
            expected[i] = i;
        }
        try (Arena arena = Arena.ofConfined()) {
            FloatArray returned = (FloatArray) m.call("foo", xlow, xhigh, FloatArray.of(arena, Order.FORTRAN, arr, extent));
            assertArrayEquals(expected, returned.toArray());
        }
        float[] tout = new float[extent];
        m.call("foo", xlow, xhigh, arr, tout);
        assertArrayEquals(expected, tout);
        // One element short of is_:ie_ is refused before the call.
        assertThrows(IllegalArgumentException.class, () -> m.call("foo", xlow, xhigh, new float[extent - 1], new float[extent]));
    }
}
