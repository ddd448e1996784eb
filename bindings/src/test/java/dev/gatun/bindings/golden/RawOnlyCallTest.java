// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.cli.GatunCli;
import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A C function that writes a {@code char *} of a length no directive gives has no checked method (the friendly layer
 * would not know how much the function may write), but it is not lost: like jextract, Gatun binds it in the raw layer,
 * taking the buffer as a {@code MemorySegment} the caller sizes, with its address accessor; the warning says so and
 * names the directive that would give it a checked method. Functions beside it keep their friendly methods.
 */
class RawOnlyCallTest {
    @TempDir
    static Path dir;

    private static BuiltBinding lib;

    private static final String HEADER = """
            /* Writes "label-<id>" into label: how long a buffer it needs, the header does not say. */
            int fill_label(int id, char *label);
            /* Copies text, which may be NULL, into out. */
            void copy_or_empty(const char *text, char *out);
            /* A string in: a friendly method taking a Java String. */
            int label_length(const char *label);
            """;

    @BeforeAll
    static void build() throws Exception {
        Files.writeString(dir.resolve("labels.h"), HEADER);
        Files.writeString(dir.resolve("labels.c"), """
                #include <stdio.h>
                #include <string.h>
                #include "labels.h"
                int fill_label(int id, char *label) { return sprintf(label, "label-%d", id); }
                void copy_or_empty(const char *text, char *out) { strcpy(out, text == NULL ? "" : text); }
                int label_length(const char *label) { return (int) strlen(label); }
                """);
        Path jar = dir.resolve("labels.jar");
        assertEquals(0, GatunCli.run("build", "-m", "labels", "--package", "raw.labels", "-o", jar.toString(),
                dir.resolve("labels.h").toString(), dir.resolve("labels.c").toString()));
        lib = BuiltBinding.load(jar, "raw.labels.Labels");
    }

    @Test
    void aWrittenCharPointerWithoutALengthIsBoundInRawOnly() throws Exception {
        Class<?> raw = lib.nested("Raw");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment label = arena.allocate(32);
            assertEquals(7, BuiltBinding.invoke(raw, "fillLabel", 7, label), "sprintf's count");
            assertEquals("label-7", label.getString(0));
            MemorySegment out = arena.allocate(16);
            BuiltBinding.invoke(raw, "copyOrEmpty", arena.allocateFrom("abc"), out);
            assertEquals("abc", out.getString(0));
        }
        assertTrue(lib.call("fillLabel$address") instanceof MemorySegment address && !address.equals(MemorySegment.NULL),
                "the address accessor of a raw-only function");
        assertTrue(Arrays.stream(lib.type().getMethods()).noneMatch(m -> m.getName().equals("fillLabel")),
                "no checked method: it could not know the buffer's length");
        assertEquals(5, lib.call("labelLength", "label"), "a function beside it keeps its friendly method");
    }

    @Test
    void theRawMethodStillRefusesAHeapSegment() throws Exception {
        Method fill = lib.nested("Raw").getMethod("fillLabel", int.class, MemorySegment.class);
        var e = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> fill.invoke(null, 1, MemorySegment.ofArray(new byte[32])));
        assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
    }

    @Test
    void theWarningSaysRawOnlyAndNamesTheDirective() {
        var d = new Diagnostics();
        BindingGenerator.generate("labels", List.of(dir.resolve("labels.h")), "raw.labels", d).orElseThrow();
        assertEquals(List.of(
                "labels.h:2:5: warning: function 'fill_label' is bound in Raw only (no checked method): parameter 'label' is a"
                        + " char * the function writes; give its length with a directive, e.g. 'gatun: label out dimension(256)'",
                "labels.h:4:6: warning: function 'copy_or_empty' is bound in Raw only (no checked method): parameter 'out' is a"
                        + " char * the function writes; give its length with a directive, e.g. 'gatun: out out dimension(256)'"),
                d.all().stream().map(Diagnostic::toString).map(s -> s.substring(s.indexOf("labels.h"))).toList());
    }
}
