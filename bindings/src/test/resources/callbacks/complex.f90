! Complex scalars and arrays passed to Java callbacks (ComplexCallbackCallTest).
module spectra
  implicit none
contains
  ! y(i) = h(x(i)): the callback receives a complex(8) value and writes a complex(8) result.
  subroutine filter(h, n, x, y)
    interface
      subroutine h(z, w)
        complex(8), intent(in) :: z
        complex(8), intent(out) :: w
      end subroutine h
    end interface
    integer, intent(in) :: n
    complex(8), intent(in) :: x(n)
    complex(8), intent(out) :: y(n)
    integer :: i
    do i = 1, n
      call h(x(i), y(i))
    end do
  end subroutine filter

  ! A function callback receiving a complex(4) array and a complex(4) scalar by value.
  function weigh(g, n, c, s) result(r)
    interface
      function g(n, c, s) result(v)
        integer, intent(in) :: n
        complex(4), intent(in) :: c(n)
        complex(4), value :: s
        real(8) :: v
      end function g
    end interface
    integer, intent(in) :: n
    complex(4), intent(in) :: c(n)
    complex(4), intent(in) :: s
    real(8) :: r
    r = g(n, c, s)
  end function weigh

  ! The callback rewrites a complex(8) array in place and updates a complex(8) accumulator.
  subroutine rotate(k, n, z, acc)
    interface
      subroutine k(n, z, acc)
        integer, intent(in) :: n
        complex(8), intent(inout) :: z(n)
        complex(8), intent(inout) :: acc
      end subroutine k
    end interface
    integer, intent(in) :: n
    complex(8), intent(inout) :: z(n)
    complex(8), intent(inout) :: acc
    call k(n, z, acc)
    call k(n, z, acc)
  end subroutine rotate

  ! Function callbacks returning complex(8) and complex(4).
  subroutine mapz(h, n, x, y)
    interface
      function h(z) result(w)
        complex(8), intent(in) :: z
        complex(8) :: w
      end function h
    end interface
    integer, intent(in) :: n
    complex(8), intent(in) :: x(n)
    complex(8), intent(out) :: y(n)
    integer :: i
    do i = 1, n
      y(i) = h(x(i)) + (0d0, 1d0)
    end do
  end subroutine mapz

  function twice4(g, s) result(r)
    interface
      function g(s) result(v)
        complex(4), value :: s
        complex(4) :: v
      end function g
    end interface
    complex(4), intent(in) :: s
    complex(4) :: r
    r = 2 * g(s)
  end function twice4
end module spectra
