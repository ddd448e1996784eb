! gatun: -m quad --package golden.callback
! A Fortran routine that integrates a function it is given: the callback is a Java lambda.
module quad
    implicit none
contains
    function midpoint(f, a, b, n) result(s)
        interface
            function f(x) result(y)
                real(8), intent(in) :: x
                real(8) :: y
            end function f
        end interface
        real(8), intent(in) :: a, b
        integer, intent(in) :: n
        real(8) :: s, h
        integer :: i
        h = (b - a) / n
        s = 0
        do i = 0, n - 1
            s = s + f(a + (i + 0.5d0) * h)
        end do
        s = s * h
    end function midpoint

    subroutine visit(n, each)
        integer, intent(in) :: n
        interface
            subroutine each(i, last)
                integer, intent(in) :: i
                logical, intent(in) :: last
            end subroutine each
        end interface
        integer :: i
        do i = 1, n
            call each(i, i == n)
        end do
    end subroutine visit
end module quad
