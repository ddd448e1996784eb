c     A callback without interface block writing two scalars: their
c     intent(out) comes from the routine's own f2py lines.
      subroutine minmax(fun, n, x, lo, hi)
      external fun
      integer n
      double precision x(n), lo, hi
cf2py intent(out) lo, hi
      call fun(n, x, lo, hi)
      end
