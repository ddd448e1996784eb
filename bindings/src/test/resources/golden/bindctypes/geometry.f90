! gatun: -m geometry --package golden.bindctypes
! bind(C) derived types are Java struct classes with gfortran's layout: passed by reference (updated in place),
! by value, as rank-1 arrays, and returned by value, from bind(C) procedures and through shims.
module shapes
    use, intrinsic :: iso_c_binding
    implicit none
    private :: hidden

    type, bind(c) :: vec3
        real(c_double) :: x, y, z
    end type vec3

    ! Every kind of component, with the padding C rules put between them.
    type, bind(c) :: body
        integer(c_int8_t) :: tag
        type(vec3) :: centre
        real(c_float) :: radius
        integer(c_int) :: flags(3)
        logical(c_bool) :: active
        integer(c_int64_t) :: id
        character(kind=c_char) :: code(5)
        real(c_double) :: m(2, 3)
        complex(c_double_complex) :: z
        type(c_ptr) :: data
    end type body

    type, bind(c) :: hidden
        integer(c_int) :: secret
    end type hidden

contains

    ! The layout as gfortran computes it: c_sizeof and the offset of every component.
    subroutine body_layout(sizes) bind(c, name='body_layout')
        integer(c_int64_t), intent(out) :: sizes(11)
        type(body), target :: b
        integer(c_intptr_t) :: base
        base = transfer(c_loc(b), base)
        sizes(1) = c_sizeof(b)
        sizes(2) = transfer(c_loc(b%tag), base) - base
        sizes(3) = transfer(c_loc(b%centre), base) - base
        sizes(4) = transfer(c_loc(b%radius), base) - base
        sizes(5) = transfer(c_loc(b%flags), base) - base
        sizes(6) = transfer(c_loc(b%active), base) - base
        sizes(7) = transfer(c_loc(b%id), base) - base
        sizes(8) = transfer(c_loc(b%code), base) - base
        sizes(9) = transfer(c_loc(b%m), base) - base
        sizes(10) = transfer(c_loc(b%z), base) - base
        sizes(11) = transfer(c_loc(b%data), base) - base
    end subroutine body_layout

    function vec3_dot(a, b) bind(c, name='vec3_dot') result(r)
        type(vec3), intent(in) :: a, b
        real(c_double) :: r
        r = a%x * b%x + a%y * b%y + a%z * b%z
    end function vec3_dot

    function vec3_norm1(a) bind(c, name='vec3_norm1') result(r)
        type(vec3), value :: a
        real(c_double) :: r
        r = abs(a%x) + abs(a%y) + abs(a%z)
        a%x = -1  ! a copy: the caller's struct does not change
    end function vec3_norm1

    function vec3_scaled(a, s) bind(c, name='vec3_scaled') result(r)
        type(vec3), value :: a
        real(c_double), value :: s
        type(vec3) :: r
        r = vec3(s * a%x, s * a%y, s * a%z)
    end function vec3_scaled

    subroutine body_move(b, d) bind(c, name='body_move')
        type(body), intent(inout) :: b
        type(vec3), intent(in) :: d
        b%centre%x = b%centre%x + d%x
        b%centre%y = b%centre%y + d%y
        b%centre%z = b%centre%z + d%z
    end subroutine body_move

    ! Through a shim: Fortran writes every component, Java reads them.
    subroutine body_fill(b)
        type(body), intent(out) :: b
        integer :: i, j
        b%tag = 7
        b%centre = vec3(1.5d0, -2.5d0, 3.5d0)
        b%radius = 0.25
        b%flags = [10, 20, 30]
        b%active = .true.
        b%id = 123456789012_c_int64_t
        b%code = ['F', 'o', 'r', 't', 'n']
        do j = 1, 3
            do i = 1, 2
                b%m(i, j) = 10 * i + j
            end do
        end do
        b%z = (1.0d0, -2.0d0)
        b%data = c_null_ptr
    end subroutine body_fill

    ! Through a shim: Java writes every component, Fortran checks them (0 when all are as expected).
    function body_check(b) result(wrong)
        type(body), intent(in) :: b
        integer :: wrong
        wrong = 0
        if (b%tag /= 3) wrong = 1
        if (b%centre%z /= 9.0d0) wrong = 2
        if (b%radius /= 0.5) wrong = 3
        if (any(b%flags /= [1, 2, 3])) wrong = 4
        if (.not. b%active) wrong = 5
        if (b%id /= -5_c_int64_t) wrong = 6
        if (b%code(1) /= 'J' .or. b%code(5) /= 'a') wrong = 7
        if (b%m(2, 1) /= 21.0d0 .or. b%m(1, 3) /= 13.0d0) wrong = 8
        if (b%z /= (3.0d0, 4.0d0)) wrong = 9
    end function body_check

    ! Through a shim: an assumed-shape array of structs, updated in place.
    subroutine shift_all(ps, d)
        type(vec3), intent(inout) :: ps(:)
        real(8), intent(in) :: d
        integer :: i
        do i = 1, size(ps)
            ps(i)%x = ps(i)%x + d
        end do
    end subroutine shift_all

    ! Through a shim: a struct returned by value.
    function midpoint(a, b) result(m)
        type(vec3), intent(in) :: a, b
        type(vec3) :: m
        m = vec3((a%x + b%x) / 2, (a%y + b%y) / 2, (a%z + b%z) / 2)
    end function midpoint
end module shapes

! A procedure outside the module: the type comes in by 'use'; n is inferred from the array.
subroutine centroid(n, ps, c)
    use shapes, only: vec3
    implicit none
    integer, intent(in) :: n
    type(vec3), intent(in) :: ps(n)
    type(vec3), intent(out) :: c
    integer :: i
    c = vec3(0, 0, 0)
    do i = 1, n
        c%x = c%x + ps(i)%x / n
        c%y = c%y + ps(i)%y / n
        c%z = c%z + ps(i)%z / n
    end do
end subroutine centroid
