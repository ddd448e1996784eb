C     Routines that need scratch memory, as LAPACK's do: the caller passes WORK
C     and its length LWORK. Bound through work.pyf, which hides both.
      SUBROUTINE SUMSQ(N, X, WORK, LWORK, R, INFO)
      INTEGER N, LWORK, INFO, I
      DOUBLE PRECISION X(N), WORK(LWORK), R
      INFO = 0
      IF (LWORK .LT. 2*N) THEN
         INFO = -4
         RETURN
      END IF
      R = 0.0D0
      DO 10 I = 1, N
         WORK(I) = X(I) * X(I)
         WORK(N + I) = WORK(I)
         R = R + WORK(N + I)
 10   CONTINUE
      END

      SUBROUTINE PAIRS(M, N, A, IWORK, S)
      INTEGER M, N, I, J
      INTEGER IWORK(M, N)
      DOUBLE PRECISION A(M, N), S
      S = 0.0D0
      DO 30 J = 1, N
         DO 20 I = 1, M
            IWORK(I, J) = I + J
            S = S + A(I, J) * IWORK(I, J)
 20      CONTINUE
 30   CONTINUE
      END
