// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.Complex;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Port of f2py's {@code TestReturnComplex} ({@code numpy/f2py/tests/test_return_complex.py}): the shared
 * {@code check_function}; {@link FReturnComplexTest} runs it on the Fortran sources.
 */
abstract class ReturnComplexTest {

    /**
     * f2py's {@code check_function(t, tname)}: {@code abs(t(z) - z) <= err} for {@code 234j}, {@code 234.6},
     * {@code 234}, {@code 234.6+3j}, {@code -234} and {@code 23+4j}, with {@code err = 1e-5} for
     * {@code complex}/{@code complex*8} (single precision) and 0 otherwise. The asserts on Python
     * conversions ({@code t([234])}, NumPy arrays of other dtypes, {@code t("abc")} raising,
     * {@code t(10**400)}) have no Java counterpart: the argument is a {@code Complex}.
     *
     * @param t     the procedure
     * @param tname its Fortran name
     */
    static void checkFunction(UnaryOperator<Complex> t, String tname) {
        double err = List.of("t0", "t8", "s0", "s8").contains(tname) ? 1e-5 : 0.0;
        for (Complex z : List.of(new Complex(0, 234), new Complex(234.6, 0), new Complex(234, 0), new Complex(234.6, 3),
                new Complex(-234, 0), new Complex(23, 4))) {
            Complex r = t.apply(z);
            double distance = Math.hypot(r.re() - z.re(), r.im() - z.im());
            assertTrue(distance <= err, tname + "(" + z + ") = " + r);
        }
    }

    /**
     * Adapts a built procedure taking and returning a complex of either kind as {@link Complex}.
     *
     * @param m    the binding
     * @param name the method, possibly module-qualified
     * @return the procedure
     */
    static UnaryOperator<Complex> procedure(F2pyBuild m, String name) {
        return z -> (Complex) m.call(name, z);
    }
}
