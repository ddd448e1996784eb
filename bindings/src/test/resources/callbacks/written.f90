! Callbacks that write more than one scalar, or write one and return a result:
! each written scalar reaches Java as a one-element view (WrittenScalarsCallbackCallTest).
module newton
  implicit none
contains
  ! Newton's method: fdf gives f(x) and f'(x) through two intent(out) arguments.
  subroutine solve(fdf, x, steps)
    interface
      subroutine fdf(x, f, df)
        real(8), intent(in) :: x
        real(8), intent(out) :: f, df
      end subroutine fdf
    end interface
    real(8), intent(inout) :: x
    integer, intent(in) :: steps
    real(8) :: f, df
    integer :: i
    do i = 1, steps
      call fdf(x, f, df)
      x = x - f / df
    end do
  end subroutine solve

  ! Written scalars of two kinds, one inout and one out, after an array.
  subroutine tally(g, n, v, count, total)
    interface
      subroutine g(n, v, count, part)
        integer, intent(in) :: n
        real(4), intent(in) :: v(n)
        integer(8), intent(inout) :: count
        real(4), intent(out) :: part
      end subroutine g
    end interface
    integer, intent(in) :: n
    real(4), intent(in) :: v(n)
    integer(8), intent(out) :: count
    real(4), intent(out) :: total
    real(4) :: part
    integer :: i
    count = 100
    total = 0
    do i = 1, 3
      call g(n, v, count, part)
      total = total + part
    end do
  end subroutine tally

  ! A function callback that also writes a status.
  subroutine guarded(h, x, y, status)
    interface
      function h(x, err) result(r)
        real(8), intent(in) :: x
        integer, intent(out) :: err
        real(8) :: r
      end function h
    end interface
    real(8), intent(in) :: x
    real(8), intent(out) :: y
    integer, intent(out) :: status
    y = h(x, status)
  end subroutine guarded
end module newton
