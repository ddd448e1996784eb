! SPDX-License-Identifier: Apache-2.0
! integration2d: the midpoint sum of sin(x + y) over [0, pi]^2 on an n-by-n grid, times h^2,
! as in the seeds' fortran_function.f90 (the exact integral is 0).
module integration2d_fortran
  use, intrinsic :: iso_fortran_env, only: real64
  implicit none
  private
  public :: integration2d_f, integration2d_f_simd
  real(real64), parameter :: pi = acos(-1.0_real64)

contains

  ! The seeds' loop as written: one sin per point, summed in order.
  function integration2d_f(n) result(integral)
    integer, intent(in) :: n
    real(real64) :: integral
    real(real64) :: h, x, y, mysum
    integer :: i, j
    h = pi / n
    mysum = 0.0_real64
    do i = 0, n - 1
      x = h * (i + 0.5_real64)
      do j = 0, n - 1
        y = h * (j + 0.5_real64)
        mysum = mysum + sin(x + y)
      end do
    end do
    integral = h**2 * mysum
  end function integration2d_f

  ! The inner loop vectorised: gfortran calls glibc's SIMD sin (libmvec) for each lane group.
  function integration2d_f_simd(n) result(integral)
    integer, intent(in) :: n
    real(real64) :: integral
    real(real64) :: h, x, row, mysum
    integer :: i, j
    h = pi / n
    mysum = 0.0_real64
    do i = 0, n - 1
      x = h * (i + 0.5_real64)
      row = 0.0_real64
      !$omp simd reduction(+:row)
      do j = 0, n - 1
        row = row + sin(x + h * (j + 0.5_real64))
      end do
      mysum = mysum + row
    end do
    integral = h**2 * mysum
  end function integration2d_f_simd

end module integration2d_fortran
