package dev.gatun.bindings.fortran;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostic;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Derived types Gatun cannot bind: each is skipped with a {@code file:line:col} warning naming the type (or the
 * component, or the argument) and the reason, and the rest of the file is still bound; the layout of a
 * {@code bind(C)} type is checked against the C rules.
 */
class DerivedTypeDiagnosticsTest {

    @TempDir
    Path dir;

    private Path write(String name, String source) throws IOException {
        return Files.writeString(dir.resolve(name), source);
    }

    private static BindingGenerator.Result generate(Path file, Diagnostics d) {
        Optional<BindingGenerator.Result> result = BindingGenerator.generate("types", List.of(file), "", d);
        assertTrue(result.isPresent(), "warnings only: " + d.all());
        assertFalse(d.hasErrors());
        return result.get();
    }

    @Test
    void unbindableTypesAndTheirUsersAreSkippedWithTheReason() throws IOException {
        Path f = write("types.f90", """
                module m
                  use iso_c_binding
                  implicit none
                  type, bind(c) :: has_alloc
                    real(c_double), allocatable :: a(:)
                  end type
                  type, bind(c) :: has_string
                    character(len=8) :: name
                  end type
                  type :: base
                    integer :: i
                  end type
                  type, extends(base) :: child
                    integer :: j
                  end type
                  type :: pdt(k)
                    integer, kind :: k
                  end type
                  type, bind(c :: broken
                    integer :: i
                  end type
                  type, bind(c) :: pt
                    real(c_double) :: x, y
                  end type
                contains
                  subroutine uses_alloc(p) bind(c)
                    type(has_alloc) :: p
                  end subroutine
                  subroutine uses_child(c)
                    type(child) :: c
                  end subroutine
                  subroutine grid(g)
                    type(pt) :: g(2, 2)
                  end subroutine
                  subroutine ok(p)
                    type(pt), intent(inout) :: p
                  end subroutine
                end module m
                subroutine local_type(q)
                  type, bind(c) :: inner
                    integer :: k
                  end type
                  type(inner) :: q
                end subroutine
                """);
        var d = new Diagnostics();
        BindingGenerator.Result r = generate(f, d);
        assertEquals(List.of(
                f + ":5:36: warning: skipped type 'has_alloc': component 'a' is allocatable, which a bind(C) type cannot have;"
                        + " procedures using it are not bound",
                f + ":8:25: warning: skipped type 'has_string': component 'name' is character(len=8); a bind(C) type holds"
                        + " character(len=1) (arrays of c_char); procedures using it are not bound",
                f + ":13:3: warning: skipped type 'child': it extends 'base'; extended types are not bound yet; procedures using it"
                        + " are not bound",
                f + ":16:3: warning: skipped type 'pdt': it is a parameterized derived type; procedures using it are not bound",
                f + ":19:16: warning: skipped a type definition: expected ')' to close 'bind(', found '::'",
                f + ":26:3: warning: skipped subroutine 'uses_alloc': parameter 'p' is type(has_alloc), which is not bound (see the"
                        + " warning where it is defined)",
                f + ":29:3: warning: skipped subroutine 'uses_child': parameter 'c' is type(child), which is not bound (see the"
                        + " warning where it is defined)",
                f + ":32:3: warning: skipped subroutine 'grid': parameter 'g' is a rank-2 array of type(pt); rank-1 arrays of"
                        + " derived types are bound",
                f + ":39:1: warning: skipped subroutine 'local_type': parameter 'q' is type(inner), which is defined inside the"
                        + " procedure, where no shim can name it; define the type in a module (or make the procedure bind(C))"),
                d.all().stream().map(Diagnostic::toString).toList());
        List<String> bound = r.library().procedures().stream().map(Procedure::name).toList();
        assertTrue(r.javaSource().contains("public static void ok(Pt p)"), "the rest is bound: " + bound);
        assertTrue(r.javaSource().contains("public static final class Pt {"), "every bind(C) type of a module gets its class");
    }

    @Test
    void bindCLayoutFollowsTheCRules() throws IOException {
        Path f = write("layout.f90", """
                module lay
                  use iso_c_binding
                  type, bind(c) :: mixed
                    integer(c_int8_t) :: a
                    real(c_double) :: b
                    integer(c_int16_t) :: c(3)
                    complex(c_float_complex) :: z
                    logical(c_bool) :: flag
                  end type
                end module lay
                """);
        var d = new Diagnostics();
        Type.Struct s = (Type.Struct) new FortranFrontend(d).parse(f).unit().types().getFirst().type();
        assertEquals(List.of(), d.all());
        assertEquals(List.of(0L, 8L, 16L, 24L, 32L), s.fields().stream().map(Type.Field::offset).toList());
        assertEquals(40L, s.size(), "rounded up to the largest alignment, 8");
        assertEquals(8L, s.alignment());
    }
}
