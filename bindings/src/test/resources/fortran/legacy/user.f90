subroutine usek(x, n)
  use kinds
  implicit none
  integer, intent(in) :: n
  real(wp), intent(inout) :: x(n)
  x = x + 1
end subroutine usek
