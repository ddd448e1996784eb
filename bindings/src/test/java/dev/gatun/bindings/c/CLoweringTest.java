// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.ArrayOrder;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.Unit;
import dev.gatun.bindings.pass.Notes;
import dev.gatun.bindings.pass.Passes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** C declarations and directives lowered into the shared model, and the shared passes run on the result. */
class CLoweringTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private Unit lower(Path dir, String header) throws Exception {
        Path h = dir.resolve("kernels.h");
        Files.writeString(h, header);
        CTranslationUnit unit = CParser.parse(CPreprocessor.fromEnvironment().preprocess(List.of(h)), diagnostics);
        assertEquals(List.of(), diagnostics.errors());
        return new CLowering(unit, Language.C, diagnostics).lower(h);
    }

    private static Procedure proc(Unit u, String name) {
        return u.procedures().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void directivesBecomeArrayParametersAndExtentsAreInferred(@TempDir Path dir) throws Exception {
        Unit u = lower(dir, """
                void cos_doubles(double *in /* gatun: in, dimension(size) */,
                                 double *out /* gatun: out, dimension(size) */, int size);
                // gatun: a dimension(n, m) inout order(fortran)
                // gatun: m check(m > 0 && m <= size(a, 2))
                void scale(double *a, int n, int m, double factor);
                """);
        Procedure cos = proc(u, "cos_doubles");
        assertEquals(Procedure.Kind.SUBROUTINE, cos.kind());
        assertEquals("cos_doubles", cos.symbol());
        Parameter in = cos.parameters().getFirst();
        assertEquals(new Type.Scalar(ScalarKind.DOUBLE), in.type());
        assertEquals(Parameter.Intent.IN, in.intent());
        assertEquals(Parameter.Passing.REFERENCE, in.passing());
        assertEquals(ArrayOrder.C, in.order());
        assertEquals("0:size - 1", in.dimensions().getFirst().render());
        assertEquals(Parameter.Intent.OUT, cos.parameters().get(1).intent());
        Parameter size = cos.parameters().get(2);
        assertEquals(Parameter.Passing.VALUE, size.passing());
        assertEquals(new Type.Scalar(ScalarKind.INT32), size.type());

        Procedure scale = proc(u, "scale");
        Parameter a = scale.parameters().getFirst();
        assertEquals(List.of("0:n - 1", "0:m - 1"), a.dimensions().stream().map(Dimension::render).toList());
        assertEquals(ArrayOrder.FORTRAN, a.order());
        assertEquals(Parameter.Intent.INOUT, a.intent());
        Expr check = scale.parameters().get(2).checks().getFirst();
        assertEquals("(m > 0) .and. (m <= size(a, 2))", check.render());

        // The shared passes accept what the C frontend produced: n, m and size leave the Java signature.
        Library lib = new Library("kernels", List.of(u));
        Annotations notes = Passes.run(lib, diagnostics);
        assertEquals(List.of(), diagnostics.errors());
        assertTrue(notes.get(size, Notes.InferredExtent.class).isPresent(), "size is inferred from in's length");
        assertTrue(notes.get(scale.parameters().get(1), Notes.InferredExtent.class).isPresent(), "n inferred");
    }

    @Test
    void defaultsPointersCallbacksStructsAndSkips(@TempDir Path dir) throws Exception {
        Unit u = lower(dir, """
                #include <stddef.h>
                typedef struct { int n; int is; int os; } iodim;
                struct node { struct node *next; double weights[4]; };
                typedef struct plan_s *plan;
                typedef void (*progress_fn)(int step, void *user);
                double dot(int n, const double *x, int incx, double *y);
                plan make_plan(int rank, const iodim *dims, struct node *list, const char *name, progress_fn cb);
                void fill(unsigned char *bytes /* gatun: out, dimension(len) */, size_t len, _Bool flag);
                int log_printf(const char *fmt, ...);
                static inline int twice(int x) { return 2 * x; }
                long double precise(long double x);
                void by_value_out(int n /* gatun: out */, int v[static 3]);
                void on_device(float *d_x /* gatun: device, dimension(n) */, int n);
                void get_count(int *count /* gatun: out */);
                """);
        Procedure dot = proc(u, "dot");
        Parameter x = dot.parameters().get(1);
        assertEquals(Parameter.Intent.IN, x.intent(), "const double * is read-only");
        assertTrue(x.dimensions().getFirst() instanceof Dimension.AssumedSize);
        assertEquals(Parameter.Intent.INOUT, dot.parameters().get(3).intent(), "double * may be written");
        assertEquals(new Type.Scalar(ScalarKind.DOUBLE), dot.result());

        Procedure make = proc(u, "make_plan");
        assertEquals(new Type.Pointer(Type.Struct.opaque("plan_s", make.position())).describe(),
                make.result().describe());
        assertTrue(((Type.Pointer) make.result()).pointee() instanceof Type.Struct s && s.opaque());
        Type dims = make.parameters().get(1).type();
        assertTrue(dims instanceof Type.Pointer p && p.pointee() instanceof Type.Struct s && s.name().equals("iodim")
                && s.fields().size() == 3, dims.describe());
        Type list = make.parameters().get(2).type();
        Type.Struct node = (Type.Struct) ((Type.Pointer) list).pointee();
        assertEquals(List.of("next", "weights"), node.fields().stream().map(Type.Field::name).toList());
        assertEquals("0:3", node.fields().get(1).dimensions().getFirst().render());
        assertEquals(List.of(0L, 8L), node.fields().stream().map(Type.Field::offset).toList(), "gcc offsets");
        assertEquals(40, node.size());
        assertEquals(8, node.alignment());
        assertTrue(make.parameters().get(3).type() instanceof Type.Character c && c.assumedLength());
        Parameter cb = make.parameters().get(4);
        assertTrue(cb.callback().isPresent());
        assertEquals("(int32 step, void* user) -> void", cb.callback().get().describe());

        Procedure fill = proc(u, "fill");
        assertEquals(new Type.Scalar(ScalarKind.UINT8), fill.parameters().getFirst().type());
        assertEquals(Parameter.Intent.OUT, fill.parameters().getFirst().intent());
        assertEquals(new Type.Scalar(ScalarKind.UINT64), fill.parameters().get(1).type());
        assertEquals(new Type.Logical(1), fill.parameters().get(2).type());

        Procedure byValue = proc(u, "by_value_out");
        assertEquals(Parameter.Intent.IN, byValue.parameters().getFirst().intent());
        assertEquals("0:2", byValue.parameters().get(1).dimensions().getFirst().render());
        assertTrue(proc(u, "on_device").parameters().getFirst().device());
        Parameter count = proc(u, "get_count").parameters().getFirst();
        assertEquals(List.of(Parameter.Intent.OUT, Parameter.Passing.REFERENCE, 0),
                List.of(count.intent(), count.passing(), count.rank()), "out without dimension: a returned scalar");

        assertFalse(u.procedures().stream().anyMatch(p -> List.of("log_printf", "twice", "precise")
                .contains(p.name())));
        assertEquals(List.of("log_printf"), u.declarations().variadics().stream().map(v -> v.name()).toList(),
                "a variadic function is bound through invokers, not as a fixed-signature procedure");
        List<String> warnings = diagnostics.warnings().stream().map(Diagnostic::message).toList();
        assertTrue(warnings.contains("skipped twice: it is defined in the header (static inline), so the library "
                + "may export no symbol for it"), warnings.toString());
        assertTrue(warnings.contains("skipped precise: the result is long double, which Java cannot represent"),
                warnings.toString());
        assertTrue(warnings.contains("parameter 'n' of by_value_out: gatun directive intent(out) is ignored: it is "
                + "passed by value; make it a pointer to return a value"), warnings.toString());
    }

    @Test
    void realLibrariesLower() throws Exception {
        assumeTrue(RealHeadersTest.CBLAS != null && RealHeadersTest.CUDA != null, "needs cblas.h and cuda.h");
        CTranslationUnit cblas = RealHeadersTest.parseClean(CPreprocessor.fromEnvironment(), RealHeadersTest.CBLAS);
        Unit blas = new CLowering(cblas, Language.C, diagnostics).lower(RealHeadersTest.CBLAS);
        Procedure ddot = blas.procedures().stream().filter(p -> p.name().equals("cblas_ddot")).findFirst()
                .orElseThrow();
        assertEquals(List.of(ScalarKind.INT32, ScalarKind.DOUBLE, ScalarKind.INT32, ScalarKind.DOUBLE,
                ScalarKind.INT32), ddot.parameters().stream().map(p -> ((Type.Scalar) p.type()).kind()).toList());
        assertTrue(blas.procedures().size() > 150, "cblas functions lowered: " + blas.procedures().size());

        assumeTrue(RealHeadersTest.FFTW != null, "needs fftw3.h");
        CTranslationUnit fftw = RealHeadersTest.parseClean(CPreprocessor.fromEnvironment(), RealHeadersTest.FFTW);
        Unit fft = new CLowering(fftw, Language.C, diagnostics).lower(RealHeadersTest.FFTW);
        Procedure r2c = fft.procedures().stream().filter(p -> p.name().equals("fftw_plan_dft_r2c_2d")).findFirst()
                .orElseThrow();
        assertEquals(new Type.Scalar(ScalarKind.COMPLEX_DOUBLE), r2c.parameters().get(3).type(),
                "fftw_complex * is an array of complex doubles");
        assertEquals(Parameter.Intent.INOUT, r2c.parameters().get(3).intent());
        List<String> names = fft.procedures().stream().map(Procedure::name).toList();
        assertFalse(names.contains("fftwq_plan_dft_1d"), "fftwq_complex * (__float128[2]) is not bound");
        assertTrue(names.contains("fftwq_destroy_plan"), "quad-precision functions that take only a plan are");
        assertTrue(fft.procedures().stream().anyMatch(p -> p.name().startsWith("fftwl_")),
                "long double variants that pass only addresses are bound");

        CTranslationUnit cuda = RealHeadersTest.parseClean(CPreprocessor.fromEnvironment(), RealHeadersTest.CUDA);
        Unit driver = new CLowering(cuda, Language.C, diagnostics).lower(RealHeadersTest.CUDA);
        Procedure alloc = driver.procedures().stream().filter(p -> p.name().equals("cuMemAlloc_v2")).findFirst()
                .orElseThrow();
        Procedure count = driver.procedures().stream().filter(p -> p.name().equals("cuDeviceGetCount")).findFirst()
                .orElseThrow();
        assertEquals("cuMemAlloc_v2", alloc.symbol());
        assertEquals(new Type.Scalar(ScalarKind.UINT32), alloc.result(), "CUresult is an enum of non-negative values");
        assertTrue(driver.procedures().size() > 400, "cuda functions lowered: " + driver.procedures().size());
        Annotations notes = Passes.run(new Library("cuda", List.of(driver)), diagnostics);
        assertEquals(List.of(), diagnostics.errors());
        assertTrue(notes.get(count, Notes.Unsupported.class).isEmpty(), "cuDeviceGetCount(int *) is bindable");
    }
}
