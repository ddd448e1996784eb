C     Dummy procedures without interface blocks: Gatun infers each callback's
C     signature from the call in the body or from an f2py line, as f2py does.
      subroutine getint(fun, a)
      integer a
cf2py intent(out) a
      external fun
      call fun(a)
      end

      subroutine bump(fun, a)
      integer a
cf2py intent(in,out) a
      external fun
      call fun(a)
      end

      subroutine rescale(fun, x, n)
      external fun
      integer n
      double precision x(n)
      call fun(x, n)
      end

      subroutine grid(fun, a, m, n)
      external fun
      integer m, n
      real a(m, n)
      call fun(a, m, n)
      end

      double precision function apply(g, x)
      external g
      double precision g, x
      apply = g(x) + 1d0
      end

      subroutine tag(cb, s, code)
      external cb
      integer cb, code
      character*(*) s
cf2py intent(out) code
      code = cb(s, 'abc')
      end

      subroutine names(cb, w, n)
      external cb
      integer n
      character*4 w(n)
      call cb(w, n)
      end

      subroutine mapx(func, x, n)
      external func
cf2py real*8 y
cf2py y = func(y)
cf2py intent(in,out) x
      integer n, i
      real*8 x(n), func
      do i = 1, n
         x(i) = func(x(i))
      end do
      end

      subroutine unknown(fun, x)
      external fun
      double precision x(*)
      call fun(x)
      end

      subroutine nevercalled(fun, x)
      external fun
      double precision x
      x = 1d0
      end
