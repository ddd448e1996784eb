c     A complex callback without interface block: a and b are passed
c     in, c (intent(out) by the f2py line) is written by the callback.
      subroutine cmul(fun, a, b, c)
      external fun
      double complex a, b, c
cf2py intent(out) c
      call fun(a, b, c)
      c = c + (1d0, 0d0)
      end
c     A function callback whose complex result type comes from its
c     declaration (double complex fun).
      subroutine cfun(fun, a, b)
      external fun
      double complex fun, a, b
cf2py intent(out) b
      b = 2*fun(a)
      end
