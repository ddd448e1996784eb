// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gatun.array.Complex;
import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.ComplexFloatArray;
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
 * Complex arguments of Java callbacks ({@code callbacks/complex.f90} with interface blocks, {@code callbacks/complex77.f}
 * inferred), built with gfortran and called: a complex(8) value in and a written complex(8) out (a one-element
 * {@code ComplexDoubleArray}), a complex(4) array and a complex(4) {@code value} scalar of a function callback, a complex
 * array rewritten in place beside an intent(inout) complex accumulator, an F77 {@code call fun(a, b, c)}, and function
 * callbacks returning complex(8) and complex(4) (declared and inferred).
 */
class ComplexCallbackCallTest {

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.buildFiles(dir, "cplx", "src/test/resources/callbacks/complex.f90", "src/test/resources/callbacks/complex77.f");
    }

    @Test
    void everyRoutineIsBound() {
        assertFalse(m.output().contains("skipped"), m.output());
    }

    @Test
    void aComplexValueInAndAWrittenComplexOut() {
        try (Arena arena = Arena.ofConfined()) {
            var x = ComplexDoubleArray.of(arena, Order.FORTRAN, new Complex[] {new Complex(1, 2), new Complex(3, -1)}, 2);
            var seen = new ArrayList<Complex>();
            var y = (ComplexDoubleArray) m.call("spectra.filter", m.callback("FilterH", a -> {
                Complex z = (Complex) a[0];
                seen.add(z);
                ((ComplexDoubleArray) a[1]).set(0, z.times(z));
                return null;
            }), x);
            assertEquals(List.of(new Complex(1, 2), new Complex(3, -1)), seen);
            assertEquals(new Complex(-3, 4), y.get(0));
            assertEquals(new Complex(8, -6), y.get(1));
        }
    }

    @Test
    void aSinglePrecisionComplexArrayAndValue() {
        try (Arena arena = Arena.ofConfined()) {
            var c = ComplexFloatArray.of(arena, Order.FORTRAN, new Complex[] {new Complex(1, 1), new Complex(2, 0)}, 2);
            double r = (double) m.call("spectra.weigh", m.callback("WeighG", a -> {
                int n = (int) a[0];
                var values = (ComplexFloatArray) a[1];
                Complex s = (Complex) a[2];
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += values.get(i).times(s).re();
                }
                return sum + 10 * s.im();
            }), c, new Complex(0.5, -0.5));
            // (1+i)(0.5-0.5i) = 1, 2(0.5-0.5i) = 1-i: real parts 2, plus 10 * -0.5.
            assertEquals(-3.0, r);
        }
    }

    @Test
    void aComplexArrayInPlaceAndAnInOutComplex() {
        try (Arena arena = Arena.ofConfined()) {
            var z = ComplexDoubleArray.of(arena, Order.FORTRAN, new Complex[] {new Complex(1, 0), new Complex(0, 1)}, 2);
            var acc = (Complex) m.call("spectra.rotate", m.callback("RotateK", a -> {
                var values = (ComplexDoubleArray) a[1];
                var sum = (ComplexDoubleArray) a[2];
                Complex total = sum.get(0);
                for (int i = 0; i < (int) a[0]; i++) {
                    values.set(i, values.get(i).times(Complex.I));
                    total = total.plus(values.get(i));
                }
                sum.set(0, total);
                return null;
            }), z, Complex.ZERO);
            // z: (1, i) -> (i, -1) -> (-1, -i); acc: 0 -> -1+i -> -2.
            assertComplex(-1, 0, z.get(0));
            assertComplex(0, -1, z.get(1));
            assertComplex(-2, 0, acc);
        }
    }

    @Test
    void functionCallbacksReturnComplexValues() {
        try (Arena arena = Arena.ofConfined()) {
            var x = ComplexDoubleArray.of(arena, Order.FORTRAN, new Complex[] {new Complex(1, 2), new Complex(0, -3)}, 2);
            var y = (ComplexDoubleArray) m.call("spectra.mapz", m.callback("MapzH", a -> ((Complex) a[0]).conjugate()), x);
            assertEquals(new Complex(1, -1), y.get(0), "conj(1+2i) + i");
            assertEquals(new Complex(0, 4), y.get(1), "conj(-3i) + i");
        }
        Complex r = (Complex) m.call("spectra.twice4", m.callback("Twice4G", a -> ((Complex) a[0]).times(Complex.I)), new Complex(1.5, 0.5));
        assertEquals(new Complex(-1, 3), r, "2 * i * (1.5 + 0.5i), in complex(4)");
        Complex b = (Complex) m.call("cfun", m.callback("CfunFun", a -> ((Complex) a[0]).plus(new Complex(1, 1))), new Complex(2, -1));
        assertEquals(new Complex(6, 0), b, "2 * ((2 - i) + (1 + i))");
    }

    /** Compares parts numerically: i * i gives -0.0 parts, which {@code Complex.equals} tells from 0.0. */
    private static void assertComplex(double re, double im, Complex actual) {
        assertEquals(re, actual.re(), 0.0, actual.toString());
        assertEquals(im, actual.im(), 0.0, actual.toString());
    }

    @Test
    void anInferredCallbackWithComplexArguments() {
        Complex c = (Complex) m.call("cmul", m.callback("CmulFun", a -> {
            ((ComplexDoubleArray) a[2]).set(0, ((Complex) a[0]).times((Complex) a[1]));
            return null;
        }), new Complex(1, 2), new Complex(3, 4));
        // (1+2i)(3+4i) = -5+10i, and the routine adds 1.
        assertEquals(new Complex(-4, 10), c);
    }
}
