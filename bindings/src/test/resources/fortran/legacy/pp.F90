#define REAL_KIND 8
module ppmod
  implicit none
contains
  subroutine twice(x)
#ifdef NEVER
    integer, intent(inout) :: x
#else
    real(REAL_KIND), intent(inout) :: x
#endif
    x = 2 * x
  end subroutine twice
end module ppmod
