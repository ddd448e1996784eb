! gatun: -m shapes --package golden.shapes
! Type extension: an abstract type with a deferred binding, extensions in two modules (one extending an extension),
! overrides that Fortran dispatches, class(t) dummies that take any extension, and a type(t) dummy that takes none.
module shape_base
    implicit none
    type, abstract :: shape
        real(8) :: x = 0, y = 0
        character(len=8) :: label = 'shape'
    contains
        procedure(area_of), deferred :: area
        procedure :: describe => shape_describe
        procedure :: move => shape_move
    end type shape

    abstract interface
        function area_of(s) result(a)
            import :: shape
            class(shape), intent(in) :: s
            real(8) :: a
        end function area_of
    end interface

    type, extends(shape) :: circle
        real(8) :: r = 1
    contains
        procedure :: area => circle_area
    end type circle

contains

    ! Calls the deferred binding: the override of the object's dynamic type runs.
    function shape_describe(s) result(code)
        class(shape), intent(in) :: s
        real(8) :: code
        code = 1000 * s%area() + s%x
    end function shape_describe

    subroutine shape_move(s, dx, dy)
        class(shape), intent(inout) :: s
        real(8), intent(in) :: dx, dy
        s%x = s%x + dx
        s%y = s%y + dy
        s%label = 'moved'
    end subroutine shape_move

    function circle_area(s) result(a)
        class(circle), intent(in) :: s
        real(8) :: a
        a = 3 * s%r**2
    end function circle_area

    ! class(shape) dummies: any extension, each with its own area.
    function total_area(a, b) result(t)
        class(shape), intent(in) :: a
        class(shape), intent(in), optional :: b
        real(8) :: t
        t = a%area()
        if (present(b)) t = t + b%area()
    end function total_area

    ! select type sees the dynamic type Java passed.
    function kind_of(s) result(k)
        class(shape), intent(in) :: s
        integer :: k
        select type (s)
        type is (circle)
            k = 1
        class is (circle)
            k = 2
        class default
            k = 3
        end select
    end function kind_of

    ! A class(circle) dummy: circles and rings.
    function scaled_area(c, f) result(a)
        class(circle), intent(in) :: c
        real(8), intent(in) :: f
        real(8) :: a
        a = f * c%area()
    end function scaled_area
end module shape_base

! Extensions in another module: a square (overrides move too, adds a binding), a ring (extends circle) and a tracked
! square (generic bindings, private specifics, a final procedure).
module shape_more
    use shape_base
    implicit none

    type, extends(shape) :: square
        real(8) :: side = 1
        integer :: moves = 0
    contains
        procedure :: area => square_area
        procedure :: move => square_move
        procedure :: diagonal
        procedure :: native => square_native
    end type square

    type, extends(circle) :: ring
        real(8) :: inner = 0
    contains
        procedure :: area => ring_area
    end type ring

    ! Generic bindings over private specific bindings, a binding to a private procedure, a final procedure.
    type, extends(square) :: tracked
        integer :: hits = 0
    contains
        procedure, private :: hit_once, hit_times, hit_scaled, hit_each
        generic :: hit => hit_once, hit_times, hit_scaled, hit_each
        procedure :: bump => tracked_bump
        final :: tracked_final
    end type tracked

    ! How many tracked objects Fortran finalized.
    integer :: tracked_finalized = 0

    private :: hit_once, hit_times, hit_scaled, hit_each, tracked_bump, tracked_final

contains

    function square_area(s) result(a)
        class(square), intent(in) :: s
        real(8) :: a
        a = s%side**2
    end function square_area

    ! Overrides shape%move: counts the moves and moves twice as far.
    subroutine square_move(s, dx, dy)
        class(square), intent(inout) :: s
        real(8), intent(in) :: dx, dy
        s%x = s%x + 2 * dx
        s%y = s%y + 2 * dy
        s%moves = s%moves + 1
        s%label = 'square'
    end subroutine square_move

    function diagonal(s) result(d)
        class(square), intent(in) :: s
        real(8) :: d
        d = sqrt(2d0) * s%side
    end function diagonal

    ! A binding named like a Java keyword.
    function square_native(s) result(n)
        class(square), intent(in) :: s
        integer :: n
        n = s%moves + 100
    end function square_native

    function ring_area(s) result(a)
        class(ring), intent(in) :: s
        real(8) :: a
        a = 3 * (s%r**2 - s%inner**2)
    end function ring_area

    ! An array of extensions: each element is a ring.
    function sum_areas(rs) result(t)
        type(ring), intent(in) :: rs(:)
        real(8) :: t
        integer :: i
        t = 0
        do i = 1, size(rs)
            t = t + rs(i)%area()
        end do
    end function sum_areas

    ! A function result of an extension: Java owns it.
    function make_ring(r) result(o)
        real(8), intent(in) :: r
        type(ring) :: o
        o%r = r
        o%label = 'made'
    end function make_ring

    ! type(circle), not class(circle): Fortran takes exactly a circle here.
    function circle_only(c) result(r)
        type(circle), intent(in) :: c
        real(8) :: r
        r = c%r
    end function circle_only

    subroutine hit_once(t)
        class(tracked), intent(inout) :: t
        t%hits = t%hits + 1
    end subroutine hit_once

    subroutine hit_times(t, n)
        class(tracked), intent(inout) :: t
        integer, intent(in) :: n
        t%hits = t%hits + n
    end subroutine hit_times

    subroutine hit_scaled(t, f)
        class(tracked), intent(inout) :: t
        real(8), intent(in) :: f
        t%hits = t%hits + nint(10 * f)
    end subroutine hit_scaled

    subroutine hit_each(t, ns)
        class(tracked), intent(inout) :: t
        integer, intent(in) :: ns(:)
        t%hits = t%hits + sum(ns)
    end subroutine hit_each

    function tracked_bump(t, by) result(n)
        class(tracked), intent(inout) :: t
        integer, intent(in) :: by
        integer :: n
        t%hits = t%hits + by
        n = t%hits
    end function tracked_bump

    impure elemental subroutine tracked_final(t)
        type(tracked), intent(inout) :: t
        tracked_finalized = tracked_finalized + 1
    end subroutine tracked_final
end module shape_more
