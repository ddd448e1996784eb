! SPDX-License-Identifier: Apache-2.0
! Dummy procedures with interface blocks, written as scipy-style Fortran declares them: the adapter
! Gatun passes must match each interface exactly (gfortran compares them inside a module).
module integrators
  implicit none
  integer, parameter :: dp = kind(1d0)
contains
  ! Explicit Euler: f(n, t, y, ydot) fills ydot.
  subroutine solve(f, n, y, t0, dt, steps)
    interface
      subroutine f(n, t, y, ydot)
        import :: dp
        integer, intent(in) :: n
        real(dp), intent(in) :: t
        real(dp), intent(in) :: y(n)
        real(dp), intent(out) :: ydot(n)
      end subroutine f
    end interface
    integer, intent(in) :: n, steps
    real(dp), intent(inout) :: y(n)
    real(dp), intent(in) :: t0, dt
    real(dp) :: ydot(n)
    integer :: k
    do k = 0, steps - 1
      call f(n, t0 + k * dt, y, ydot)
      y = y + dt * ydot
    end do
  end subroutine solve

  ! A written scalar (returned by the Java callback) and a value argument.
  subroutine bisect(g, a, b, iters, x)
    interface
      subroutine g(x, fx)
        double precision, value :: x
        double precision, intent(out) :: fx
      end subroutine g
    end interface
    double precision, intent(in) :: a, b
    integer, intent(in) :: iters
    double precision, intent(out) :: x
    double precision :: lo, hi, flo, fmid
    integer :: k
    lo = a
    hi = b
    call g(lo, flo)
    do k = 1, iters
      x = 0.5d0 * (lo + hi)
      call g(x, fmid)
      if (sign(1d0, fmid) == sign(1d0, flo)) then
        lo = x
        flo = fmid
      else
        hi = x
      end if
    end do
    x = 0.5d0 * (lo + hi)
  end subroutine bisect

  ! An in-out scalar and dummies declared with no intent at all.
  subroutine accumulate(step, n, total, w)
    interface
      subroutine step(k, acc, n, w)
        integer k, n
        integer, intent(inout) :: acc
        real w(n, 2)
      end subroutine step
    end interface
    integer, intent(in) :: n
    integer, intent(out) :: total
    real :: w(n, 2)
    integer :: k
    total = 0
    do k = 1, 3
      call step(k, total, n, w)
    end do
  end subroutine accumulate

  ! Strings: assumed length and a length that is another argument.
  subroutine greet(say, name, code)
    interface
      integer function say(msg, n, tail)
        character(len=*), intent(in) :: msg
        integer, intent(in) :: n
        character(len=n), intent(in) :: tail
      end function say
    end interface
    character(len=*), intent(in) :: name
    integer, intent(out) :: code
    code = say('hello ' // name, 3, 'xyz')
  end subroutine greet

  ! Function results of every scalar kind.
  subroutine kinds(fi1, fi2, fi8, fr4, fl, out)
    interface
      integer(1) function fi1(x)
        integer(1), intent(in) :: x
      end function fi1
      integer(2) function fi2(x)
        integer(2), intent(in) :: x
      end function fi2
      integer(8) function fi8(x)
        integer(8), intent(in) :: x
      end function fi8
      real function fr4(x)
        real, intent(in) :: x
      end function fr4
      logical function fl(x)
        double precision, intent(in) :: x
      end function fl
    end interface
    double precision, intent(out) :: out(5)
    out(1) = fi1(int(3, 1))
    out(2) = fi2(int(300, 2))
    out(3) = dble(fi8(5000000000_8))
    out(4) = fr4(1.5)
    out(5) = merge(1d0, 0d0, fl(2d0))
  end subroutine kinds

  ! An assumed-shape array and a strings array of the callback's own length.
  subroutine shapes(f, x, words, m)
    interface
      subroutine f(x, words, m)
        double precision, intent(inout) :: x(:)
        integer, intent(in) :: m
        character(len=4), intent(inout) :: words(m)
      end subroutine f
    end interface
    double precision, intent(inout) :: x(:)
    integer, intent(in) :: m
    character(len=4), intent(inout) :: words(m)
    call f(x, words, m)
  end subroutine shapes

  ! What cannot be bound: a length the callback cannot know, and one it would have to learn elsewhere.
  subroutine unknown(f, x, n)
    interface
      subroutine f(x)
        double precision, intent(inout) :: x(*)
      end subroutine f
    end interface
    integer, intent(in) :: n
    double precision, intent(inout) :: x(n)
    call f(x)
  end subroutine unknown

  subroutine elsewhere(f, x, n)
    integer, intent(in) :: n
    interface
      subroutine f(x)
        import :: n
        double precision, intent(inout) :: x(n)
      end subroutine f
    end interface
    double precision, intent(inout) :: x(n)
    call f(x)
  end subroutine elsewhere

  ! Names past Fortran's 63 characters once the shim's prefixes and suffixes are added.
  subroutine integrate_with_a_rather_long_descriptive_name(the_integrand_callback, x, r)
    interface
      double precision function the_integrand_callback(x)
        double precision, intent(in) :: x
      end function the_integrand_callback
    end interface
    double precision, intent(in) :: x
    double precision, intent(out) :: r
    r = 2 * the_integrand_callback(x)
  end subroutine integrate_with_a_rather_long_descriptive_name
end module integrators

! An F77-style external with an interface block (the shim sees no interface of it).
subroutine trapz(f, a, b, n, r)
  interface
    double precision function f(x)
      double precision, intent(in) :: x
    end function f
  end interface
  double precision, intent(in) :: a, b
  integer, intent(in) :: n
  double precision, intent(out) :: r
  integer :: i
  double precision :: h
  h = (b - a) / n
  r = 0.5d0 * (f(a) + f(b))
  do i = 1, n - 1
    r = r + f(a + i * h)
  end do
  r = r * h
end subroutine trapz
