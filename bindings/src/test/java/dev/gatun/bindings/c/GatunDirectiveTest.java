// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gatun directives in comments survive the real preprocessor ({@code -C}) and land on their parameters. */
class GatunDirectiveTest {

    private static final String HEADER = """
            #ifndef KERNELS_H
            #define KERNELS_H
            #include <stddef.h>
            #define EXTENT size

            void cos_doubles(double *in /* gatun: in, dimension(EXTENT) */,
                             double *out /* gatun: out, dimension(size) */, int size);

            // gatun: a dimension(n,m) intent(inout) order(fortran)
            // gatun: n hide; m check(m > 0) depend(a)
            void scale(double *a, int n, int m, double factor);

            /* gatun: d_x device */
            int saxpy(float alpha, const float *d_x, float *d_y, int n); // gatun: d_y device, intent(in,out)

            void trailing(double *x,   // gatun: in, dimension(len)
                          size_t len);
            #endif
            """;

    @Test
    void directivesAttachToTheirParameters(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("kernels.h");
        Files.writeString(h, HEADER);
        Diagnostics diagnostics = new Diagnostics();
        CTranslationUnit u = CParser.parse(CPreprocessor.fromEnvironment().preprocess(List.of(h)), diagnostics);
        assertEquals(List.of(), diagnostics.all());

        CFunction cos = u.function("cos_doubles").orElseThrow();
        CParameter in = cos.parameter("in").orElseThrow();
        assertEquals(Set.of(CDirective.IntentFlag.IN), in.directive(CDirective.Intent.class).orElseThrow().flags());
        // Comments are not macro-expanded: the extent is what the user wrote.
        assertEquals(List.of("EXTENT"), in.directive(CDirective.Dimension.class).orElseThrow().extents());
        CDirective.Dimension outDim = cos.parameter("out").orElseThrow().directive(CDirective.Dimension.class)
                .orElseThrow();
        assertEquals(List.of("size"), outDim.extents());
        assertEquals(h.toAbsolutePath().normalize() + ":7:45", outDim.position().toString());
        assertEquals(List.of(), cos.parameter("size").orElseThrow().directives());

        CFunction scale = u.function("scale").orElseThrow();
        CParameter a = scale.parameter("a").orElseThrow();
        assertEquals(List.of("n", "m"), a.directive(CDirective.Dimension.class).orElseThrow().extents());
        assertEquals(CDirective.ArrayOrder.FORTRAN, a.directive(CDirective.Order.class).orElseThrow().order());
        assertEquals(Set.of(CDirective.IntentFlag.INOUT), a.directive(CDirective.Intent.class).orElseThrow().flags());
        assertEquals(Set.of(CDirective.IntentFlag.HIDE),
                scale.parameter("n").orElseThrow().directive(CDirective.Intent.class).orElseThrow().flags());
        CParameter m = scale.parameter("m").orElseThrow();
        assertEquals("m > 0", m.directive(CDirective.Check.class).orElseThrow().expression());
        assertEquals(List.of("a"), m.directive(CDirective.Depend.class).orElseThrow().names());
        assertEquals(List.of(), scale.parameter("factor").orElseThrow().directives());

        CFunction saxpy = u.function("saxpy").orElseThrow();
        assertTrue(saxpy.parameter("d_x").orElseThrow().directive(CDirective.Device.class).isPresent());
        CParameter dy = saxpy.parameter("d_y").orElseThrow();
        assertTrue(dy.directive(CDirective.Device.class).isPresent());
        assertEquals(Set.of(CDirective.IntentFlag.IN, CDirective.IntentFlag.OUT),
                dy.directive(CDirective.Intent.class).orElseThrow().flags());

        CParameter x = u.function("trailing").orElseThrow().parameter("x").orElseThrow();
        assertEquals(List.of("len"), x.directive(CDirective.Dimension.class).orElseThrow().extents());
        assertEquals(List.of(), u.function("trailing").orElseThrow().parameter("len").orElseThrow().directives());
    }

    @Test
    void badDirectivesAreWarningsWithPositions() {
        Diagnostics diagnostics = new Diagnostics();
        CTranslationUnit u = CParser.parse("""
                // gatun: nosuch dimension(n)
                void f(double *x /* gatun: inn, order(rowmajor), dimension() */, int n);
                /* gatun: x in */
                typedef int not_a_function;
                """, Path.of("d.h"), diagnostics);
        assertEquals(List.of(
                "d.h:2:28: warning: unknown gatun directive 'inn' (known: in, out, inout, hide, intent(...), "
                        + "dimension(...), depend(...), check(...), order(c|fortran), device, retain); it is ignored",
                "d.h:2:33: warning: gatun directive 'order' takes c or fortran, got 'rowmajor'",
                "d.h:2:50: warning: gatun directive 'dimension' needs extents, e.g. dimension(n) or dimension(n,m)",
                "d.h:1:1: warning: gatun directive names parameter 'nosuch', but f has parameters [x, n]; "
                        + "the directive is ignored",
                "d.h:3:1: warning: gatun directive on typedef 'not_a_function' is ignored: directives apply to "
                        + "function parameters"),
                diagnostics.all().stream().map(Diagnostic::toString).toList());
        assertEquals(List.of(), u.function("f").orElseThrow().parameter("x").orElseThrow().directives());
    }

    @Test
    void warningsInAMultiLineCommentNameTheirOwnLineAndColumn() {
        Diagnostics diagnostics = new Diagnostics();
        CParser.parse("""
                /* gatun: x dimension(n)
                     order(rowmajor);
                   n in, (m) */
                void f(double *x, int n);
                """, Path.of("m.h"), diagnostics);
        assertEquals(List.of(
                "m.h:2:6: warning: gatun directive 'order' takes c or fortran, got 'rowmajor'",
                "m.h:3:10: warning: unexpected '(' in gatun directive",
                "m.h:3:12: warning: unexpected ')' in gatun directive",
                "m.h:3:11: warning: unknown gatun directive 'm' (known: in, out, inout, hide, intent(...), dimension(...), "
                        + "depend(...), check(...), order(c|fortran), device, retain); it is ignored"),
                diagnostics.all().stream().map(Diagnostic::toString).filter(w -> !w.contains("names parameter")).toList());
    }

    @Test
    void aHugeDirectiveCommentIsReadInLinearTime() {
        // 64 000 stray groups: every one is an item with a position. Positions used to be found by scanning the comment
        // from its start, so this took minutes (16 000 groups: 2 s); it must stay far below the fuzzer's time limit.
        String comment = "// gatun: a dimension(n)" + "(n)".repeat(64_000) + "\n";
        Diagnostics diagnostics = new Diagnostics();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () ->
                CParser.parse(comment + "void f(double *a, int n);\n", Path.of("h.h"), diagnostics));
        assertTrue(diagnostics.all().stream().anyMatch(d -> d.toString().startsWith("h.h:1:25: warning: unexpected '('")),
                diagnostics.all().getFirst().toString());
    }
}
