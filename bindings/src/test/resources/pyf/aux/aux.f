c     Kernels for intent(aux) in a signature file (aux.pyf).
c     bands: c holds (nx-kx-1)**2 coefficients; w is work space of
c     length lw = (nx-kx-1)*(kx+2). s = sum(c) + 1000*lw, so the test
c     sees the work length the wrapper computed.
      subroutine bands(kx, nx, c, lw, w, s)
      integer kx, nx, lw, i
      double precision c(*), w(lw), s
      s = 0d0
      do 10 i = 1, (nx-kx-1)**2
         s = s + c(i)
   10 continue
      do 20 i = 1, lw
         w(i) = i
   20 continue
      s = s + 1000d0*lw
      end
c     scaled: r = k1 * sum(x); called from a callstatement that passes
c     the aux variable k1 = k + 1 where the signature file has k.
      subroutine scaled(n, x, k1, r)
      integer n, k1, i
      double precision x(n), r
      r = 0d0
      do 10 i = 1, n
         r = r + x(i)
   10 continue
      r = k1*r
      end
