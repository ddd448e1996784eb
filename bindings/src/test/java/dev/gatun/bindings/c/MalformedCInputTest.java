// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.cli.GatunCli;
import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's C inputs that used to throw out of the generator: each now ends in {@code file:line:col} diagnostics
 * (or in a binding, where the input is legal C), never in an uncaught exception.
 */
class MalformedCInputTest {

    @TempDir
    Path dir;

    /** Generates bindings for one header; returns the diagnostics, asserting that nothing was thrown. */
    private Diagnostics generate(String name, byte[] header) throws Exception {
        Path h = dir.resolve(name + ".h");
        Files.write(h, header);
        var d = new Diagnostics();
        BindingGenerator.generate("bad", List.of(h), "", d);
        return d;
    }

    private Diagnostics generate(String name, String header) throws Exception {
        return generate(name, header.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Diagnostics d) {
        return d.all().stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void hugeLineMarkerIsClamped() throws Exception {
        Diagnostics d = generate("line", "#line 4294967295\nint f(int x);\n");
        assertFalse(d.hasErrors(), text(d));
    }

    @Test
    void aNulByteInALineMarkersFileNameIsNoException() {
        // Preprocessed text as cc -E hands it over, with a NUL in the marker (the C fuzz target found it).
        Path h = dir.resolve("nul.h");
        var d = new Diagnostics();
        var source = new dev.gatun.bindings.c.PreprocessedSource("# 1 \"" + h + "\"\n# 3 \"a\u0000b.h\"\nint f(int x);\n",
                java.util.Set.of(h), List.of("cc", "-E"));
        var unit = dev.gatun.bindings.c.CParser.parse(source, d);
        assertFalse(d.hasErrors(), text(d));
        assertEquals(1, unit.functions().size(), text(d));
    }

    @Test
    void unterminatedCharacterConstantInAMacroIsNoConstant() throws Exception {
        Diagnostics d = generate("quote", "#define C 'x\nint f(int x);\n");
        assertFalse(d.hasErrors(), text(d));
    }

    @Test
    void unterminatedCharacterConstantInADirectiveIsAWarningAtItsPosition() throws Exception {
        Diagnostics d = generate("dim", "// gatun: a dimension('a)\nvoid g(double *a, int n);\n");
        assertTrue(text(d).matches("(?s).*dim\\.h:1:\\d+: warning: .*unterminated character constant.*"), text(d));
    }

    @Test
    void checkNamingNoParameterIsAWarning() throws Exception {
        Diagnostics d = generate("check", "// gatun: a check(n >= 0)\nvoid g(double *a, int m);\n");
        assertTrue(text(d).matches("(?s).*check\\.h:1:\\d+: warning: .*'n' is neither a parameter of g.*"), text(d));
        assertFalse(d.hasErrors());
    }

    @Test
    void voidParameterIsSkippedWithAWarning() throws Exception {
        Diagnostics d = generate("voidp", "int f(void buf);\nint g(int x);\n");
        assertTrue(text(d).matches("(?s).*voidp\\.h:1:5: warning: skipped f: parameter 'buf' .* has type void.*"), text(d));
    }

    @Test
    void latinOneCommentIsNoReasonToFail() throws Exception {
        byte[] header = "/* caf\u00e9 na\u00efve */\nint f(int x);\n".getBytes(StandardCharsets.ISO_8859_1);
        Diagnostics d = generate("latin", header);
        assertFalse(d.hasErrors(), text(d));
    }

    @Test
    void declaratorsNestedThousandsDeepAreSkippedNotAStackOverflow() throws Exception {
        String pointers = "int " + "*".repeat(100_000) + "p;\nint f(int x);\n";
        String parens = "int " + "(".repeat(30_000) + "*q" + ")".repeat(30_000) + ";\nint g(int x);\n";
        for (String header : List.of(pointers, parens)) {
            Diagnostics d = generate("deep", header);
            assertTrue(text(d).contains("deep.h:1:"), text(d));
            assertTrue(text(d).contains("more than 200 levels deep"), text(d));
        }
    }

    @Test
    void packageThatIsNoJavaNameIsRefused() throws Exception {
        Path h = dir.resolve("ok.h");
        Files.writeString(h, "int f(int x);\n");
        var e = assertThrows(IllegalArgumentException.class,
                () -> BindingGenerator.generate("ok", List.of(h), "1bad.pkg", new Diagnostics()));
        assertTrue(e.getMessage().contains("--package '1bad.pkg'"), e.getMessage());
        assertEquals(2, GatunCli.run("wrap", "-m", "ok", "--package", "a.class.b", "-d", dir.resolve("out").toString(), h.toString()),
                "a usage error");
        Optional<BindingGenerator.Result> fine = BindingGenerator.generate("ok", List.of(h), "com.example.ok", new Diagnostics());
        assertTrue(fine.isPresent());
    }
}
