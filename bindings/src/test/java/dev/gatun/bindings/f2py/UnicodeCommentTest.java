// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestUnicodeComment} ({@code numpy/f2py/tests/test_crackfortran.py}, source
 * {@code crackfortran/unicode_comment.f90}): a comment with accented letters does not disturb the build.
 */
class UnicodeCommentTest {

    @TempDir
    Path dir;

    @Test
    void encodingComment() throws Exception {
        var m = F2pyBuild.build(dir, "crackfortran/unicode_comment.f90");
        assertEquals(null, m.call("foo", 3.0));
    }
}
