// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static dev.gatun.bindings.golden.BuiltBinding.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.load.NativeSymbolNotFoundException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * golden/cnames built and called: the C names and types that used to make the generated Java fail to compile
 * (names differing only in case, parameters named like generated locals, struct results without parameters,
 * pointers to structs, anonymous types, bit-fields, a function returning a function pointer), and a declared
 * function the library does not define, which fails only when called.
 */
class CNamesCallTest {

    @TempDir
    static Path dir;

    private static BuiltBinding built;

    /** One build for all tests: gatun build of a C library takes seconds. */
    private static synchronized BuiltBinding cnames() throws Exception {
        if (built == null) {
            built = BuiltBinding.build("cnames", dir);
        }
        return built;
    }

    @Test
    void namesThatDifferOnlyInCaseKeepTheirCNames() throws Exception {
        BuiltBinding lib = cnames();
        assertEquals(15, lib.call("bessel_j0", 1.5));
        assertEquals(150, lib.call("bessel_J0", 1.5));
        assertEquals(1 + 2 * 2 + 3 * 3 + 4 * 4 + 5 * 5.0, (double) lib.call("locals", 1.0, 2.0, 3.0, 4.0, 5.0));
        assertEquals(1 + 2 * 2 + 3 * 3 + 4 * 4.0, (double) lib.call("packages", 1.0, 2.0, 3.0, 4.0));
    }

    @Test
    void structResultsPointersAnonymousTypesAndBitFields() throws Exception {
        BuiltBinding lib = cnames();
        Object origin = lib.call("origin");
        assertEquals(List.of(7, -7), List.of(invoke(origin, "first"), invoke(origin, "second")));
        Object shared = lib.call("sharedPair", 0);
        assertEquals(List.of(1, 2), List.of(invoke(shared, "first"), invoke(shared, "second")), "a view of the C static");
        assertNull(lib.call("sharedPair", 1), "NULL comes back as null");

        StructLayout tagged = (StructLayout) lib.nested("Tagged").getField("LAYOUT").get(null);
        assertEquals((long) lib.call("taggedSize"), tagged.byteSize(), "sizeof(tagged) as gcc computes it");
        try (Arena arena = Arena.ofConfined()) {
            Object t = invoke(lib.nested("Tagged"), "allocate", arena);
            invoke(t, "kind", 1);
            invoke(invoke(t, "value"), "re", 0.5);
            invoke(invoke(t, "value"), "im", 0.25);
            invoke(t, "asInt", 40);
            invoke(t, "level", -3);
            invoke(t, "ready", 1);
            invoke(t, "mode", 6);
            assertEquals(1 + 0.5 + 0.25 + 40 + 1 - 3 + 6, (double) lib.call("taggedSum", t), 1e-12, "C reads what Java wrote");
            invoke(t, "asFloat", 1.0f);
            assertEquals(Float.floatToRawIntBits(1.0f), invoke(t, "asInt"), "anonymous union members share their bytes");
            invoke(t, "mode", 0);
            lib.call("taggedSetBits", t, -16);
            assertEquals(List.of(1, -16, 5), List.of(invoke(t, "ready"), invoke(t, "level"), invoke(t, "mode")),
                    "Java reads the bit-fields C wrote, signed ones sign-extended");
            invoke(t, "level", 17);
            assertEquals(-15, invoke(t, "level"), "a value wider than the field wraps as in C");
            assertEquals(1, invoke(t, "ready"), "writing one bit-field leaves its neighbours alone");
        }
    }

    @Test
    void aReturnedFunctionPointerIsAnAddressThatCCanCall() throws Exception {
        BuiltBinding lib = cnames();
        MemorySegment add = (MemorySegment) lib.call("pickOp", 0);
        assertTrue(add.address() != 0, "pick_op(0) returns add");
        assertEquals(MemorySegment.NULL, lib.call("pickOp", 1));
    }

    @Test
    void aFunctionTheLibraryDoesNotDefineFailsOnlyWhenCalled() throws Exception {
        BuiltBinding lib = cnames();
        assertEquals(15, lib.call("bessel_j0", 1.5), "the class loaded although defined_nowhere has no symbol");
        var e = assertThrows(NativeSymbolNotFoundException.class, () -> lib.call("definedNowhere", 3));
        assertTrue(e.getMessage().contains("defined_nowhere"), e.getMessage());
    }
}
