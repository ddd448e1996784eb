// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.twins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.junit.jupiter.api.Test;

class Integration2DJavaTest {

    @Test
    void scalarReproducesTheCourseValueAtN10000() {
        // The seeds print "Integral value is -7.117752e-17" for n = 10000; same loop, same order.
        assertEquals("-7.117752e-17", String.format(java.util.Locale.ROOT, "%e", Integration2DJava.scalar(10_000)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 17, 100, 1001})
    void variantsAgreeWithEachOtherAndWithTheMidpointRule(int n) {
        double scalar = Integration2DJava.scalar(n);
        // Each variant sums the same n^2 terms of magnitude <= h^2 in another order: the rounding
        // differences are bounded by n^2 * eps * h^2 ~ pi^2 * 2.2e-16; 1e-13 leaves a wide margin.
        assertEquals(scalar, Integration2DJava.vectorApi(n), 1e-13);
        assertEquals(scalar, Integration2DJava.parallelStreams(n, 3), 1e-13);
        // The exact integral is 0 and sin(x+y) is antisymmetric about x+y = pi on the midpoint grid,
        // so the sum cancels to rounding for every n (n = 1: the single point sin(pi) = 1.2e-16).
        assertEquals(0.0, scalar, 1e-13);
    }

    @Test
    void badSizesAreRejectedNamingTheParameter() {
        assertEquals("n: expected >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Integration2DJava.scalar(0)).getMessage());
        assertEquals("threads: expected >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Integration2DJava.parallelStreams(4, 0)).getMessage());
    }
}
