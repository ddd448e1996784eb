// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports f2py's {@code TestFixedString} ({@code numpy/f2py/tests/test_string.py}, source
 * {@code string/fixed_string.f90}): {@code character(len=4)} arguments of intent(in) and inout, fed
 * strings shorter and longer than 4 bytes and strings with NULs.
 *
 * <p>Gatun blank-pads a shorter Java string, as Fortran assignment does, where f2py pads with NULs;
 * {@code sint} skips trailing blanks, so the asserted values are the same. The NumPy-array inputs
 * ({@code np.array(b"1")}, the {@code |S0} array) are Python conversions and are given as the same bytes
 * in a Java string. f2py's inout check that the bytes past the fourth are preserved tests a NumPy array
 * updated in place; a Java string is immutable and the new 4-byte value is returned instead.
 */
class FixedStringTest {

    @TempDir
    static Path dir;

    static F2pyBuild module;

    @BeforeAll
    static void build() throws Exception {
        module = F2pyBuild.build(dir, "string/fixed_string.f90");
    }

    /** f2py's {@code _sint}: the bytes of {@code s} from {@code start} to {@code end} as digits of a base-10 number. */
    private static long sint(String s, int start, int end) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long i = 0;
        for (int j = start; j < Math.min(end, b.length); j++) {
            i += (b[j] & 0xff) * (long) Math.pow(10, j);
        }
        return i;
    }

    private static List<String> inputs(boolean in) {
        var out = new java.util.ArrayList<String>();
        if (in) {
            out.addAll(List.of("", "1", "1234", "12345", "", "\0", "1", "\u0001" + "1", "1\0", "1234", "12345"));
        }
        out.addAll(List.of("", "", "\0", "1", "1\0", "\u0001" + "1", "1234", "123\0", "12345"));
        return out;
    }

    @Test
    void intentIn() {
        for (String s : inputs(true)) {
            Object r = module.call("testInBytes4", s);
            assertEquals(sint(s, 0, 4), ((Number) r).longValue(), s);
        }
    }

    @Test
    void intentInout() throws Exception {
        for (String s : inputs(false)) {
            Object r = module.call("testInoutBytes4", s);
            RecordComponent[] c = r.getClass().getRecordComponents();
            int result = (int) c[0].getAccessor().invoke(r);
            String a = (String) c[1].getAccessor().invoke(r);
            // As in f2py, the expectation is computed from the argument after the call.
            assertEquals(sint(a, 0, 4), result, s);
        }
    }
}
