// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.LongUnaryOperator;

/**
 * Port of f2py's {@code TestReturnInteger} ({@code numpy/f2py/tests/test_return_integer.py}): the shared
 * {@code check_function}; {@link FReturnIntegerTest} runs it on the Fortran sources.
 */
abstract class ReturnIntegerTest {

    /**
     * f2py's {@code check_function(t, tname)}. {@code t(123.6) == 123} (a float truncated to an integer
     * argument) becomes the Java narrowing {@code (int) 123.6}, asserted through the same path. The asserts on
     * Python conversions ({@code t("123")}, {@code t([123])}, NumPy arrays, {@code t("abc")} raising,
     * {@code t(10**23)} overflowing) have no Java counterpart: the argument's Java type is {@code byte},
     * {@code short}, {@code int} or {@code long}, fixed at compile time.
     *
     * @param t     the procedure, called with a long converted to its argument type
     * @param tname its Fortran name
     */
    static void checkFunction(LongUnaryOperator t, String tname) {
        assertEquals(123, t.applyAsLong(123), tname);
        assertEquals(123, t.applyAsLong((long) 123.6), tname);
        assertEquals(-123, t.applyAsLong(-123), tname);
    }

    /**
     * Adapts a built procedure: its argument and result are {@code byte}, {@code short}, {@code int} or
     * {@code long} by kind ({@code integer*1} ... {@code integer*8}).
     *
     * @param m    the binding
     * @param name the method, possibly module-qualified
     * @return the procedure as a long function
     */
    static LongUnaryOperator procedure(F2pyBuild m, String name) {
        return x -> {
            Object arg = switch (name.charAt(name.length() - 1)) {
                case '1' -> (byte) x;
                case '2' -> (short) x;
                case '8' -> x;
                default -> (int) x;
            };
            return ((Number) m.call(name, arg)).longValue();
        };
    }
}
