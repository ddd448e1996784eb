! SPDX-License-Identifier: Apache-2.0
! my_sqrt, dot, matvec and the heat equation in Fortran, each plain and SIMD-annotated.
! Arrays are assumed-shape or explicit-shape as a Fortran programmer would write them; Gatun's
! generated bind(C) shims make them callable from Java.
module kernels_fortran
  use, intrinsic :: iso_fortran_env, only: real64
  implicit none
  private
  public :: my_sqrt_f, my_sqrt_f_simd, dot_f, dot_f_simd, matvec_f, matvec_f_simd, heat_f, heat_f_simd

contains

  ! a(i) = sqrt(i - 1): the same values as the C kernel's a[i] = sqrt(i).
  subroutine my_sqrt_f(a)
    real(real64), intent(out) :: a(:)
    integer :: i
    do i = 1, size(a)
      a(i) = sqrt(real(i - 1, real64))
    end do
  end subroutine my_sqrt_f

  subroutine my_sqrt_f_simd(a)
    real(real64), intent(out) :: a(:)
    integer :: i
    !$omp simd
    do i = 1, size(a)
      a(i) = sqrt(real(i - 1, real64))
    end do
  end subroutine my_sqrt_f_simd

  function dot_f(x, y) result(s)
    !f2py check(size(y) == size(x)) y
    real(real64), intent(in) :: x(:), y(:)
    real(real64) :: s
    integer :: i
    s = 0.0_real64
    do i = 1, size(x)
      s = s + x(i) * y(i)
    end do
  end function dot_f

  function dot_f_simd(x, y) result(s)
    !f2py check(size(y) == size(x)) y
    real(real64), intent(in) :: x(:), y(:)
    real(real64) :: s
    integer :: i
    s = 0.0_real64
    !$omp simd reduction(+:s)
    do i = 1, size(x)
      s = s + x(i) * y(i)
    end do
  end function dot_f_simd

  ! y = A x with A(m, n) in Fortran (column-major) order: y accumulates columns, walking memory in order.
  subroutine matvec_f(a, x, y)
    !f2py check(size(x) == shape(a, 1)) x
    !f2py check(size(y) == shape(a, 0)) y
    real(real64), intent(in) :: a(:, :), x(:)
    real(real64), intent(out) :: y(:)
    integer :: i, j
    y = 0.0_real64
    do j = 1, size(a, 2)
      do i = 1, size(a, 1)
        y(i) = y(i) + a(i, j) * x(j)
      end do
    end do
  end subroutine matvec_f

  subroutine matvec_f_simd(a, x, y)
    !f2py check(size(x) == shape(a, 1)) x
    !f2py check(size(y) == shape(a, 0)) y
    real(real64), intent(in) :: a(:, :), x(:)
    real(real64), intent(out) :: y(:)
    integer :: i, j
    y = 0.0_real64
    do j = 1, size(a, 2)
      !$omp simd
      do i = 1, size(a, 1)
        y(i) = y(i) + a(i, j) * x(j)
      end do
    end do
  end subroutine matvec_f_simd

  ! The heat equation, explicit 5-point stencil, on u(0:ny-1, 0:nx-1): the same memory as the C
  ! kernel's row-major u[i * ny + j] (Fortran's first index runs fastest). periodic /= 0 wraps the
  ! grid; otherwise the boundary keeps its initial values (Dirichlet). The result is left in u.
  subroutine heat_f(u, work, alpha, dt, dx, dy, steps, periodic)
    !f2py check(shape(work, 0) == shape(u, 0) .and. shape(work, 1) == shape(u, 1)) work
    real(real64), intent(inout) :: u(0:, 0:), work(0:, 0:)
    real(real64), intent(in) :: alpha, dt, dx, dy
    integer, intent(in) :: steps, periodic
    call heat_run(u, work, alpha, dt, dx, dy, steps, periodic, .false.)
  end subroutine heat_f

  subroutine heat_f_simd(u, work, alpha, dt, dx, dy, steps, periodic)
    !f2py check(shape(work, 0) == shape(u, 0) .and. shape(work, 1) == shape(u, 1)) work
    real(real64), intent(inout) :: u(0:, 0:), work(0:, 0:)
    real(real64), intent(in) :: alpha, dt, dx, dy
    integer, intent(in) :: steps, periodic
    call heat_run(u, work, alpha, dt, dx, dy, steps, periodic, .true.)
  end subroutine heat_f_simd

  subroutine heat_run(u, work, alpha, dt, dx, dy, steps, periodic, simd)
    real(real64), intent(inout) :: u(0:, 0:), work(0:, 0:)
    real(real64), intent(in) :: alpha, dt, dx, dy
    integer, intent(in) :: steps, periodic
    logical, intent(in) :: simd
    real(real64) :: cx, cy
    integer :: s
    logical :: in_u
    cx = alpha * dt / dx**2
    cy = alpha * dt / dy**2
    in_u = .true.
    do s = 1, steps
      if (in_u) then
        call heat_step(u, work, cx, cy, periodic /= 0, simd)
      else
        call heat_step(work, u, cx, cy, periodic /= 0, simd)
      end if
      in_u = .not. in_u
    end do
    if (.not. in_u) u = work
  end subroutine heat_run

  subroutine heat_step(u, v, cx, cy, periodic, simd)
    real(real64), intent(in) :: u(0:, 0:)
    real(real64), intent(out) :: v(0:, 0:)
    real(real64), intent(in) :: cx, cy
    logical, intent(in) :: periodic, simd
    integer :: ny, nx, i, j, ip, im, jp, jm
    ny = size(u, 1)
    nx = size(u, 2)
    if (periodic) then
      do i = 0, nx - 1
        ip = modulo(i + 1, nx)
        im = modulo(i - 1, nx)
        do j = 0, ny - 1
          jp = modulo(j + 1, ny)
          jm = modulo(j - 1, ny)
          v(j, i) = u(j, i) + cx * (u(j, im) - 2 * u(j, i) + u(j, ip)) + cy * (u(jm, i) - 2 * u(j, i) + u(jp, i))
        end do
      end do
    else
      v = u
      if (simd) then
        do i = 1, nx - 2
          !$omp simd
          do j = 1, ny - 2
            v(j, i) = u(j, i) + cx * (u(j, i - 1) - 2 * u(j, i) + u(j, i + 1)) &
                              + cy * (u(j - 1, i) - 2 * u(j, i) + u(j + 1, i))
          end do
        end do
      else
        do i = 1, nx - 2
          do j = 1, ny - 2
            v(j, i) = u(j, i) + cx * (u(j, i - 1) - 2 * u(j, i) + u(j, i + 1)) &
                              + cy * (u(j - 1, i) - 2 * u(j, i) + u(j + 1, i))
          end do
        end do
      end if
    end if
  end subroutine heat_step

end module kernels_fortran
