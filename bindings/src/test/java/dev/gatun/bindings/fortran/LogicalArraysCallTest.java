// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.ByteArray;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.LongArray;
import dev.gatun.array.Order;
import dev.gatun.array.ShortArray;
import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays of {@code logical(1)}, {@code logical(2)}, {@code logical(4)}, {@code logical(8)} and
 * {@code logical(c_bool)} (source {@code src/test/resources/fortran/logical/logicals.f90}), built and called:
 * each is the runtime's signed integer array of the same size ({@code ByteArray}, {@code ShortArray},
 * {@code IntArray}, {@code LongArray}; 0 is .false., gfortran writes 1 for .true.), passed without copies.
 */
class LogicalArraysCallTest {

    @TempDir
    Path dir;

    @Test
    void logicalArraysOfEveryKind() throws Exception {
        var m = F2pyBuild.buildFiles(dir, "logicals", Path.of("src/test/resources/fortran/logical/logicals.f90").toString());
        assertFalse(m.output().contains("skipped"), m.output());
        try (Arena arena = Arena.ofConfined()) {
            ByteArray a1 = ByteArray.of(arena, Order.FORTRAN, new byte[] {1, 0, 0, 1}, 4);
            m.call("negate1", a1);
            assertArrayEquals(new byte[] {0, 1, 1, 0}, a1.toArray());
            byte[] heap = {0, 0, 1};
            m.call("negate1", (Object) heap);
            assertArrayEquals(new byte[] {1, 1, 0}, heap, "the byte[] overload (critical downcall)");

            assertEquals(2, m.call("count2", ShortArray.of(arena, Order.FORTRAN, new short[] {1, 0, 1, 0, 0}, 5)));

            DoubleArray x = DoubleArray.of(arena, Order.FORTRAN, new double[] {1.5, -2, 0, 3}, 4);
            IntArray flags = (IntArray) m.call("positive", x);
            assertArrayEquals(new int[] {1, 0, 0, 1}, flags.toArray(), "logical (default kind 4), returned");
            IntArray mine = IntArray.allocate(arena, Order.FORTRAN, 4);
            m.call("positive", x, mine);
            assertArrayEquals(new int[] {1, 0, 0, 1}, mine.toArray());
            assertEquals(IntArray.class, m.type().getMethod("positive", DoubleArray.class, IntArray.class).getParameterTypes()[1],
                    "a logical(4) array is an IntArray");
            var tooShort = assertThrows(IllegalArgumentException.class, () -> m.call("positive", x, IntArray.allocate(arena, Order.FORTRAN, 3)));
            assertTrue(tooShort.getMessage().contains("'flags'"), tooShort.getMessage());

            LongArray a8 = LongArray.of(arena, Order.FORTRAN, new long[] {1, 1, 1, 0, 1, 1}, 2, 3);
            LongArray rows = (LongArray) m.call("all8", arena, a8);
            assertArrayEquals(new long[] {1, 0}, rows.toArray());

            ByteArray c = ByteArray.allocate(arena, Order.FORTRAN, 5);
            m.call("cflags", c);
            assertArrayEquals(new byte[] {1, 0, 1, 0, 1}, c.toArray(), "bind(C) logical(c_bool)");
            assertTrue(m.output().contains("wrote"), m.output());
        }
    }
}
