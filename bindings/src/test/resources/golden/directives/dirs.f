C gatun: -m dirs --package golden.directives
C     f2py directives in a fixed-form file: intent(hide), depend, check, defaults, intent(c).
      SUBROUTINE SMOOTH(A, B, N, W)
      INTEGER N
      REAL*8 A(N), B(N), W
Cf2py intent(in) :: a
Cf2py intent(out) :: b
Cf2py intent(hide), depend(a) :: n = len(a)
Cf2py check(n > 2) :: n
Cf2py real*8 optional, intent(in) :: w = 0.5
      INTEGER I
      B(1) = A(1)
      B(N) = A(N)
      DO I = 2, N - 1
         B(I) = W * A(I) + (1 - W) * (A(I - 1) + A(I + 1)) / 2
      ENDDO
      END

      SUBROUTINE REPEAT(X, M, TIMES)
      INTEGER M, TIMES
      REAL*8 X(M)
Cf2py intent(inout) :: x
Cf2py intent(hide), depend(x) :: m = len(x)
Cf2py check(times > 0) :: times
Cf2py integer optional, intent(in) :: times = 2
      INTEGER I
      DO I = 1, M
         X(I) = X(I) * TIMES
      ENDDO
      END

      SUBROUTINE CSUM(A, N, S) BIND(C, NAME='csum')
      USE, INTRINSIC :: ISO_C_BINDING
      INTEGER(C_INT), VALUE :: N
      REAL(C_DOUBLE) A(N), S
Cf2py intent(c) n
Cf2py intent(in) a
Cf2py intent(out) s
      INTEGER I
      S = 0
      DO I = 1, N
         S = S + A(I)
      ENDDO
      END
