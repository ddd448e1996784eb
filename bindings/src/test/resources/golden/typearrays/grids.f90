! gatun: -m grids --package golden.typearrays
! Arrays of derived types of rank 2 and more, in Fortran order: bind(C) structs in a StructArray (a segment of whole
! elements with a shape), handle objects in one Fortran array of that shape.
module points
    use, intrinsic :: iso_c_binding, only: c_double, c_int
    implicit none

    type, bind(c) :: pt
        real(c_double) :: x, y
        integer(c_int) :: tag
    end type pt

contains

    ! A bind(C) procedure, called directly: n and m are inferred from the array's shape.
    subroutine place(n, m, g) bind(c, name='place')
        integer(c_int), value :: n, m
        type(pt), intent(inout) :: g(n, m)
        integer :: i, j
        do j = 1, m
            do i = 1, n
                g(i, j)%x = i
                g(i, j)%y = j
                g(i, j)%tag = 10 * i + j
            end do
        end do
    end subroutine place

    ! An assumed-shape grid of structs, through the shim with both extents.
    function moment(g) result(s)
        type(pt), intent(in) :: g(:, :)
        real(c_double) :: s
        integer :: i, j
        s = 0
        do j = 1, size(g, 2)
            do i = 1, size(g, 1)
                s = s + (g(i, j)%x + g(i, j)%y) * (i + 100 * j)
            end do
        end do
    end function moment
end module points

module cells
    implicit none

    type :: cell
        integer :: id = 0
        real(8) :: w = 1
    end type cell

contains

    ! An explicit-shape grid of objects: n and m are inferred from the Java array's shape.
    subroutine number_grid(n, m, g)
        integer, intent(in) :: n, m
        type(cell), intent(inout) :: g(n, m)
        integer :: i, j
        do j = 1, m
            do i = 1, n
                g(i, j)%id = 10 * i + j
            end do
        end do
    end subroutine number_grid

    ! An assumed-shape grid, through the shim with both extents.
    function weighted(g) result(s)
        type(cell), intent(in) :: g(:, :)
        real(8) :: s
        integer :: i, j
        s = 0
        do j = 1, size(g, 2)
            do i = 1, size(g, 1)
                s = s + g(i, j)%w * (i + 100 * j)
            end do
        end do
    end function weighted

    ! A rank-3 array of constant shape.
    function id_sum(a) result(c)
        type(cell), intent(in) :: a(2, 2, 2)
        integer :: c
        c = sum(a%id)
    end function id_sum
end module cells

! Arrays of derived types inside a handle type: views of the elements, borrowed from the object.
module boxes
    use cells, only: cell
    use points, only: pt
    implicit none

    type :: box
        type(cell) :: corner(2, 2)
        type(cell), allocatable :: items(:)
        type(cell), pointer :: focus(:) => null()
        type(pt) :: marks(3)
        type(pt), allocatable :: path(:, :)
    end type box

contains

    ! Fortran writes into every array of derived types of the box.
    subroutine fill_box(b, k)
        type(box), intent(inout) :: b
        integer, intent(in) :: k
        integer :: i, j
        do j = 1, 2
            do i = 1, 2
                b%corner(i, j)%id = 10 * i + j
            end do
        end do
        if (allocated(b%items)) deallocate(b%items)
        allocate(b%items(k))
        do i = 1, k
            b%items(i)%id = 100 + i
        end do
        do i = 1, 3
            b%marks(i)%x = i
            b%marks(i)%y = 0
            b%marks(i)%tag = -i
        end do
    end subroutine fill_box

    ! Fortran reads back what Java wrote.
    function box_total(b) result(s)
        type(box), intent(in) :: b
        real(8) :: s
        s = sum(b%corner%id) + sum(b%corner%w) + sum(b%marks%x) + sum(b%marks%y)
        if (allocated(b%items)) s = s + sum(b%items%id) + sum(b%items%w)
        if (allocated(b%path)) s = s + 1000 * sum(b%path%x)
        if (associated(b%focus)) s = s + 10000 * sum(b%focus%id)
    end function box_total

    ! Points focus at the box's own items.
    subroutine focus_items(b)
        type(box), intent(inout), target :: b
        b%focus => b%items
    end subroutine focus_items
end module boxes
