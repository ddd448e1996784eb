c     Routines with callbacks, called from callstatements (quad.pyf).
c     midpt: the midpoint rule for f over [a, b] with n panels.
      subroutine midpt(f, a, b, n, s)
      external f
      double precision f, a, b, s, h
      integer n, i
      h = (b - a)/n
      s = 0d0
      do 10 i = 1, n
         s = s + f(a + (i - 0.5d0)*h)
   10 continue
      s = s*h
      end
c     visit: calls g(i, x(i)) for each element.
      subroutine visit(g, n, x)
      external g
      integer n, i
      double precision x(n)
      do 10 i = 1, n
         call g(i, x(i))
   10 continue
      end
c     euler: explicit Euler steps of y' = f(t, y), lsoda's f(n, t, y, ydot).
      subroutine euler(f, n, y, t, dt, steps, ydot)
      external f
      integer n, steps, i, k
      double precision y(n), t, dt, ydot(n)
      do 20 k = 1, steps
         call f(n, t, y, ydot)
         do 10 i = 1, n
            y(i) = y(i) + dt*ydot(i)
   10    continue
         t = t + dt
   20 continue
      end
c     cmapz: w = f(z) with a complex function callback.
      subroutine cmapz(f, z, w)
      external f
      double complex f, z, w
      w = f(z)
      end
