// SPDX-License-Identifier: Apache-2.0
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
                  type, bind(c) :: base
                    integer(c_int) :: i
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
                f + ":13:3: warning: skipped type 'child': it extends 'base', which is not bound (bind(C) types cannot be"
                        + " extended); procedures using it are not bound",
                f + ":16:3: warning: skipped type 'pdt': it is a parameterized derived type; procedures using it are not bound",
                f + ":19:16: warning: skipped a type definition: expected ')' to close 'bind(', found '::'",
                f + ":26:3: warning: skipped subroutine 'uses_alloc': parameter 'p' is type(has_alloc), which is not bound (see the"
                        + " warning where it is defined)",
                f + ":29:3: warning: skipped subroutine 'uses_child': parameter 'c' is type(child), which is not bound (see the"
                        + " warning where it is defined)",
                f + ":39:1: warning: skipped subroutine 'local_type': parameter 'q' is type(inner), which is defined inside the"
                        + " procedure, where no shim can name it; define the type in a module (or make the procedure bind(C))"),
                d.all().stream().map(Diagnostic::toString).toList());
        List<String> bound = r.library().procedures().stream().map(Procedure::name).toList();
        assertTrue(r.javaSource().contains("public static void ok(Pt p)"), "the rest is bound: " + bound);
        assertTrue(r.javaSource().contains("public static void grid(StructArray g)"), "a rank-2 array of structs carries its shape");
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

    @Test
    void handleTypesBindWhatTheyCanAndSayWhatTheyCannot() throws IOException {
        Path f = write("handles.f90", """
                module h
                  implicit none
                  private :: hidden_norm
                  type :: inner
                    integer :: k
                  end type
                  type :: obj
                    real(8) :: x(3) = [1, 2, 3]
                    logical :: flags(2)
                    type(inner) :: many(4)
                    class(inner), allocatable :: poly(:)
                    real(8) :: odd(:)
                    procedure(), pointer, nopass :: hook => null()
                  contains
                    procedure :: hidden => hidden_norm
                    procedure :: gone
                    procedure, pass(b) :: wrong => swap
                  end type
                contains
                  function hidden_norm(o) result(r)
                    class(obj), intent(in) :: o
                    real(8) :: r
                    r = 0
                  end function
                  subroutine swap(a, b)
                    type(obj) :: a
                    integer :: b
                  end subroutine
                  subroutine direct(o) bind(c)
                    type(obj) :: o
                  end subroutine
                  subroutine many_objects(os, n)
                    integer :: n
                    type(obj) :: os(n)
                  end subroutine
                  function made() result(o)
                    type(obj) :: o
                  end function
                  subroutine by_value(o)
                    type(obj), value :: o
                  end subroutine
                  subroutine fine(o)
                    type(obj), intent(inout) :: o
                  end subroutine
                end module h
                """);
        var d = new Diagnostics();
        BindingGenerator.Result r = generate(f, d);
        assertEquals(List.of(
                f + ":8:23: warning: skipped a component statement of type 'obj': unexpected character '['",
                f + ":13:5: warning: no accessor for a procedure-pointer component of type 'obj': procedure pointers are not bound",
                f + ":12:16: warning: no accessor for component 'odd' of type 'obj': its dimensions are not constant",
                f + ":29:3: warning: skipped subroutine 'direct': parameter 'o' is type(obj), which is not bind(C), in a bind(C)"
                        + " procedure; drop bind(C) from the procedure so Gatun generates a shim",
                f + ":39:3: warning: skipped subroutine 'by_value': parameter 'o' is type(obj) by value; pass it by reference",
                f + ":9:16: warning: no accessor for component 'flags' of type 'obj': it is an array of logical(4); arrays of double,"
                        + " float, int32, int64 and complex double (and, not allocatable, character) are bound",
                f + ":11:34: warning: no accessor for component 'poly' of type 'obj': it is an array of class(inner); arrays of a"
                        + " polymorphic type inside a type are not bound",
                f + ":16:18: warning: no method for type-bound procedure 'gone' of type 'obj': its procedure 'gone' is not a module"
                        + " procedure of 'h' that can be bound (defined elsewhere, or its arguments are not supported: see its warning once"
                        + " it is public)",
                f + ":17:27: warning: no method for type-bound procedure 'wrong' of type 'obj': its passed-object dummy is not a"
                        + " type(obj) argument of 'swap'"),
                d.all().stream().map(Diagnostic::toString).toList());
        assertTrue(r.javaSource().contains("public static void fine(Obj o)"), "the rest is bound");
        assertTrue(r.javaSource().contains("public Inner.Array getMany() {"), "an array of handle objects inside an object is a view");
        assertTrue(r.javaSource().contains("public static final class Obj {"), "the handle class");
        assertTrue(r.shimSource().orElseThrow().contains("gatun__t_h_obj_new"), "its shim functions");
        assertTrue(r.javaSource().contains("public double hidden() {"), "a binding to a private procedure is a method");
        assertTrue(r.shimSource().orElseThrow().contains("gatun_result = gatun_o%hidden()"),
                "called through the binding: no shim can use the private procedure");
    }

    @Test
    void awkwardNamesStillGiveJavaThatCompiles() throws IOException {
        Path f = write("names.f90", """
                module awkward
                  use iso_c_binding
                  implicit none
                  type :: array
                    integer :: class
                    real(8) :: segment
                  contains
                    procedure :: allocate => array_allocate
                    procedure :: get_class => array_get
                  end type
                  type, bind(c) :: string
                    integer(c_int) :: length
                  end type
                  type :: t
                    integer :: x
                  end type
                contains
                  subroutine array_allocate(a, t)
                    class(array), intent(inout) :: a
                    integer, intent(in) :: t
                  end subroutine
                  function array_get(a) result(r)
                    class(array), intent(in) :: a
                    integer :: r
                    r = 0
                  end function
                  subroutine use_string(s, array)
                    type(string), intent(inout) :: s
                    type(array), intent(in) :: array
                  end subroutine
                  subroutine use_t(t, arena)
                    type(t), intent(inout) :: t
                    integer :: arena
                  end subroutine
                end module awkward
                """);
        var d = new Diagnostics();
        BindingGenerator.Result r = generate(f, d);
        assertEquals(List.of(), d.all());
        Path src = dir.resolve("src").resolve(r.className() + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, r.javaSource());
        var messages = new java.io.ByteArrayOutputStream();
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, messages, messages, "--release", "25", "-Werror",
                "-Xlint:all", "-proc:none", "-cp", System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString(),
                src.toString());
        assertEquals(0, status, () -> "the generated Java must compile:\n" + messages);
        assertTrue(r.javaSource().contains("public static final class Array$ {"), "a handle class cannot be named Array");
        assertTrue(r.javaSource().contains("public static final class String$ {"), "a struct class must not shadow String");
        assertTrue(r.javaSource().contains("public int getClass_()"), "getClass() is Object's");
        assertTrue(r.javaSource().contains("public void allocate_(int t_)"), "allocate(Arena) is the handle's own");
    }

    @Test
    void extensionsAndGenericsBindWhatTheyCanAndTheJavaCompiles() throws IOException {
        Path f = write("ext.f90", """
                module base_mod
                  implicit none
                  private :: secret
                  type, abstract :: object
                    real(8) :: v = 0
                  contains
                    procedure(iface), deferred :: nobody
                    procedure, nopass :: secret
                    procedure :: put_1d, put_2d, plus
                    generic :: put => put_1d, put_2d
                    generic :: operator(+) => plus
                    procedure :: class => object_class
                  end type
                  type :: plain
                  contains
                    procedure(iface), deferred :: wrong
                  end type
                contains
                  subroutine secret()
                  end subroutine
                  subroutine put_1d(o, a)
                    class(object), intent(inout) :: o
                    real(8), intent(in) :: a(:)
                  end subroutine
                  subroutine put_2d(o, a)
                    class(object), intent(inout) :: o
                    real(8), intent(in) :: a(:, :)
                  end subroutine
                  function plus(o, p) result(r)
                    class(object), intent(in) :: o, p
                    real(8) :: r
                    r = 0
                  end function
                  function object_class(o) result(k)
                    class(object), intent(in) :: o
                    integer :: k
                    k = 0
                  end function
                  subroutine takes_base(o)
                    type(object), intent(in) :: o
                  end subroutine
                  subroutine takes_many(os)
                    class(object), intent(in) :: os(:)
                  end subroutine
                end module base_mod
                module kid_mod
                  use base_mod
                  implicit none
                  type, extends(object) :: string
                    integer :: n = 0
                  contains
                    procedure :: plus => string_plus
                  end type
                contains
                  function string_plus(o, p) result(r)
                    class(string), intent(in) :: o
                    class(object), intent(in) :: p
                    real(8) :: r
                    r = 1
                  end function
                end module kid_mod
                """);
        var d = new Diagnostics();
        BindingGenerator.Result r = generate(f, d);
        assertEquals(List.of(
                f + ":11:5: warning: skipped generic binding 'operator(...)' of type 'object': generic operators, assignments and"
                        + " defined I/O are not bound; call the specific bindings",
                f + ":16:5: warning: skipped a deferred type-bound procedure of type 'plain': only an abstract type has deferred bindings",
                f + ":40:33: warning: skipped subroutine 'takes_base': parameter 'o': type(object) is abstract: only class(object)"
                        + " declares an object of it",
                f + ":42:3: warning: skipped subroutine 'takes_many': parameter 'os' is an array of class(object), an abstract type;"
                        + " arrays of a concrete type are bound",
                f + ":7:35: warning: no method for deferred type-bound procedure 'nobody' of type 'object': no extension of it in the"
                        + " library overrides it with a bound procedure, so its interface is unknown",
                f + ":8:26: warning: no method for type-bound procedure 'secret' of type 'object': its procedure 'secret' is private"
                        + " and the binding is nopass, so no shim can call it; make the procedure public",
                f + ":10:16: warning: no overload of generic binding 'put' of type 'object' for 'put_2d': its Java arguments (array of"
                        + " double) are those of 'put_1d'; call it by its own name"),
                d.all().stream().map(Diagnostic::toString).toList());
        Path src = dir.resolve("ext").resolve(r.className() + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, r.javaSource());
        var messages = new java.io.ByteArrayOutputStream();
        int status = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, messages, messages, "--release", "25", "-Werror",
                "-Xlint:all", "-proc:none", "-cp", System.getProperty("java.class.path"), "-d", dir.resolve("ext-classes").toString(),
                src.toString());
        assertEquals(0, status, () -> "the generated Java must compile:\n" + messages);
        assertTrue(r.javaSource().contains("public abstract static class Object$ {"), r.javaSource());
        assertTrue(r.javaSource().contains("public static class String$ extends Object$ {"), "a child in another module");
        assertTrue(r.javaSource().contains("public int class_() {"), "a binding named like a Java keyword");
    }
}
