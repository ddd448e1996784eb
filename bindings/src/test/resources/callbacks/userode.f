C     SPDX-License-Identifier: Apache-2.0
C     F77 routines taking callbacks, bound through userode.pyf (__user__ routines), as f2py users do.
      subroutine euler(f, n, y, w, t0, dt, steps)
      external f
      integer n, steps, k, i
      double precision y(n), w(n), t0, dt
      do k = 0, steps - 1
         call f(n, t0 + k * dt, y, w)
         do i = 1, n
            y(i) = y(i) + dt * w(i)
         end do
      end do
      end

      subroutine secant(g, x0, x1, iters, x)
      external g
      integer iters, k
      double precision x0, x1, x, a, b, fa, fb
      a = x0
      b = x1
      call g(a, fa)
      call g(b, fb)
      do k = 1, iters
         if (fb .eq. fa) goto 10
         x = b - fb * (b - a) / (fb - fa)
         a = b
         fa = fb
         b = x
         call g(b, fb)
      end do
   10 x = b
      end

      subroutine named(label, s, code)
      external label
      integer label, code
      character*(*) s
      code = label(s)
      end

c     Newton's method with f and f' from one callback writing two scalars.
      subroutine newton(fdf, x, steps)
      external fdf
      double precision x, f, df
      integer steps, i
      do 10 i = 1, steps
         call fdf(x, f, df)
         x = x - f/df
   10 continue
      end

c     A complex value in, a complex result written by the callback.
      subroutine cscale(h, z, w)
      external h
      double complex z, w
      call h(z, w)
      w = 2*w
      end
