// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.Complex;
import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .pyf} {@code __user__} callback routines beyond scalars in ({@code callbacks/userode.pyf} over
 * the F77 {@code userode.f}), built with gfortran and called: an integrator whose callback receives
 * {@code y} and fills {@code ydot} (zero-copy views sized by the callback's {@code n}), a callback with an
 * {@code intent(out)} scalar (what the Java callback returns), one writing two (one-element views), a complex
 * value in and a complex written out, and a function callback taking a string.
 */
class UserRoutinesCallTest {

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.buildFiles(dir, "userode", "src/test/resources/callbacks/userode.pyf", "src/test/resources/callbacks/userode.f");
    }

    @Test
    void anIntegratorCallbackFillsYdot() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray y = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 0}, 2);
            // The harmonic oscillator y0' = y1, y1' = -y0, explicit Euler.
            m.call("euler", m.callback("EulerF", a -> {
                DoubleArray yv = (DoubleArray) a[2];
                DoubleArray ydot = (DoubleArray) a[3];
                assertEquals(2, (int) a[0]);
                ydot.set(0, yv.get(1));
                ydot.set(1, -yv.get(0));
                return null;
            }), y, 0.0, 0.5, 2);
            // (1, 0) -> (1, -0.5) -> (0.75, -1.0)
            assertArrayEquals(new double[] {0.75, -1.0}, y.toArray(), 1e-15);
        }
    }

    @Test
    void aCallbackWritingTwoScalarsGetsOneElementViews() {
        double root = (double) m.call("newton", m.callback("NewtonFdf", a -> {
            double x = (double) a[0];
            ((DoubleArray) a[1]).set(0, x * x * x - 8);
            ((DoubleArray) a[2]).set(0, 3 * x * x);
            return null;
        }), 3.0, 8);
        assertEquals(2.0, root, 1e-15);
    }

    @Test
    void aComplexCallbackReceivesAValueAndWritesAView() {
        Complex w = (Complex) m.call("cscale", m.callback("CscaleH", a -> {
            ((ComplexDoubleArray) a[1]).set(0, ((Complex) a[0]).conjugate());
            return null;
        }), new Complex(1.5, 2));
        assertEquals(new Complex(3, -4), w);
    }

    @Test
    void anIntentOutScalarIsWhatTheCallbackReturns() {
        double x = (double) m.call("secant", m.callback("SecantG", a -> Math.cos((double) a[0]) - (double) a[0]), 0.0, 1.0, 30);
        assertEquals(0.7390851332151607, x, 1e-12);
        assertThrows(UnsupportedOperationException.class, () -> m.call("secant", m.callback("SecantG", a -> {
            throw new UnsupportedOperationException("no");
        }), 0.0, 1.0, 3));
    }

    @Test
    void aFunctionCallbackTakingAString() {
        var seen = new ArrayList<String>();
        int code = (int) m.call("named", m.callback("NamedLabel", a -> {
            seen.add((String) a[0]);
            return ((String) a[0]).length();
        }), "callbacks");
        assertEquals(9, code);
        assertEquals(List.of("callbacks"), seen);
    }
}
