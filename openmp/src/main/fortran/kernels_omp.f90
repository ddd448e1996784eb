! SPDX-License-Identifier: Apache-2.0
! OpenMP versions of the Fortran seed kernels (as in the seeds' fortran_function_openmp.f90): the
! outer loop is shared out over the threads of a team, the inner loop is vectorised.
module kernels_fortran_omp
  use, intrinsic :: iso_fortran_env, only: real64
  implicit none
  private
  public :: integration2d_f_omp, my_sqrt_f_omp, dot_f_omp, matvec_f_omp, heat_f_omp
  real(real64), parameter :: pi = acos(-1.0_real64)

contains

  function integration2d_f_omp(n) result(integral)
    integer, intent(in) :: n
    real(real64) :: integral
    real(real64) :: h, x, row, mysum
    integer :: i, j
    h = pi / n
    mysum = 0.0_real64
    ! Rows handed out dynamically: cores of a cloud host do not all run at the same speed (see the C kernel).
    !$omp parallel do schedule(dynamic, 4) private(x, row) reduction(+:mysum)
    do i = 0, n - 1
      x = h * (i + 0.5_real64)
      row = 0.0_real64
      !$omp simd reduction(+:row)
      do j = 0, n - 1
        row = row + sin(x + h * (j + 0.5_real64))
      end do
      mysum = mysum + row
    end do
    !$omp end parallel do
    integral = h**2 * mysum
  end function integration2d_f_omp

  subroutine my_sqrt_f_omp(a)
    real(real64), intent(out) :: a(:)
    integer :: i
    !$omp parallel do simd schedule(static)
    do i = 1, size(a)
      a(i) = sqrt(real(i - 1, real64))
    end do
  end subroutine my_sqrt_f_omp

  function dot_f_omp(x, y) result(s)
    !f2py check(size(y) == size(x)) y
    real(real64), intent(in) :: x(:), y(:)
    real(real64) :: s
    integer :: i
    s = 0.0_real64
    !$omp parallel do simd schedule(static) reduction(+:s)
    do i = 1, size(x)
      s = s + x(i) * y(i)
    end do
  end function dot_f_omp

  ! y = A x, A(m, n) column-major: each thread owns a block of rows (i) and walks all columns.
  subroutine matvec_f_omp(a, x, y)
    !f2py check(size(x) == shape(a, 1)) x
    !f2py check(size(y) == shape(a, 0)) y
    real(real64), intent(in) :: a(:, :), x(:)
    real(real64), intent(out) :: y(:)
    integer :: i, j
    !$omp parallel private(j)
    !$omp do schedule(static)
    do i = 1, size(a, 1)
      y(i) = 0.0_real64
    end do
    !$omp end do nowait
    do j = 1, size(a, 2)
      !$omp do simd schedule(static)
      do i = 1, size(a, 1)
        y(i) = y(i) + a(i, j) * x(j)
      end do
      !$omp end do simd nowait
    end do
    !$omp end parallel
  end subroutine matvec_f_omp

  ! Same grid and boundary conventions as kernels_fortran's heat_f.
  subroutine heat_f_omp(u, work, alpha, dt, dx, dy, steps, periodic)
    !f2py check(shape(work, 0) == shape(u, 0) .and. shape(work, 1) == shape(u, 1)) work
    real(real64), intent(inout) :: u(0:, 0:), work(0:, 0:)
    real(real64), intent(in) :: alpha, dt, dx, dy
    integer, intent(in) :: steps, periodic
    real(real64) :: cx, cy
    integer :: s
    cx = alpha * dt / dx**2
    cy = alpha * dt / dy**2
    do s = 1, steps
      if (mod(s, 2) == 1) then
        call step(u, work)
      else
        call step(work, u)
      end if
    end do
    if (mod(steps, 2) == 1) u = work

  contains

    subroutine step(a, b)
      real(real64), intent(in) :: a(0:, 0:)
      real(real64), intent(out) :: b(0:, 0:)
      integer :: ny, nx, i, j, ip, im
      ny = size(a, 1)
      nx = size(a, 2)
      if (ny == 0) return  ! an empty grid: no b(0, i) to write
      !$omp parallel do schedule(static) private(j, ip, im)
      do i = 0, nx - 1
        if (periodic /= 0) then
          ip = modulo(i + 1, nx)
          im = modulo(i - 1, nx)
          b(0, i) = a(0, i) + cx * (a(0, im) - 2 * a(0, i) + a(0, ip)) &
                            + cy * (a(ny - 1, i) - 2 * a(0, i) + a(modulo(1, ny), i))
          !$omp simd
          do j = 1, ny - 2
            b(j, i) = a(j, i) + cx * (a(j, im) - 2 * a(j, i) + a(j, ip)) + cy * (a(j - 1, i) - 2 * a(j, i) + a(j + 1, i))
          end do
          if (ny > 1) then
            b(ny - 1, i) = a(ny - 1, i) + cx * (a(ny - 1, im) - 2 * a(ny - 1, i) + a(ny - 1, ip)) &
                                        + cy * (a(ny - 2, i) - 2 * a(ny - 1, i) + a(0, i))
          end if
        else if (i == 0 .or. i == nx - 1) then
          b(:, i) = a(:, i)
        else
          b(0, i) = a(0, i)
          b(ny - 1, i) = a(ny - 1, i)
          !$omp simd
          do j = 1, ny - 2
            b(j, i) = a(j, i) + cx * (a(j, i - 1) - 2 * a(j, i) + a(j, i + 1)) + cy * (a(j - 1, i) - 2 * a(j, i) + a(j + 1, i))
          end do
        end if
      end do
      !$omp end parallel do
    end subroutine step

  end subroutine heat_f_omp

end module kernels_fortran_omp
