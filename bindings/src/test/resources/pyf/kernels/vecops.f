C     F77 kernels bound through vecops.pyf (test input for PyfBuildCallTest).
C     The signature file decides what Java sees; these sources are only compiled.
      SUBROUTINE DSCAL2(N, A, X, Y)
      INTEGER N, I
      DOUBLE PRECISION A, X(N), Y(N)
      DO 10 I = 1, N
         Y(I) = A * X(I)
 10   CONTINUE
      END

      DOUBLE PRECISION FUNCTION WSUM(N, X, W)
      INTEGER N, I
      DOUBLE PRECISION X(N), W
      WSUM = 0.0D0
      DO 20 I = 1, N
         WSUM = WSUM + W * X(I)
 20   CONTINUE
      END

      SUBROUTINE CLIP(N, X, LO, HI)
      INTEGER N, I
      DOUBLE PRECISION X(N), LO, HI
      DO 30 I = 1, N
         X(I) = MIN(MAX(X(I), LO), HI)
 30   CONTINUE
      END

      SUBROUTINE QUAD(F, A, B, N, R)
      EXTERNAL F
      DOUBLE PRECISION F, A, B, R, H
      INTEGER N, I
      H = (B - A) / N
      R = 0.0D0
      DO 40 I = 1, N
         R = R + H * F(A + (I - 0.5D0) * H)
 40   CONTINUE
      END

      SUBROUTINE FILLRC(M, N, A)
      INTEGER M, N, I, J
      DOUBLE PRECISION A(N, M)
C     Row-major M x N seen from C: A(J, I) is row I, column J.
      DO 60 I = 1, M
         DO 50 J = 1, N
            A(J, I) = 10 * I + J
 50      CONTINUE
 60   CONTINUE
      END

      SUBROUTINE NRMWRK(N, X, WORK, R)
      INTEGER N, I
      DOUBLE PRECISION X(N), WORK(N), R
      R = 0.0D0
      DO 70 I = 1, N
         WORK(I) = X(I) * X(I)
         R = R + WORK(I)
 70   CONTINUE
      R = SQRT(R)
      END

C     Alternate returns: Gatun's Fortran parser rejects them, the signature
C     file does not mention this routine, and it must not stop the build.
      SUBROUTINE ALTRET(I, *, *)
      INTEGER I
      IF (I .EQ. 1) RETURN 1
      RETURN 2
      END
