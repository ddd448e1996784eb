// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.ByteArray;
import dev.gatun.array.Complex;
import dev.gatun.array.ComplexFloatArray;
import dev.gatun.array.Order;
import dev.gatun.array.ShortArray;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The element types added as rows of the runtime's table, through a real gfortran kernel. */
class ElementTypesCallTest {

    @TempDir
    Path dir;

    @Test
    void int8Int16AndComplex4ArraysAreBoundAndChecked() throws Exception {
        var kinds = BuiltBinding.build("elementtypes", dir);
        try (Arena arena = Arena.ofConfined()) {
            ByteArray a = ByteArray.of(arena, Order.C, new byte[] {1, -2, 100}, 3);
            kinds.call("add8", a, (byte) 20);
            assertArrayEquals(new byte[] {21, 18, 120}, a.toArray());
            assertEquals(-32768 + 1000 + 7, (int) kinds.call("total16",
                    ShortArray.of(arena, Order.C, new short[] {Short.MIN_VALUE, 1000, 7}, 3)));
            ComplexFloatArray z = ComplexFloatArray.of(arena, Order.C, new float[] {1, 2, -3, 0.5f}, 2);
            kinds.call("scale4", z, 2f);
            assertEquals(new Complex(2, 4), z.get(0));
            assertEquals(new Complex(-6, 1), z.get(1));
            var wrongRank = assertThrows(IllegalArgumentException.class,
                    () -> kinds.call("add8", ByteArray.allocate(arena, 2, 2), (byte) 1));
            assertTrue(wrongRank.getMessage().startsWith("parameter 'a': expected rank 1"), wrongRank.getMessage());
        }
    }
}
