// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * golden/retain built with gcc and called: {@code retain_register} keeps the function pointer it is given in a
 * table, and {@code retain_call} runs it later, in another native call. Its {@code retain} directive makes the
 * friendly method's upcall stub one that is never freed; without it, the stub of a callback replaced as the
 * parameter's last one is freed by the garbage collector while C still holds it.
 */
class RetainCallTest {

    @TempDir
    Path dir;

    @Test
    void retainedCallbacksRunInLaterCallsAfterGarbageCollection() throws Exception {
        BuiltBinding lib = BuiltBinding.build("retain", dir);
        Object square = lib.callback("RetainRegisterFn", a -> (double) a[0] * (double) a[0]);
        Object negate = lib.callback("RetainRegisterFn", a -> -(double) a[0]);
        lib.call("retainRegister", 0, square);
        lib.call("retainRegister", 1, negate);
        lib.call("retainRegister", 2, square); // the same object: its one stub again
        for (int i = 0; i < 3; i++) {
            System.gc(); // frees what an automatic arena no longer holds: a per-call stub of 'square' would go here
        }
        assertEquals(9.0, lib.call("retainCall", 0, 3.0), "slot 0 still runs square after negate was registered and a GC ran");
        assertEquals(-3.0, lib.call("retainCall", 1, 3.0));
        assertEquals(6.25, lib.call("retainCall", 2, 2.5));
        assertEquals(-1.0, lib.call("retainCall", 3, 2.5), "an empty slot");

        var bad = assertThrows(IllegalArgumentException.class, () -> lib.call("retainRegister", 4, square));
        assertTrue(bad.getMessage().contains("slot"), bad.getMessage());
        assertEquals(2.5, lib.call("retainApply", lib.callback("RetainApplyFn", a -> (double) a[0] + 0.5), 2.0),
                "a callback without retain runs during its call as before");
    }
}
