c     A complex callback without interface block: a and b are passed
c     in, c (intent(out) by the f2py line) is written by the callback.
      subroutine cmul(fun, a, b, c)
      external fun
      double complex a, b, c
cf2py intent(out) c
      call fun(a, b, c)
      c = c + (1d0, 0d0)
      end
