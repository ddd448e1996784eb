// SPDX-License-Identifier: Apache-2.0
package com.example.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Calls the library through the class the plugin generated, loaded from target/classes like a jar. */
class DemoTest {

    @Test
    void fortranCallsCAndReturnsTheScaledMean() {
        // (1 + 2 + 3 + 4) / 4 = 2.5, times DEMO_SCALE = 2.0 from the C file: exact in double.
        assertEquals(5.0, Demo.scaledMean(new double[] {1, 2, 3, 4}), 0.0);
    }

    @Test
    void excludedProceduresGetNoMethod() {
        assertEquals(0, Arrays.stream(Demo.class.getMethods()).map(Method::getName).filter(n -> n.equals("reset")).count());
    }

    @Test
    void badArgumentsFailInJavaNamingTheParameter() {
        var e = assertThrows(NullPointerException.class, () -> Demo.scaledMean((double[]) null));
        assertEquals("x", e.getMessage());
    }
}
