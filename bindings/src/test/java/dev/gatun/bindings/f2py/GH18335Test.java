// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatun.array.ByteArray;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestGH18335} ({@code numpy/f2py/tests/test_callback.py}): {@code call f(y)} with a
 * local {@code integer(kind=1) :: y(1)} and no interface block ({@code callback/gh18335.f90}). The callback
 * receives a zero-copy view of {@code y} (extent 1, from its declaration) and increments its element, which
 * the Fortran code then returns.
 */
class GH18335Test {

    @TempDir
    Path dir;

    @Test
    void gh18335() throws Exception {
        var m = F2pyBuild.build(dir, "callback/gh18335.f90");
        Object foo = m.callback("Gh18335F", a -> {
            ByteArray x = (ByteArray) a[0];
            x.set(0, (byte) (x.get(0) + 1));
            return null;
        });
        assertEquals((byte) (123 + 1), m.call("gh18335", foo));
    }
}
