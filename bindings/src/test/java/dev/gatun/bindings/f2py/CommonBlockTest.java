// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestCommonBlock} ({@code numpy/f2py/tests/test_common.py}, source
 * {@code common/block.f}): {@code initcb()} fills {@code COMMON /BLOCK/ LONG, STRING, OK}, read back
 * through the block's accessors (f2py's {@code self.module.block.long}: the nested class {@code Block}).
 * f2py compares with 0-d NumPy arrays ({@code np.array(1.0)}, {@code |S1}); Java gets the scalars.
 */
class CommonBlockTest {

    @TempDir
    Path dir;

    @Test
    void commonBlock() throws Exception {
        var m = F2pyBuild.build(dir, "common/block.f");
        m.call("initcb");
        Class<?> block = m.nested("block");
        assertEquals(1.0, F2pyBuild.invokeStatic(block, "getLong"));
        assertEquals("2", F2pyBuild.invokeStatic(block, "getString"));
        assertEquals(3, F2pyBuild.invokeStatic(block, "getOk"));
    }
}
