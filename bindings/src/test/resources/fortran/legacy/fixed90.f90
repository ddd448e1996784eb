C     Fixed-form code in a .f90 file: f2py (and gfortran, told -ffixed-form)
C     read it as fixed form because no statement starts before column 7.
      SUBROUTINE ADDONE(X, N)
      INTEGER N
      DOUBLE PRECISION X(N)
Cf2py intent(in,out) x
      DO 20 I = 1, N
         X(I) = X(I)
     &        + 1.0D0
   20 CONTINUE
      END
