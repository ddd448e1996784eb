subroutine scale(n, x, f)
  integer n
  double precision x(n), f
  !f2py intent(in,out) x
  !f2py integer, intent(hide), depend(x) :: n = len(x)
  !f2py callstatement (*f2py_func)(&n, &
  !f2py   x, &f)
  !f2py callprotoargument int*, double*, double*
  x = x * f
end subroutine scale

subroutine deref(n, x)
  integer n
  double precision x(n)
  !f2py check(*n > 0) n
  !f2py callstatement (*f2py_func)(&n, x)
  x = 0
end subroutine deref

module m
contains
  subroutine inmod(n)
    integer n
    !f2py callstatement (*f2py_func)(&n)
    n = 1
  end subroutine inmod
  subroutine plain(n)
    integer, intent(inout) :: n
    n = n + 1
  end subroutine plain
end module m

subroutine broken(n)
  integer n
  !f2py integer, check(n > ) :: n
  !f2py callstatement (*f2py_func)(&n)
  n = 2
end subroutine broken
