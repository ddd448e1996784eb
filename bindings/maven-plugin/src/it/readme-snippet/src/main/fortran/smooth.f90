! SPDX-License-Identifier: Apache-2.0
! A user's Fortran: one three-point smoothing sweep, in parallel with OpenMP.
module smooth_m
  use, intrinsic :: iso_c_binding, only: c_double, c_int
  implicit none
contains
  subroutine smooth(u, v, n)
    integer(c_int), intent(in) :: n
    real(c_double), intent(in) :: u(n)
    real(c_double), intent(out) :: v(n)
    integer :: i
    v(1) = u(1)
    v(n) = u(n)
    !$omp parallel do
    do i = 2, n - 1
      v(i) = (u(i - 1) + u(i) + u(i + 1)) / 3
    end do
  end subroutine

  function threads() result(t)
    use omp_lib, only: omp_get_max_threads
    integer(c_int) :: t
    t = omp_get_max_threads()
  end function
end module
