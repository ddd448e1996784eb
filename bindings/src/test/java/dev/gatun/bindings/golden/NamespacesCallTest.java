// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same procedure name in two Fortran modules and in an external function: one Java method each, never an error. */
class NamespacesCallTest {

    @TempDir
    Path dir;

    @Test
    void eachModuleIsANestedClassAndUniqueNamesStayOnTheBindingClass() throws Exception {
        var spaces = BuiltBinding.build("namespaces", dir);
        assertEquals(200.0, spaces.call("twice", 1.0), "the external function keeps the plain name");
        assertEquals(2.0, BuiltBinding.invoke(spaces.nested("Alpha"), "twice", 1.0));
        assertEquals(20.0, BuiltBinding.invoke(spaces.nested("Beta"), "twice", 1.0));
        assertEquals(3.0, spaces.call("onlyAlpha", 2.0), "a unique module procedure is on the binding class too");
        assertEquals(3.0, BuiltBinding.invoke(spaces.nested("Alpha"), "onlyAlpha", 2.0));
        assertEquals(2.0, BuiltBinding.invoke(spaces.nested("Raw"), "alphaTwice", 1.0), "raw methods get the module's prefix");
    }
}
