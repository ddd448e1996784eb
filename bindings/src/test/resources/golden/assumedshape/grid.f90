! gatun: -m grid --package golden.assumedshape
! Assumed-shape 2-D arrays: the shim passes the extents the compiler's descriptor needs.
module grid
    implicit none
contains
    subroutine laplacian(u, lap)
        !f2py check(shape(lap, 0) == shape(u, 0) .and. shape(lap, 1) == shape(u, 1)) lap
        real(8), intent(in) :: u(:, :)
        real(8), intent(out) :: lap(:, :)
        integer :: i, j
        lap = 0
        do j = 2, size(u, 2) - 1
            do i = 2, size(u, 1) - 1
                lap(i, j) = u(i - 1, j) + u(i + 1, j) + u(i, j - 1) + u(i, j + 1) - 4 * u(i, j)
            end do
        end do
    end subroutine laplacian

    function total(a) result(s)
        real(8), intent(in) :: a(:, :)
        real(8) :: s
        s = sum(a)
    end function total
end module grid
