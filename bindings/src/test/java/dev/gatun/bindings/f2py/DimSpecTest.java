// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.IntArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestDimSpec} ({@code numpy/f2py/tests/test_crackfortran.py}, source
 * {@code crackfortran/TestDimSpec.f90}, the class's generated {@code code}): dimension specifications
 * {@code n}, {@code 2*n}, {@code 2:n}, {@code n/2}, {@code 5 - n/2}, {@code 3*n:20}, {@code n*(n+1):n*(n+5)},
 * {@code 2*n, n} (linear in {@code n}) and {@code 2*n:3*n*n+2*n} (not linear).
 *
 * <p>{@code test_array_size}: f2py allocates the {@code intent(out)} array from {@code n}; Gatun takes the
 * caller's array (zero copies) and computes {@code n} from its shape, so the caller allocates the extent
 * the dimension specification gives for {@code n} and the Fortran {@code size(a)} must equal it.
 * {@code test_inv_array_size}: {@code n} is {@code intent(out)} and sizes the input array; Gatun solves the
 * linear extent for {@code n}, passes it and returns it, and {@code n1} must give an array of the same size,
 * as in f2py. For the non-linear specification f2py asks for {@code n} as an extra input; Gatun skips
 * {@code get_inv_arr_size_8} with a warning (asserted below) instead, since it cannot compute {@code n}.
 */
class DimSpecTest {

    /** f2py's all_dimspecs with the extent(s) each gives for n. */
    private static final List<IntFunction<long[]>> EXTENTS = List.of(
            n -> new long[] {n},
            n -> new long[] {2L * n},
            n -> new long[] {n - 1L},
            n -> new long[] {n / 2},
            n -> new long[] {5 - n / 2},
            n -> new long[] {21L - 3L * n},
            n -> new long[] {4L * n + 1},
            n -> new long[] {2L * n, n},
            n -> new long[] {3L * n * n + 1});

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "crackfortran/TestDimSpec.f90");
    }

    private static long size(long[] shape) {
        long s = 1;
        for (long e : shape) {
            s *= Math.max(0, e);
        }
        return s;
    }

    private static IntArray allocate(Arena arena, long[] shape) {
        long[] clamped = java.util.Arrays.stream(shape).map(e -> Math.max(0, e)).toArray();
        return IntArray.allocate(arena, Order.FORTRAN, clamped);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void arraySize(int count) {
        try (Arena arena = Arena.ofConfined()) {
            for (int n = 1; n <= 5; n++) {
                IntArray a = allocate(arena, EXTENTS.get(count).apply(n));
                Object sz = count == 8 ? module.call("get_arr_size_" + count, a, n) : module.call("get_arr_size_" + count, a);
                assertEquals(a.size(), ((Number) sz).longValue(), "dimspec " + count + ", n = " + n);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void invArraySize(int count) {
        try (Arena arena = Arena.ofConfined()) {
            for (int n = 1; n <= 5; n++) {
                long[] shape = EXTENTS.get(count).apply(n);
                IntArray a = allocate(arena, shape);
                int n1 = ((Number) module.call("get_inv_arr_size_" + count, a)).intValue();
                // n1 may differ from n (n/2 loses a bit) but must give an array of the same size.
                long sz1 = size(EXTENTS.get(count).apply(n1));
                assertEquals(size(shape), sz1, "dimspec " + count + ": n = " + n + ", n1 = " + n1);
                IntArray a1 = allocate(arena, EXTENTS.get(count).apply(n1));
                Object viaFortran = module.call("get_arr_size_" + count, a1);
                assertEquals(sz1, ((Number) viaFortran).longValue());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theNonLinearInverseIsSkippedWithAWarning() {
        assertTrue(module.output().contains("warning: skipped subroutine 'get_inv_arr_size_8': parameter 'n' is intent(out) but sizes an"
                + " array, and Gatun cannot compute it from that array's shape; declare it intent(in)"), module.output());
    }
}
