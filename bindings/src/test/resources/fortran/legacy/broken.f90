subroutine good(x)
  real(8), intent(inout) :: x
  x = -x
end subroutine good

! An array constructor in a declaration: gfortran compiles it, Gatun's parser does not read it.
subroutine bad(x)
  real(8), intent(inout) :: x
  real(8), parameter :: w(2) = (/ 0.5d0, 0.5d0 /)
  x = x * w(1)
end subroutine bad
