// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.load.NativeStatusException;
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
 * {@code ok(>= 0)} rule returns non-negative results; the raw layer still returns the code.
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
}
