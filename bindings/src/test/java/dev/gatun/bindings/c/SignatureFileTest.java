// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directives from a {@code .gatun} side file reach the parameters of a header nobody may edit. */
class SignatureFileTest {

    @Test
    void sideFileDirectivesApplyLikeLeadingComments(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("lib.h");
        Files.writeString(h, """
                #define NAME_MAX_LEN 64
                int get_name(char *name, int *len);
                int get_handle(void **handle);
                double sum(const double *x, int n);
                """);
        Path side = dir.resolve("lib.gatun");
        Files.writeString(side, """
                # comments and blank lines are skipped

                get_name: name out dimension(NAME_MAX_LEN); len out
                get_handle: handle out
                sum: x dimension(n); nope in
                not a line
                """);
        var d = new Diagnostics();
        SignatureFile file = SignatureFile.read(List.of(side), d);
        CTranslationUnit unit = CParser.parse(CPreprocessor.fromEnvironment().preprocess(List.of(h)), d);
        Unit u = new CLowering(unit, dev.gatun.bindings.model.Language.C, d).withSignatures(file).lower(h);

        Procedure name = u.procedures().getFirst();
        Parameter text = name.parameters().getFirst();
        assertEquals(Parameter.Intent.OUT, text.intent());
        assertTrue(text.type() instanceof Type.Character c && c.length() instanceof Expr.IntConst k && k.value() == 64,
                "a macro in the extent is its value: " + text.type().describe());
        assertEquals(Parameter.Intent.OUT, name.parameters().get(1).intent());
        Parameter handle = u.procedures().get(1).parameters().getFirst();
        assertEquals(Parameter.Passing.REFERENCE, handle.passing());
        assertEquals(new Type.Pointer(Type.VOID), handle.type(), "void ** out returns the address");
        assertEquals("0:n - 1", u.procedures().get(2).parameters().getFirst().dimensions().getFirst().render());

        List<String> warnings = d.warnings().stream().map(Object::toString).toList();
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().startsWith(side + ":6:1: warning: expected 'function: parameter directives; ...'"), warnings.getFirst());
        assertTrue(warnings.get(1).startsWith(side + ":5:27: warning: signature file names parameter 'nope', but sum has x, n"),
                warnings.get(1));
    }
}
