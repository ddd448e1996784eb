      subroutine addone(n, a)
      integer n
      integer a(n)
cf2py intent(in,out) a
cf2py integer intent(hide), depend(a) :: n = len(a)
cf2py callstatement (*f2py_func)(&n, a)
cf2py callprotoargument int*, int*
      do i = 1, n
         a(i) = a(i) + 1
      end do
      end
