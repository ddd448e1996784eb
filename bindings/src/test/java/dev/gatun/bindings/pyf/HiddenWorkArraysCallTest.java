// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.foreign.Arena;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden work arrays from a signature file written as scipy writes its LAPACK wrappers
 * ({@code src/test/resources/pyf/work/work.pyf} with {@code work.f}): {@code work(lwork)} is
 * {@code intent(hide,cache)} with {@code lwork} optional, defaulted to {@code max(2*n,1)} and checked;
 * {@code iwork(m,n)} is a hidden rank-2 array. The generated method allocates them for the call, in a
 * confined arena freed when the call returns; they never appear in the Java signature.
 */
class HiddenWorkArraysCallTest {

    private static final Path DIR = Path.of("src/test/resources/pyf/work");

    @TempDir
    Path dir;

    @Test
    void workArraysAreAllocatedPerCall() throws Exception {
        var m = F2pyBuild.buildFiles(dir, "work", DIR.resolve("work.pyf").toString(), DIR.resolve("work.f").toString());
        assertTrue(!m.output().contains("skipped"), m.output());
        Method sumsq = Arrays.stream(m.type().getMethods()).filter(q -> q.getName().equals("sumsq")).findFirst().orElseThrow();
        assertEquals(2, sumsq.getParameterCount(), "x and the optional lwork; work is hidden: " + sumsq);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3}, 3);
            // lwork defaults to max(2*n, 1) = 6: the routine finds enough work space (info = 0).
            Object r = m.call("sumsq", x, null);
            assertEquals(14.0, F2pyBuild.component(r, "r"));
            assertEquals(0, F2pyBuild.component(r, "info"));
            // A larger lwork is honoured: the hidden array gets that extent.
            assertEquals(14.0, F2pyBuild.component(m.call("sumsq", x, 100), "r"));
            // check(lwork>=2*n) holds the contract before the call: a too small work array never reaches Fortran.
            var small = assertThrows(IllegalArgumentException.class, () -> m.call("sumsq", x, 5));
            assertEquals("parameter 'lwork': check(lwork >= (2 * n)) failed, lwork = 5", small.getMessage());

            // pairs: iwork(m, n) hidden, rank 2; s = sum a(i,j) * (i + j).
            DoubleArray a = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 1, 1, 1, 1, 1}, 2, 3);
            assertEquals(2.0 + 3 + 3 + 4 + 4 + 5, m.call("pairs", a));
        }
    }
}
