// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Predicate;

/**
 * Port of f2py's {@code TestReturnLogical} ({@code numpy/f2py/tests/test_return_logical.py}): the shared
 * {@code check_function}; {@link FReturnLogicalTest} runs it on the Fortran sources.
 */
abstract class ReturnLogicalTest {

    /**
     * f2py's {@code check_function(t)} for what a Java {@code boolean} can carry: {@code t(True) == 1},
     * {@code t(False) == 0}. The other 35 asserts test Python truthiness ({@code t(234)}, {@code t("")},
     * {@code t([])}, {@code t(None)}, NumPy arrays, {@code t(array([0, 0]))} raising): Java has no implicit
     * conversion of numbers, strings or containers to {@code boolean}, so they have no counterpart.
     *
     * @param t the procedure
     */
    static void checkFunction(Predicate<Boolean> t) {
        assertEquals(true, t.test(true));
        assertEquals(false, t.test(false));
    }

    /**
     * Adapts a built procedure taking and returning a {@code logical} of any kind as a Java {@code boolean}.
     *
     * @param m    the binding
     * @param name the method, possibly module-qualified
     * @return the procedure
     */
    static Predicate<Boolean> procedure(F2pyBuild m, String name) {
        return x -> (Boolean) m.call(name, x);
    }
}
