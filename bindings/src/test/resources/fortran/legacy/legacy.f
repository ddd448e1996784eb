C     Real F77 as it is written: insignificant blanks, DIMENSION and
C     EXTERNAL statements, PARAMETER without parentheses, ** in bounds.
      SUBROUTINE SCALE2(N, A, B, ER)
      INTEGER N
      DOUBLE PRECISION A, B, ER
      DIMENSION A(N), B(2**2)
      PARAMETER NN = 3
      ER 1 = 0.5
      IF (N. LT. 0) RETURN
      ER = 220.20 68679D0
      DO 10 I = 1, N
         A(I) = A(I) * 2.0D0
   10 CONTINUE
      B(NN+1) = ER
      RETURN
      END

      SUBROUTINE USEF(F, X, Y)
      EXTERNAL F
      DOUBLE PRECISION X, Y
      Y = X
      END

      LOGICAL FUNCTION ISPOS(BIND, N)
      INTEGER N
      LOGICAL BIND
      DOUBLE PRECISION W, V, T(2)
      COMMON /WORK/ W(10), V
      EQUIVALENCE (T(1), N1)
      DATA V /1.0D0/
      ISPOS = BIND .AND. N .GT. 0
      END

      SUBROUTINE INOUT(X)
      REAL X
      INTENT(IN OUT) :: X
      DIMENSION X(3)
      X(1) = X(1) + X(2) + X(3)
      END
