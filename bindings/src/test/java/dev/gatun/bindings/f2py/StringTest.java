// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gatun.array.ByteArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestString} ({@code numpy/f2py/tests/test_string.py}, source {@code string/char.f90}):
 * {@code character, dimension(2, n_strs)} arrays, which f2py takes as {@code 'c'} arrays (one byte per
 * element) and Gatun binds as {@code ByteArray}s. f2py's {@code np.array(["ab", "cd", "ef"], dtype="c").T} is
 * the 2 x 3 Fortran-order byte array whose column j holds the j-th string. f2py returns
 * {@code (inp, out)}: {@code inp} is {@code strings} unchanged (asserted on the array passed in) and
 * {@code out} the returned {@code out_strings}, whose row 1 is {@code strings}' row 1 and row 2 all 'A'.
 */
class StringTest {

    @TempDir
    Path dir;

    @Test
    void charArrays() throws Exception {
        var m = F2pyBuild.build(dir, "string/char.f90");
        try (Arena arena = Arena.ofConfined()) {
            byte[] columns = "abcdef".getBytes(StandardCharsets.US_ASCII);
            ByteArray strings = ByteArray.of(arena, Order.FORTRAN, columns, 2, 3);
            ByteArray out = (ByteArray) m.call("char_test.change_strings", strings);
            assertArrayEquals(columns, strings.toArray(), "inp == strings");
            assertArrayEquals(new long[] {2, 3}, out.shape());
            byte[] expected = columns.clone();
            for (int j = 0; j < 3; j++) {
                expected[2 * j + 1] = 'A';
            }
            assertArrayEquals(expected, out.toArray(), "expected[1, :] = 'AAA'");
        }
    }
}
