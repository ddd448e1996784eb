// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of f2py's {@code TestFortranReader} ({@code numpy/f2py/tests/test_crackfortran.py}, gh-635): a
 * source written in ASCII, UTF-8, UTF-16 or UTF-32 (Python's codecs put a byte-order mark before the
 * last two) is read, and its subroutine {@code foo} found. Like f2py's test this only parses
 * ({@code gatun show}); gfortran itself reads neither UTF-16 nor UTF-32.
 */
class FortranReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ascii", "utf-8", "utf-16", "utf-32"})
    void inputEncoding(String encoding) throws Exception {
        Path f = dir.resolve("input_with_" + encoding + "_encoding.f90");
        String text = """

                                     subroutine foo()
                                     end subroutine foo
                                     """;
        // Python's "utf-16"/"utf-32" codecs write a byte-order mark and little-endian code units.
        byte[] bytes = switch (encoding) {
            case "utf-16" -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(Charset.forName("UTF-16LE")));
            case "utf-32" -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}, text.getBytes(Charset.forName("UTF-32LE")));
            default -> text.getBytes(Charset.forName(encoding));
        };
        Files.write(f, bytes);
        String shown = F2pyBuild.show(f);
        assertTrue(shown.startsWith("subroutine foo()"), shown);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
