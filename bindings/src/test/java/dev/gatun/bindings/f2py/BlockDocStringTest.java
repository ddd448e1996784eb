// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.IntArray;
import dev.gatun.array.Order;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestBlockDocString} ({@code numpy/f2py/tests/test_block_docstring.py}, source
 * {@code block_docstring/foo.f}): f2py asserts the docstring of {@code COMMON /BLOCK/ BAR} with
 * {@code INTEGER BAR(2, 3)} is {@code "bar : 'i'-array(2,3)\n"}. Java has no runtime docstring; what
 * stands for it is the block's accessor as the binding exposes it: the nested class {@code Block} has
 * {@code getBar()} typed {@code IntArray} (f2py's {@code 'i'}), and the array it returns has shape (2, 3)
 * in Fortran order, a zero-copy view of the COMMON storage (written here and read back by element).
 */
class BlockDocStringTest {

    @TempDir
    Path dir;

    @Test
    void blockDocstring() throws Exception {
        var m = F2pyBuild.build(dir, "block_docstring/foo.f");
        Class<?> block = m.nested("block");
        assertEquals(IntArray.class, block.getMethod("getBar").getReturnType(), "bar : 'i'-array");
        IntArray bar = (IntArray) F2pyBuild.invokeStatic(block, "getBar");
        assertArrayEquals(new long[] {2, 3}, bar.shape(), "array(2,3)");
        assertEquals(Order.FORTRAN, bar.order());
        bar.set(1, 2, 7);
        assertEquals(7, ((IntArray) F2pyBuild.invokeStatic(block, "getBar")).get(1, 2), "the same COMMON memory");
        m.call("foo");
    }
}
