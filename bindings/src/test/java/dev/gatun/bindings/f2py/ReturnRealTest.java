// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Port of f2py's {@code TestReturnReal} ({@code numpy/f2py/tests/test_return_real.py}): the shared
 * {@code check_function} of the real-returning functions and subroutines; {@link FReturnRealTest}
 * runs it on the Fortran sources. f2py's class has no test of its own either.
 */
abstract class ReturnRealTest {

    /**
     * f2py's {@code check_function(t, tname)}. The asserts on Python conversions ({@code t("234")},
     * {@code t([234])}, {@code t(array([234], "b"))}, {@code t("abc")} raising, {@code t(10**400)}) test how a
     * Python object becomes a C double and have no Java counterpart: Java's types decide that at compile time.
     *
     * @param t     the procedure, called with a double converted to its argument type
     * @param tname its Fortran name
     */
    static void checkFunction(DoubleUnaryOperator t, String tname) {
        boolean single = List.of("t0", "t4", "s0", "s4").contains(tname);
        double err = single ? 1e-5 : 0.0;
        assertTrue(Math.abs(t.applyAsDouble(234) - 234.0) <= err, tname);
        assertTrue(Math.abs(t.applyAsDouble(234.6) - 234.6) <= err, tname);
        assertTrue(Math.abs(t.applyAsDouble(-234) + 234) <= err, tname);
        if (single) {
            // inf: 1e200 and 1e300 both overflow real*4.
            assertEquals(t.applyAsDouble(1e200), t.applyAsDouble(1e300), tname);
            assertEquals(Double.POSITIVE_INFINITY, t.applyAsDouble(1e300), tname);
        }
    }

    /**
     * Adapts a built procedure to {@link #checkFunction}: a {@code real*4} argument gets the value
     * rounded to float as f2py's conversion does.
     *
     * @param m    the binding
     * @param name the method, possibly module-qualified
     * @return the procedure as a double function
     */
    static DoubleUnaryOperator procedure(F2pyBuild m, String name) {
        return x -> {
            String base = name.substring(name.lastIndexOf('.') + 1);
            boolean single = List.of("t0", "t4", "s0", "s4").contains(base);
            Object r = single ? m.call(name, (float) x) : m.call(name, x);
            return ((Number) r).doubleValue();
        };
    }
}
