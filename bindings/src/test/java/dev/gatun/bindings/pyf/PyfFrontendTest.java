// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.ArrayOrder;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.Unit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature-file frontend on its own: what the model says, and what is reported where. */
class PyfFrontendTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private Unit parse(String text) {
        return parse(text, Map.of());
    }

    private Unit parse(String text, Map<String, Long> kinds) {
        return new PyfFrontend(diagnostics, "t", kinds).parse(Path.of("t.pyf"), text.lines().toList());
    }

    private static Procedure only(Unit u, String name) {
        return u.procedures().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " not bound"));
    }

    @Test
    void f2pyIntentsAndAttributesMapOntoTheModel() {
        Unit u = parse("""
                python module m
                interface
                  subroutine s(n, a, b, c, w, flag)
                    integer intent(hide), depend(a) :: n = shape(a, 0)
                    real*8 dimension(n, 2), intent(c, in) :: a
                    complex*16 dimension(n), intent(inout) :: b
                    real(kind=8) intent(c) :: c
                    double precision, optional, check(w > 0 && w < 1 || !flag) :: w = 0.5
                    logical :: flag
                  end subroutine s
                end interface
                end python module m
                """);
        assertTrue(diagnostics.all().isEmpty(), diagnostics.all().toString());
        Procedure s = only(u, "s");
        assertEquals(Procedure.Interop.NEEDS_SHIM, s.interop());
        Parameter n = s.parameters().get(0);
        assertEquals(Parameter.Intent.HIDE, n.intent());
        assertEquals(new Expr.Size("a", 1, n.defaultValue().orElseThrow().position()), n.defaultValue().orElseThrow());
        Parameter a = s.parameters().get(1);
        assertEquals(ArrayOrder.C, a.order());
        assertEquals(Parameter.Intent.IN, a.intent());
        assertEquals(2, a.rank());
        assertEquals(new Type.Scalar(ScalarKind.COMPLEX_DOUBLE), s.parameters().get(2).type());
        assertEquals(Parameter.Passing.VALUE, s.parameters().get(3).passing());
        Parameter w = s.parameters().get(4);
        assertFalse(w.optional(), "an optional with a default is passed, its default when Java gives null");
        assertEquals("((w > 0) .and. (w < 1)) .or. .not. flag", w.checks().getFirst().render());
    }

    @Test
    void aCharacterScalarIsACCharacterAsF2pyReadsIt() {
        var frontend = new PyfFrontend(diagnostics, "t", Map.of());
        Unit u = frontend.parse(Path.of("t.pyf"), """
                python module m
                interface
                  subroutine bc(x, y, z)
                    character, optional, check(*x == 'a' || x[0] == 'b'), intent(in) :: x = 'a'
                    character, depend(x), intent(out) :: y = x[0]
                    character, dimension((*x=='a'?1:2)), depend(x), intent(out) :: z
                    callstatement (*f2py_func)(x, y, z)
                    callprotoargument char*, char*, char*
                  end subroutine bc
                end interface
                end python module m
                """.lines().toList());
        assertTrue(diagnostics.all().isEmpty(), diagnostics.all().toString());
        Procedure bc = only(u, "bc");
        assertEquals("(x == 'a') .or. (x == 'b')", bc.parameters().get(0).checks().getFirst().render());
        assertEquals("x", bc.parameters().get(1).defaultValue().orElseThrow().render());
        assertEquals("merge(1, 2, x == 'a')", ((dev.gatun.bindings.model.Dimension.Explicit) bc.parameters().get(2).dimensions().getFirst())
                .upper().render());
        String c = frontend.cSource().orElseThrow();
        // f2py's character_bc_hook: the bare x and y of a callstatement written for char * pass the char's address.
        assertTrue(c.contains("character x = gatun_p_x[0];"), c);
        assertTrue(c.contains("{(*f2py_func)(&x, &y, z);}"), c);
        assertTrue(c.contains("gatun_p_y[0] = y;"), c);
    }

    @Test
    void intentCRoutineIsACFunctionAndCallstatementGetsAWrapper() {
        Unit u = parse("""
                python module m
                usercode '''int twice(int v) { return 2 * v; } /* ';' stays */'''
                interface
                  function twice(v)
                    intent(c) twice
                    integer intent(c) :: v
                    integer :: twice
                  end function twice
                  subroutine direct(x)
                    fortranname
                    integer intent(out) :: x
                    callstatement x = 7
                  end subroutine direct
                end interface
                end python module m
                """);
        assertTrue(diagnostics.all().isEmpty(), diagnostics.all().toString());
        Procedure twice = only(u, "twice");
        assertEquals(Language.C, twice.language());
        assertEquals("twice", twice.symbol());
        assertEquals(Parameter.Passing.VALUE, twice.parameters().getFirst().passing());
        Procedure direct = only(u, "direct");
        assertEquals("gatun_pyf_t_direct", direct.symbol());
        assertEquals(Procedure.Interop.DIRECT, direct.interop());
    }

    @Test
    void syntaxErrorsPointIntoTheFileAndTheOtherRoutinesAreBound() {
        Unit u = parse("""
                python module m
                interface
                  subroutine bad(x)
                    integer intent(sideways) :: x
                  end subroutine bad
                  subroutine good(x)
                    integer intent(in) :: x
                  end subroutine good
                end interface
                end python module m
                """);
        assertEquals(List.of("good"), u.procedures().stream().map(Procedure::name).toList());
        assertEquals("t.pyf:4:20: error: unknown intent 'sideways'; expected one of in, out, inout, hide, c, copy, overwrite,"
                + " cache, optional, callback, aux, inplace", diagnostics.errors().getFirst().toString());
    }

    @Test
    void deeplyNestedOrHugeExpressionsAreErrorsNotCrashes() {
        String nested = "(".repeat(5000) + "n" + ")".repeat(5000);
        String chain = "n" + " + 1".repeat(20000);
        Unit u = parse("""
                python module m
                interface
                  subroutine deep(n)
                    integer intent(in), check(%s > 0) :: n
                  end subroutine deep
                  subroutine long(n)
                    integer intent(in), check(%s > 0) :: n
                  end subroutine long
                  subroutine nots(n)
                    integer intent(in), check(%sn) :: n
                  end subroutine nots
                  subroutine big(n)
                    integer intent(in), check(n < 99999999999999999999) :: n
                  end subroutine big
                  subroutine wide(x)
                    real*899999999999999999999 intent(in) :: x
                  end subroutine wide
                  subroutine good(n)
                    integer intent(in), check(n > 0) :: n
                  end subroutine good
                end interface
                end python module m
                """.formatted(nested, chain, "!".repeat(5000)));
        assertEquals(List.of("good"), u.procedures().stream().map(Procedure::name).toList());
        List<String> errors = diagnostics.errors().stream().map(Object::toString).toList();
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("t.pyf:4:") && e.contains("expression nested deeper than 200 levels")),
                errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("t.pyf:7:") && e.contains("expression has more than 1000 operators")),
                errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("t.pyf:10:") && e.contains("nested deeper than 200 levels")),
                errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("t.pyf:13:")
                && e.contains("integer constant 99999999999999999999 does not fit in 64 bits")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("t.pyf:16:")
                && e.contains("integer constant 899999999999999999999 does not fit in 64 bits")), errors::toString);
    }

    @Test
    void aBrokenRoutineHeaderSkipsThatRoutineOnly() {
        Unit u = parse("""
                python module m
                interface
                  subroutine bad(x, y
                    integer x
                  end subroutine bad
                  subroutine good(x)
                    integer intent(in) :: x
                  end
                end interface
                end python module m
                """);
        assertEquals(List.of("good"), u.procedures().stream().map(Procedure::name).toList());
        assertEquals(List.of("t.pyf:3:22: error: expected ')' to close the argument list of 'bad', found end of statement",
                "t.pyf:3:3: warning: skipped the routine declared here: its header has errors (reported above)"),
                diagnostics.all().stream().map(Object::toString).toList());
    }

    @Test
    void unknownKindNamesTheKindMapAndTheMapResolvesIt() {
        String text = """
                python module m
                interface
                  subroutine s(x)
                    real(kind=wp) intent(in) :: x
                  end subroutine s
                end interface
                end python module m
                """;
        assertTrue(parse(text).procedures().isEmpty());
        assertTrue(diagnostics.warnings().getFirst().toString().contains("its kind 'wp' is unknown; map it in a .f2py_f2cmap file"),
                diagnostics.warnings().toString());
        Procedure s = only(parse(text, Map.of("wp", 8L)), "s");
        assertEquals(new Type.Scalar(ScalarKind.DOUBLE), s.parameters().getFirst().type());
    }

    @Test
    void kindMapResolvesAKindTheFortranSourcesDoNotDefine() {
        // 'wp' comes from a module whose source is not given: only the kind map can tell its size.
        List<String> source = List.of("subroutine s(x)", "  use kinds_of_another_library, only: wp", "  real(kind=wp), intent(in) :: x",
                "end subroutine s");
        Procedure s = new dev.gatun.bindings.fortran.FortranFrontend(diagnostics, Map.of("wp", 8L)).parse(Path.of("s.f90"), source)
                .unit().procedures().getFirst();
        assertEquals(new Type.Scalar(ScalarKind.DOUBLE), s.parameters().getFirst().type());
        // A kind the sources define wins over the map: the compiled code uses the real kind.
        List<String> defined = List.of("module k", "  integer, parameter :: wp = kind(1.0)", "end module k", "subroutine t(x)", "  use k",
                "  real(kind=wp), intent(in) :: x", "end subroutine t");
        Procedure t = new dev.gatun.bindings.fortran.FortranFrontend(diagnostics, Map.of("wp", 8L)).parse(Path.of("t.f90"), defined)
                .unit().procedures().getFirst();
        assertEquals(new Type.Scalar(ScalarKind.FLOAT), t.parameters().getFirst().type());
        assertTrue(diagnostics.errors().isEmpty(), diagnostics.all().toString());
    }

    @Test
    void kindMapsInBothPythonSpellings() {
        F2cmap literal = F2cmap.parse(Path.of("a"), "{'real': {'sp': 'float', 'dp': 'double'}, # comment\n 'integer': {'i8': 'long_long'}}",
                diagnostics);
        F2cmap call = F2cmap.parse(Path.of("b"), "dict(real=dict(real32='float', real64='double'), integer=dict(int64='long_long'))",
                diagnostics);
        assertEquals(Map.of("sp", 4L, "dp", 8L, "i8", 8L), literal.kindNames(diagnostics));
        assertEquals(Map.of("real32", 4L, "real64", 8L, "int64", 8L), call.kindNames(diagnostics));
        assertTrue(diagnostics.all().isEmpty(), diagnostics.all().toString());
        F2cmap broken = F2cmap.parse(Path.of("c"), "{'real': {'sp' 'float'}}", diagnostics);
        assertTrue(broken.types().isEmpty());
        assertEquals("c:1:16: error: f2cmap: expected ':' after the key 'sp'", diagnostics.errors().getFirst().toString());
    }
}
