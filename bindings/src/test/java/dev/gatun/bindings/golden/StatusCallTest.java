// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.load.NativeStatusException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * golden/status built with gcc and called: functions whose integer result a {@code gatun: status(...)} directive
 * declares a status return their other outputs (or nothing) and throw {@link NativeStatusException} carrying the
 * status, the header's own name for it ({@code ST_ENOTFOUND}) and the library's text ({@code st_strerror}); an
 * {@code ok(>= 0)} rule returns non-negative results; the raw layer still returns the code. With {@code param(status)}
 * (CFITSIO's convention) the status is what the function stores through its {@code int *status}: the friendly method
 * hides that parameter, passes 0 in, and takes the text from a function filling a buffer.
 */
class StatusCallTest {

    @TempDir
    static Path dir;

    private static BuiltBinding built;

    private static synchronized BuiltBinding status() throws Exception {
        if (built == null) {
            built = BuiltBinding.build("status", dir);
        }
        return built;
    }

    @Test
    void successReturnsTheOtherOutputsAndFailureThrowsWithTheHeadersNameAndTheLibrarysText() throws Exception {
        BuiltBinding lib = status();
        assertEquals(1, lib.call("stFind", "beta"), "the out parameter is the result once the status is checked");
        var missing = assertThrows(NativeStatusException.class, () -> lib.call("stFind", "delta"));
        assertEquals("st_find", missing.function());
        assertEquals(-3, missing.status());
        assertEquals(Optional.of("ST_ENOTFOUND"), missing.statusName(), "the first constant with the value, in header order");
        assertEquals(Optional.of("no such key"), missing.libraryMessage());
        assertEquals("st_find: ST_ENOTFOUND (-3): no such key", missing.getMessage());

        double[] x = {1, 2, 3};
        lib.call("stScale", x, 2.0);
        assertArrayEquals(new double[] {2, 4, 6}, x);
        var range = assertThrows(NativeStatusException.class, () -> lib.call("stScale", x, -1.0));
        assertEquals(Optional.of("ST_ERANGE"), range.statusName());
        assertEquals("st_scale: ST_ERANGE (-7): value out of range", range.getMessage());

        lib.call("stCode", 0);
        var again = assertThrows(NativeStatusException.class, () -> lib.call("stCode", 11));
        assertEquals(Optional.of("ST_EAGAIN"), again.statusName(), "ST_EXTRA_FLAGS (also 11) is excluded by !ST_EXTRA*");
        var unknown = assertThrows(NativeStatusException.class, () -> lib.call("stCode", 42));
        assertEquals(Optional.empty(), unknown.statusName());
        assertEquals("st_code: status 42: unknown status", unknown.getMessage());
    }

    @Test
    void nonNegativeResultsAreValuesAndOtherFunctionsAreUntouched() throws Exception {
        BuiltBinding lib = status();
        assertEquals(14, lib.call("stCount", 7), "ok(>= 0): the result is returned");
        var negative = assertThrows(NativeStatusException.class, () -> lib.call("stCount", -1));
        assertEquals("st_count: ST_ERANGE (-7)", negative.getMessage(), "this rule names no message function");
        assertEquals(2.0, (double) lib.call("stMean", (Object) new double[] {1, 2, 3}), "a double result is no status");

        List<Method> methods = Arrays.stream(lib.type().getMethods()).filter(m -> m.getName().equals("stCode")).toList();
        assertEquals(void.class, methods.getFirst().getReturnType(), "a status-only result leaves a void method");
        Class<?> raw = lib.nested("Raw");
        assertEquals(42, BuiltBinding.invoke(raw, "stCode", 42), "the raw layer returns the code as the C function does");
    }

    @Test
    void statusesStoredThroughAParameterAreCheckedAndTheParameterIsHidden() throws Exception {
        BuiltBinding lib = status();
        assertEquals(3, lib.call("pstHalf", 6), "the out parameter is the result; the int result (the status again) is dropped");
        var odd = assertThrows(NativeStatusException.class, () -> lib.call("pstHalf", 7));
        assertEquals("pst_half", odd.function());
        assertEquals(-7, odd.status());
        assertEquals(Optional.of("ST_ERANGE"), odd.statusName());
        assertEquals(Optional.of("value out of range"), odd.libraryMessage(), "the text pst_errtext wrote into its buffer");
        assertEquals("pst_half: ST_ERANGE (-7): value out of range", odd.getMessage());
        assertEquals(4, lib.call("pstHalf", 8), "every call passes 0 in: the failure before is not inherited");

        assertEquals(6.0, (double) lib.call("pstSum", (Object) new double[] {1, 2, 3}), "a result that is not an int is returned");
        var empty = assertThrows(NativeStatusException.class, () -> lib.call("pstSum", (Object) new double[0]));
        assertEquals("pst_sum: ST_ENOTFOUND (-3): no such key", empty.getMessage());

        lib.call("pstSet", 0);
        var unknown = assertThrows(NativeStatusException.class, () -> lib.call("pstSet", 42));
        assertEquals(Optional.empty(), unknown.statusName());
        assertEquals("pst_set: status 42: unknown status", unknown.getMessage());
        assertEquals(10, lib.call("pstTwice", 5), "a pst_* function without the status parameter is untouched");

        assertEquals(void.class, lib.type().getMethod("pstSet", int.class).getReturnType(), "the status parameter is hidden");
        assertEquals(int.class, lib.type().getMethod("pstHalf", int.class).getReturnType());
        // The raw layer keeps the parameter, and with it CFITSIO's inherited status: nonzero on entry returns at once.
        Class<?> raw = lib.nested("Raw");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment half = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            status.set(ValueLayout.JAVA_INT, 0, 11);
            assertEquals(11, BuiltBinding.invoke(raw, "pstHalf", 6, half, status));
            assertEquals(0, half.get(ValueLayout.JAVA_INT, 0), "the function did nothing");
        }
    }
}
