// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.FloatArray;
import dev.gatun.array.IntArray;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module variables and COMMON blocks: accessors that read and write the Fortran memory, arrays as zero-copy views. */
class GlobalsCallTest {

    @TempDir
    Path dir;

    @Test
    void moduleVariablesAreReadAndWrittenInPlace() throws Exception {
        var g = BuiltBinding.build("globals", dir);
        Class<?> state = g.nested("State");
        BuiltBinding.invoke(state, "setCounter", 41);
        IntArray x = (IntArray) BuiltBinding.invoke(state, "getX");
        for (int i = 0; i < 4; i++) {
            x.set(i, i + 1);
        }
        FloatArray a = (FloatArray) BuiltBinding.invoke(state, "getA");
        assertArrayEquals(new long[] {2, 3}, a.shape());
        a.set(0, 1, 0.5f);
        BuiltBinding.invoke(state, "setReady", false);
        BuiltBinding.invoke(state, "setLabel", "xyzzy-long");
        assertEquals("xyzzy", BuiltBinding.invoke(state, "getLabel"), "cut to len=5");

        g.call("step");
        assertEquals(42, BuiltBinding.invoke(state, "getCounter"));
        assertArrayEquals(new int[] {2, 4, 6, 8}, x.toArray(), "the view shows what Fortran wrote: no copy");
        assertEquals(3.5f, a.get(0, 1));
        assertEquals(true, BuiltBinding.invoke(state, "getReady"));
        assertEquals("ab", BuiltBinding.invoke(state, "getLabel"));

        BuiltBinding.invoke(state, "setTags", 0, "p");
        BuiltBinding.invoke(state, "setTags", 1, "qrst");
        assertArrayEquals(new String[] {"p", "qrs"}, (String[]) BuiltBinding.invoke(state, "getTags"));
        assertThrows(IndexOutOfBoundsException.class, () -> BuiltBinding.invoke(state, "setTags", 2, "r"));
    }

    @Test
    void allocatableModuleArraysAreAllocatedFromJava() throws Exception {
        var g = BuiltBinding.build("globals", dir);
        Class<?> state = g.nested("State");
        assertNull(BuiltBinding.invoke(state, "getB"), "not allocated yet");
        assertEquals(-1.0, g.call("bTotal"));
        BuiltBinding.invoke(state, "allocateB", 2L, 3L);
        DoubleArray b = (DoubleArray) BuiltBinding.invoke(state, "getB");
        assertArrayEquals(new long[] {2, 3}, b.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                b.set(i, j, 10 * i + j);
            }
        }
        assertEquals(36.0, g.call("bTotal"));
        g.call("step");
        assertEquals(11.0, b.get(1, 0), "b = b + 1 in Fortran, seen through the view");
        var negative = assertThrows(IllegalArgumentException.class, () -> BuiltBinding.invoke(state, "allocateB", 2L, -1L));
        assertEquals("b: expected extent >= 0 in dimension 1, got -1", negative.getMessage());
        BuiltBinding.invoke(state, "deallocateB");
        assertNull(BuiltBinding.invoke(state, "getB"));
        assertEquals(-1.0, g.call("bTotal"));
    }

    @Test
    void commonBlocksGetAClassEach() throws Exception {
        var g = BuiltBinding.build("globals", dir);
        // f2py's TestCommonBlock: initcb() then block.long == 1.0, block.string == '2', block.ok == 3.
        g.call("initcb");
        Class<?> block = g.nested("Block");
        assertEquals(1.0, BuiltBinding.invoke(block, "getLong"));
        assertEquals("2", BuiltBinding.invoke(block, "getString"));
        assertEquals(3, BuiltBinding.invoke(block, "getOk"));
        BuiltBinding.invoke(block, "setOk", 10);
        assertEquals(15, g.call("okplus", 5), "Fortran sees what Java wrote");
        FloatArray w = (FloatArray) BuiltBinding.invoke(g.nested("Blank"), "getW");
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, w.toArray());
    }
}
