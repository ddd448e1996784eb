// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.f2py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Port of f2py's {@code TestAbstractInterface} ({@code numpy/f2py/tests/test_abstract_interface.py}): a
 * module with an {@code abstract interface} whose procedure {@code foo} calls two external procedures
 * through {@code procedure(op)} pointers ({@code abstract_interface/foo.f90}); its two {@code intent(out)}
 * results come back as a record, f2py's tuple {@code (8, 13)}. f2py's {@code test_parse_abstract_interface}
 * checks crackfortran's block list for {@code gh18403_mod.f90} (a module holding only an abstract
 * interface); here that file is read with no procedure to bind and no diagnostic.
 */
class AbstractInterfaceTest {

    @TempDir
    Path dir;

    @Test
    void abstractInterface() throws Exception {
        var m = F2pyBuild.build(dir, "abstract_interface/foo.f90");
        Object r = m.call("ops_module.foo", 3, 5);
        assertEquals(8, F2pyBuild.component(r, "r1"));
        assertEquals(13, F2pyBuild.component(r, "r2"));
    }

    @Test
    void parseAbstractInterface() {
        String shown = F2pyBuild.show(F2pyBuild.corpus("abstract_interface/gh18403_mod.f90"));
        assertTrue(shown.isBlank(), "an abstract interface is not a procedure to bind: " + shown);
    }
}
