// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.Complex;
import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * golden/ccomplex built with gcc and called: {@code float _Complex} and {@code double _Complex} passed and returned by
 * value, bound as the struct of their two parts (how the x86-64 SysV and AArch64 ABIs pass them). The friendly layer
 * takes and returns {@link Complex}; the values are checked against Java arithmetic, and with more complex arguments
 * than vector registers, so some travel on the stack.
 */
class CComplexCallTest {

    @TempDir
    static Path dir;

    private static BuiltBinding built;

    private static synchronized BuiltBinding ccomplex() throws Exception {
        if (built == null) {
            built = BuiltBinding.build("ccomplex", dir);
        }
        return built;
    }

    private static Complex times(Complex a, Complex b) {
        return new Complex(a.re() * b.re() - a.im() * b.im(), a.re() * b.im() + a.im() * b.re());
    }

    @Test
    void complexNumbersByValueInAndOut() throws Exception {
        BuiltBinding lib = ccomplex();
        assertEquals(new Complex(-5, 10), lib.call("zmul", new Complex(1, 2), new Complex(3, 4)), "(1+2i)(3+4i)");
        assertEquals(new Complex(0.75, -1.5), lib.call("cscale", new Complex(0.5, -1), 1.5f), "float _Complex: both parts in one register");
        assertEquals(new Complex(2.5, 1.5), lib.call("cconj", new Complex(2.5, -1.5)));
        assertEquals(25.0, (double) lib.call("zabs2", new Complex(3, -4)), "a complex argument, a double result");

        // alpha*(x*n) + y + k + c with int, complex, double, long, float complex, complex in between.
        Complex alpha = new Complex(1.5, -2);
        Complex c = new Complex(0.25, 0.5);
        Complex y = new Complex(-7, 3);
        Complex expected = new Complex(1.5 * 2.0 * 3 - 7 + 11 + 0.25, -2 * 2.0 * 3 + 3 + 0.5);
        assertEquals(expected, lib.call("zmix", 3, alpha, 2.0, 11L, c, y));

        Complex[] nine = new Complex[9];
        Complex sum = Complex.ZERO;
        for (int i = 0; i < 9; i++) {
            nine[i] = new Complex(i + 1, -(i * i) - 0.5);
            sum = sum.plus(i == 8 ? new Complex(10 * nine[i].re(), 10 * nine[i].im()) : nine[i]);
        }
        assertEquals(sum, lib.call("zsum9", (Object[]) nine), "the last complex arguments are passed on the stack");
    }

    @Test
    void aComplexResultBesideComplexArraysAndNullIsRefused() throws Exception {
        BuiltBinding lib = ccomplex();
        Complex[] x = {new Complex(1, 2), new Complex(-0.5, 4), new Complex(3, 0)};
        Complex[] y = {new Complex(2, -1), new Complex(1.5, 0.25), new Complex(-2, 6)};
        Complex dot = Complex.ZERO;
        for (int i = 0; i < 3; i++) {
            dot = dot.plus(times(x[i], y[i]));
        }
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(dot, lib.call("zdotu", ComplexDoubleArray.of(arena, Order.C, x, 3), ComplexDoubleArray.of(arena, Order.C, y, 3)));
        }
        var npe = assertThrows(NullPointerException.class, () -> lib.call("zmul", null, new Complex(1, 0)));
        assertEquals("a", npe.getMessage(), "the parameter's name");

        // The raw layer takes and returns the struct of the parts, the result in memory the allocator gives.
        Class<?> raw = lib.nested("Raw");
        MemoryLayout pair = MemoryLayout.structLayout(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(pair);
            a.setAtIndex(ValueLayout.JAVA_DOUBLE, 0, 0);
            a.setAtIndex(ValueLayout.JAVA_DOUBLE, 1, 1);
            MemorySegment product = (MemorySegment) BuiltBinding.invoke(raw, "zmul", (SegmentAllocator) arena, a, a);
            assertEquals(-1.0, product.getAtIndex(ValueLayout.JAVA_DOUBLE, 0), "i * i");
            assertEquals(0.0, product.getAtIndex(ValueLayout.JAVA_DOUBLE, 1));
        }
    }
}
