// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Declarations as real headers write them, and diagnostics for malformed ones. */
class CParserTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private CTranslationUnit parse(String text) {
        return CParser.parse(text, Path.of("t.h"), diagnostics);
    }

    private List<String> messages() {
        return diagnostics.all().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void prototypesPointersQualifiersAndVariadics() {
        CTranslationUnit u = parse("""
                int f(void);
                double *g(const double *restrict x, int n, ...);
                extern unsigned long long h(char c, signed char s, unsigned short us, long double ld);
                void k();
                """);
        assertEquals(List.of(), messages());
        assertEquals("int f(void)", u.function("f").orElseThrow().toString());
        CFunction g = u.function("g").orElseThrow();
        assertTrue(g.variadic());
        assertEquals(new CType.Pointer(new CType.Floating(CType.FloatKind.DOUBLE)), g.returnType());
        CType x = g.parameters().getFirst().type();
        assertEquals(new CType.Qualified(new CType.Pointer(new CType.Qualified(
                new CType.Floating(CType.FloatKind.DOUBLE), true, false, false)), false, false, true), x);
        assertEquals(List.of(CType.IntKind.CHAR, CType.IntKind.SIGNED_CHAR, CType.IntKind.UNSIGNED_SHORT),
                u.function("h").orElseThrow().parameters().stream().limit(3)
                        .map(p -> ((CType.Int) p.type()).kind()).toList());
        assertEquals(new CType.Int(CType.IntKind.UNSIGNED_LONG_LONG), u.function("h").orElseThrow().returnType());
        assertEquals("t.h:1:5", u.function("f").orElseThrow().position().toString());
    }

    @Test
    void arraysFunctionPointersAndTypedefs() {
        CTranslationUnit u = parse("""
                typedef void (*callback_t)(int code, void *user);
                typedef int handler_t(double);
                typedef double vec3[3];
                void on(callback_t cb, void (*raw)(const char *), int (*pick(int))(double));
                void sum(int n, double a[static 3], double m[][4], double v[n]);
                handler_t declared_through_typedef;
                int *(*table[2])(void);
                """);
        assertEquals(List.of(), messages());
        CType cb = u.typedef("callback_t").orElseThrow().type();
        assertTrue(cb instanceof CType.Pointer p && p.pointee() instanceof CType.Function f
                && f.parameters().size() == 2 && f.parameters().get(1).name().equals("user"), cb.spelling());
        CFunction on = u.function("on").orElseThrow();
        assertEquals("void (*)(const char *)", on.parameters().get(1).type().spelling());
        // pick is "function (int) returning pointer to function (double) returning int", adjusted to a pointer.
        CType pick = on.parameters().get(2).type();
        assertTrue(pick instanceof CType.Pointer p && p.pointee() instanceof CType.Function f
                && f.returnType() instanceof CType.Pointer, pick.spelling());
        CFunction sum = u.function("sum").orElseThrow();
        assertEquals(new CType.Array(new CType.Floating(CType.FloatKind.DOUBLE), OptionalLong.of(3)),
                sum.parameters().get(1).declaredType());
        assertEquals(new CType.Pointer(new CType.Floating(CType.FloatKind.DOUBLE)), sum.parameters().get(1).type());
        assertEquals("double[4] *", sum.parameters().get(2).type().spelling());
        assertEquals(new CType.Pointer(new CType.Floating(CType.FloatKind.DOUBLE)), sum.parameters().get(3).type());
        assertEquals("int declared_through_typedef(double)",
                u.function("declared_through_typedef").orElseThrow().toString());
        CType table = u.variable("table").orElseThrow().type();
        assertTrue(table instanceof CType.Array a && a.length().equals(OptionalLong.of(2))
                && a.element() instanceof CType.Pointer p && p.pointee() instanceof CType.Function, table.spelling());
    }

    @Test
    void structsUnionsBitFieldsAndOpaqueTypes() {
        CTranslationUnit u = parse("""
                struct opaque;
                typedef struct opaque *handle;
                struct later;
                struct later { int x; };
                struct outer {
                    int kind;
                    union { int i; float f; };
                    struct inner { char tag; } in;
                    unsigned flags : 3, : 2, mode : 4;
                    char name[16];
                    struct outer *next;
                };
                """);
        assertEquals(List.of(), messages());
        assertFalse(u.struct("opaque").orElseThrow().complete());
        assertTrue(u.struct("later").orElseThrow().complete());
        CStruct outer = u.struct("outer").orElseThrow();
        assertEquals(List.of("kind", "", "in", "flags", "", "mode", "name", "next"),
                outer.members().stream().map(CStruct.Member::name).toList());
        assertEquals(OptionalInt.of(3), outer.member("flags").orElseThrow().bitWidth());
        assertEquals(OptionalInt.of(2), outer.members().get(4).bitWidth());
        assertTrue(u.struct("inner").isPresent(), "a struct declared inside another has file scope");
        CLayout.StructLayout l = new CLayout(u).of(outer);
        assertEquals(4, l.member("f").orElseThrow().offset());
    }

    @Test
    void enumConstantExpressions() {
        CTranslationUnit u = parse("""
                enum flags { A = 1 << 3, B = (A | 2), C, D = 'x', E = sizeof(int) * 2, F = -1, G = ~0u & 0xff,
                             H = B > A ? 100 : 200, I = (int) 0x1ffffffffL, J = 010, K = A + B - C, };
                enum { ANON_FIRST };
                """);
        assertEquals(List.of(), messages());
        CEnum e = u.enumeration("flags").orElseThrow();
        assertEquals(List.of(8L, 10L, 11L, 120L, 8L, -1L, 255L, 100L, -1L, 8L, 7L),
                e.enumerators().stream().map(CEnum.Enumerator::value).toList());
        assertEquals(CType.IntKind.INT, e.underlyingKind());
        assertEquals(0, u.enumerator("ANON_FIRST").orElseThrow());
    }

    @Test
    void gnuExtensions() {
        CTranslationUnit u = parse("""
                __extension__ typedef long long ll_t;
                extern int fscanf(void *__restrict __stream, const char *__restrict __format, ...)
                    __asm__ ("" "__isoc99_fscanf") __attribute__ ((__nothrow__ , __leaf__));
                __attribute__((deprecated("use g"))) int old(int) __attribute__((__nonnull__ (1)));
                static __inline int twice(int x) { if (x) { return 2 * x; } return 0; }
                _Static_assert(sizeof(int) == 4, "int");
                typedef __builtin_va_list va;
                typedef _Bool flag;
                float _Complex cf(double __complex__ z);
                int after_all(void);
                """);
        assertEquals(List.of(), messages());
        assertEquals("__isoc99_fscanf", u.function("fscanf").orElseThrow().linkName());
        assertTrue(u.function("twice").orElseThrow().hasBody());
        assertTrue(u.function("twice").orElseThrow().isStatic());
        assertEquals(new CType.VaList(), u.typedef("va").orElseThrow().type());
        assertEquals(new CType.Complex(CType.FloatKind.FLOAT), u.function("cf").orElseThrow().returnType());
        assertTrue(u.function("after_all").isPresent(), "parsing goes on after the skipped body");
    }

    @Test
    void unsupportedConstructsAreSkippedWithAWarning() {
        CTranslationUnit u = parse("""
                typedef __typeof__(1 + 2) sum_t;
                __int128 wide(void);
                int fine(void);
                """);
        assertEquals(List.of(
                "t.h:1:9: warning: __typeof__(...) is not supported; the declaration is skipped",
                "t.h:2:10: warning: 'wide' uses __int128 (at t.h:2:1), which Java cannot represent; it will not be bound"),
                messages());
        assertTrue(u.typedef("sum_t").isEmpty());
        assertTrue(u.function("fine").isPresent());
    }

    @Test
    void malformedInputReportsFileLineColumnAndRecovers() {
        CTranslationUnit u = parse("""
                int ok1(void);
                int missing_paren(int a;
                struct s { int x };  /* gcc accepts the missing ';' before '}', and so do we */
                double bad_enum_value(void);
                enum e { X = 1 +, Y };
                unknown_t f(int);
                int (*)(int);
                int ok2(int a[);
                int survivor(void);
                """);
        assertEquals(List.of(
                "t.h:2:24: error: expected ')' or ',' after a parameter, found ';'",
                "t.h:5:17: error: expected a constant expression, found ','",
                "t.h:6:1: error: expected a declaration, found 'unknown_t'",
                "t.h:7:7: error: expected a name in the declaration, found ')'",
                "t.h:8:15: error: expected ']' to close the array size, found ')'"), messages());
        assertTrue(u.function("ok1").isPresent());
        assertTrue(u.function("bad_enum_value").isPresent());
        assertTrue(u.function("survivor").isPresent(), "parsing resumes after every error");
    }

    @Test
    void truncatedRealHeadersNeverThrow() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RealHeadersTest.FFTW != null, "no fftw3.h");
        String text = CPreprocessor.fromEnvironment().preprocess(List.of(RealHeadersTest.FFTW)).text();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 40; i++) {
            int cut = random.nextInt(text.length());
            Diagnostics d = new Diagnostics();
            CParser.parse(text.substring(0, cut), Path.of("cut.h"), d);
            assertTrue(d.errors().stream().noneMatch(e -> e.message().startsWith("internal error")),
                    "cut at " + cut + ": " + d.errors());
        }
    }

    @Test
    void unbalancedBodyIsAnErrorAtItsBrace() {
        parse("int f(void) { return 0;\n");
        assertEquals(List.of("t.h:1:13: error: unbalanced '{': no matching '}' before the end of the input"),
                messages());
    }
}
