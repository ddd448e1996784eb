// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.DoubleArray;
import java.lang.foreign.Arena;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The course's own numbers, from the kernels as the jar ships them. */
class SeedValuesTest {

    private static final double[] FIB8 = {0, 1, 1, 2, 3, 5, 8, 13};

    @Test
    void fibFillsTheFirstEightFibonacciNumbers() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.allocate(arena, 8);
            Kernels.fib(a);
            // Sums of small integers are exact in double: no tolerance.
            assertArrayEquals(FIB8, a.toArray());
        }
        double[] heap = new double[8];
        Kernels.fib(heap);
        assertArrayEquals(FIB8, heap);
    }

    @Test
    void integration2dWithTenThousandPointsPrintsTheCourseValue() {
        // The course prints the plain serial loop with %e; the same digits prove the same sum order.
        assertEquals("-7.117752e-17", String.format(Locale.ROOT, "%e", Kernels.integration2dF(10000)));
        assertEquals("-7.117752e-17", String.format(Locale.ROOT, "%e", Kernels.integration2dC(10000)));
    }

    @Test
    void aTwoDimensionalArrayIsRejectedBeforeTheNativeCall() {
        var e = assertThrows(IllegalArgumentException.class, () -> Kernels.fib(DoubleArray.allocate(Arena.ofAuto(), 2, 2)));
        assertEquals("parameter 'a': expected rank 1, got 2", e.getMessage());
    }
}
