// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.StatusRule;
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

    /**
     * {@code status(...)} lines of a side file and {@code gatun: status(...)} comments of a header are library-wide
     * rules, kept as written for the pass that resolves them; a malformed one is reported at its {@code file:line:col}.
     */
    @Test
    void statusRulesFromSideFilesAndHeaderComments(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("lib.h");
        Files.writeString(h, """
                #define LIB_OK 0
                // gatun: status(lib_*, !lib_strerror) ok(LIB_OK) names(LIB_E*) message(lib_strerror)
                int lib_open(const char *path);
                typedef int lib_handle;
                /* gatun: status(other_*) ok(>= 0) */
                extern int lib_version;
                const char *lib_strerror(int status);
                """);
        Path side = dir.resolve("lib.gatun");
        Files.writeString(side, """
                status(nc_*, !nc_strerror) ok(NC_NOERR) names(NC_E*, !NC_ENDIAN_*) message(nc_strerror)
                  status(gsl_*) names(GSL_E*) bogus(1) message(a, b)
                status() ok(0)
                """);
        var d = new Diagnostics();
        SignatureFile file = SignatureFile.read(List.of(side), d);
        assertEquals(2, file.statusRules().size(), file.statusRules()::toString);
        StatusRule nc = file.statusRules().getFirst();
        assertEquals(List.of("nc_*", "!nc_strerror"), nc.functions());
        assertEquals(List.of("NC_NOERR"), nc.ok());
        assertEquals(List.of("NC_E*", "!NC_ENDIAN_*"), nc.names());
        assertEquals(java.util.Optional.of("nc_strerror"), nc.message());
        assertEquals(side + ":1:1", nc.position().toString());
        StatusRule gsl = file.statusRules().get(1);
        assertEquals(List.of("0"), gsl.ok(), "no ok(...) means 0");
        assertEquals(java.util.Optional.empty(), gsl.message());
        assertTrue(StatusRule.matches(nc.functions(), "nc_open") && !StatusRule.matches(nc.functions(), "nc_strerror"));
        assertTrue(StatusRule.matches(nc.names(), "NC_ENOTVAR") && !StatusRule.matches(nc.names(), "NC_ENDIAN_BIG"));
        assertTrue(StatusRule.matches(List.of("a?c*"), "abcdef") && !StatusRule.matches(List.of("a?c*"), "acdef"));

        List<String> warnings = d.warnings().stream().map(Object::toString).toList();
        assertEquals(3, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().startsWith(side + ":2:31: warning: unknown word 'bogus'"), warnings.getFirst());
        assertTrue(warnings.get(1).startsWith(side + ":2:40: warning: gatun directive 'message' takes one function name"), warnings.get(1));
        assertTrue(warnings.get(2).startsWith(side + ":3:1: warning: gatun directive 'status' needs function patterns"), warnings.get(2));

        var hd = new Diagnostics();
        CTranslationUnit unit = CParser.parse(CPreprocessor.fromEnvironment().preprocess(List.of(h)), hd);
        Unit u = new CLowering(unit, dev.gatun.bindings.model.Language.C, hd).withSignatures(file).lower(h);
        assertEquals(List.of(List.of("lib_*", "!lib_strerror"), List.of("other_*"), nc.functions(), gsl.functions()),
                u.declarations().statuses().stream().map(StatusRule::functions).toList(),
                "the header's rules (before a prototype and before a variable), then the side file's");
        assertTrue(u.declarations().statuses().get(1).nonNegativeIsOk());
        assertEquals(List.of(), hd.warnings(), "status comments are no parameter's directives");
    }

    /**
     * {@code param(name)}: the status is what the functions store through their {@code int *name} (CFITSIO). It takes one
     * name, and {@code ok(>= 0)}, which is about results, is refused with it.
     */
    @Test
    void statusRulesReadingAParameter(@TempDir Path dir) throws Exception {
        Path side = dir.resolve("fits.gatun");
        Files.writeString(side, """
                status(ff*, fits_*) param(status) ok(0) names(*, !TYP_*) message(ffgerr)
                status(a_*) param(x, y)
                status(b_*) param(status) ok(>= 0)
                """);
        var d = new Diagnostics();
        SignatureFile file = SignatureFile.read(List.of(side), d);
        assertEquals(2, file.statusRules().size(), file.statusRules()::toString);
        StatusRule fits = file.statusRules().getFirst();
        assertEquals(java.util.Optional.of("status"), fits.parameter());
        assertEquals(List.of("0"), fits.ok());
        assertEquals(java.util.Optional.of("ffgerr"), fits.message());
        assertEquals(java.util.Optional.empty(), file.statusRules().get(1).parameter(), "a malformed param(...) is dropped");
        List<String> warnings = d.warnings().stream().map(Object::toString).toList();
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().startsWith(side + ":2:13: warning: gatun directive 'param' takes the name of the int *"),
                warnings.getFirst());
        assertTrue(warnings.get(1).startsWith(side + ":3:1: warning: gatun status directive: ok(>= 0) is for statuses returned as"),
                warnings.get(1));
    }

    /** {@code retain} marks a function-pointer parameter the library keeps; on anything else it is reported and ignored. */
    @Test
    void retainAppliesToFunctionPointersOnly(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("reg.h");
        Files.writeString(h, "int reg(double x, void (*cb)(int));\n");
        Path side = dir.resolve("reg.gatun");
        Files.writeString(side, "reg: x retain; cb retain\n");
        var d = new Diagnostics();
        SignatureFile file = SignatureFile.read(List.of(side), d);
        CTranslationUnit unit = CParser.parse(CPreprocessor.fromEnvironment().preprocess(List.of(h)), d);
        Procedure reg = new CLowering(unit, dev.gatun.bindings.model.Language.C, d).withSignatures(file).lower(h).procedures().getFirst();
        assertEquals(List.of(false, true), reg.parameters().stream().map(Parameter::retained).toList());
        List<String> warnings = d.warnings().stream().map(Object::toString).toList();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().contains("parameter 'x' of reg: gatun directive retain is ignored: it is not a function pointer"),
                warnings.getFirst());
    }
}
