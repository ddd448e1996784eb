// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.Complex;
import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Character, complex and logical arguments and results, built and called. */
class ScalarsCallTest {

    @TempDir
    Path dir;

    @Test
    void characterArgumentsAndAFixedLengthResult() throws Exception {
        var text = BuiltBinding.build("character", dir);
        assertEquals(3, (int) text.call("countChar", "banana", "a"));
        assertEquals(0, (int) text.call("countChar", "", "a"));
        assertEquals("hello number 42", text.call("greeting", 42));
    }

    @Test
    void complexFunctionResultsArraysAndOutArguments() throws Exception {
        var cplx = BuiltBinding.build("complex", dir);
        assertEquals(new Complex(-5, 10), cplx.call("cmul", new Complex(1, 2), new Complex(3, 4)));
        assertEquals(new Complex(1.5, 2.5), cplx.call("conjugate", new Complex(1.5, -2.5)));
        try (Arena arena = Arena.ofConfined()) {
            ComplexDoubleArray z = ComplexDoubleArray.of(arena, Order.C, new Complex[] {new Complex(1, 0), new Complex(0, 1)}, 2);
            cplx.call("rotate", z, Math.PI / 2);
            assertEquals(0, z.get(0).re(), 1e-15);
            assertEquals(1, z.get(0).im(), 1e-15);
            assertEquals(-1, z.get(1).re(), 1e-15);
            assertEquals(0, z.get(1).im(), 1e-15);
        }
    }

    @Test
    void logicalsGoInAndComeOut() throws Exception {
        var flags = BuiltBinding.build("logical", dir);
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(true, flags.call("allPositive", DoubleArray.of(arena, Order.C, new double[] {1, 2, 3}, 3)));
            assertEquals(false, flags.call("allPositive", DoubleArray.of(arena, Order.C, new double[] {1, -2, 3}, 3)));
        }
        assertEquals(false, flags.call("negate", true));
        assertEquals(true, flags.call("negate", false));
        assertEquals(true, flags.call("toggle", false));
        assertArrayEquals(new Object[] {false, true}, new Object[] {flags.call("toggle", true), flags.call("toggle", false)});
    }
}
