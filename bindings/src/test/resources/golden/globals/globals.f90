! gatun: -m globals --package golden.globals
! Module variables and COMMON blocks: Java reads and writes them in place, arrays as views.
module state
    implicit none
    integer :: counter
    integer :: x(4)
    real, dimension(2, 3) :: a
    real(8), allocatable, dimension(:, :) :: b
    character(len=5) :: label
    character(len=3) :: tags(2)
    logical :: ready
    integer, private :: hidden
    integer, parameter :: limit = 10
contains
    ! Reads what Java wrote and writes what Java reads.
    subroutine step()
        counter = counter + 1
        x = x * 2
        a(1, 2) = a(1, 2) + 3
        if (allocated(b)) b = b + 1
        ready = .not. ready
        label = 'ab'
        hidden = limit
    end subroutine step

    function b_total() result(t)
        real(8) :: t
        t = -1
        if (allocated(b)) t = sum(b)
    end function b_total
end module state

subroutine initcb()
    implicit none
    double precision long
    character string
    integer ok
    common /block/ long, string, ok
    real w(3)
    common w
    long = 1.0
    string = '2'
    ok = 3
    w = (/ 1.5, 2.5, 3.5 /)
end subroutine initcb

function okplus(k) result(r)
    implicit none
    integer, intent(in) :: k
    integer :: r
    double precision long
    character string
    integer ok
    common /block/ long, string, ok
    r = ok + k
end function okplus
