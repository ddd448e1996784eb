! gatun: -m integration2d --package golden.integration2d
! The course's workhorse: the integral of sin(x+y) over [0,pi]^2 on an n x n grid.
function integration2d_fortran(n) result(integral)
    implicit none
    integer, parameter :: dp = selected_real_kind(15, 9)
    real(kind=dp), parameter :: pi = 3.14159265358979323_dp
    integer, intent(in) :: n
    real(kind=dp) :: integral
    integer :: i, j
    real(kind=dp) :: h, x, y, mysum

    h = pi / (1.0_dp * n)
    mysum = 0.0_dp
    do j = 0, n - 1
        y = h * (j + 0.5_dp)
        do i = 0, n - 1
            x = h * (i + 0.5_dp)
            mysum = mysum + sin(x + y)
        end do
    end do
    integral = h * h * mysum
end function integration2d_fortran
