// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.f2py.F2pyBuild;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .pyf} {@code intent(callback)} on names that are not arguments ({@code callbacks/foo_callbacks.pyf}
 * over f2py's own {@code callback/foo.f}, unchanged): the Fortran routines call the externals {@code fun} and
 * {@code global_f}, which the binding defines to call Java. {@code t2} takes the callback as a parameter;
 * {@code intent(callback, hide)} routines read it from {@code setGlobalF} (f2py's module attribute).
 */
class PyfExternalCallbackCallTest {

    @TempDir
    static Path dir;

    static F2pyBuild m;

    @BeforeAll
    static void build() throws Exception {
        m = F2pyBuild.buildFiles(dir, "foo_callbacks", "src/test/resources/callbacks/foo_callbacks.pyf",
                F2pyBuild.corpus("callback/foo.f").toString());
    }

    @Test
    void aVisibleExternalIsTheLastParameter() {
        assertEquals(4, m.call("t2", m.callback("ExternalFun", a -> 4)));
        assertEquals(-7, m.call("t2", m.callback("ExternalFun", a -> -7)));
    }

    @Test
    void aHiddenExternalIsSetOnceForEveryRoutineCallingIt() throws Exception {
        Method set = m.type().getMethod("setGlobalF", m.nested("ExternalGlobalF"));
        set.invoke(null, (Object) null);
        var unset = assertThrows(IllegalStateException.class, () -> m.call("hiddenCallback", 3));
        assertTrue(unset.getMessage().contains("global_f"), unset.getMessage());
        set.invoke(null, m.callback("ExternalGlobalF", a -> (int) a[0] * 2));
        assertEquals(6, m.call("hiddenCallback", 3));
        assertEquals(10, m.call("hiddenCallback2", 5));
        set.invoke(null, (Object) null);
    }
}
