! Arrays of logical, every kind: stored as the signed integer of the same size (.false. is 0).
subroutine negate1(n, a)
  integer, intent(in) :: n
  logical(1), intent(inout) :: a(n)
  a = .not. a
end subroutine negate1

integer function count2(a)
  logical(2), intent(in) :: a(:)
  count2 = count(a)
end function count2

subroutine positive(x, n, flags)
  integer, intent(in) :: n
  real(8), intent(in) :: x(n)
  logical, intent(out) :: flags(n)
  flags = x > 0
end subroutine positive

subroutine all8(a, m, n, rows)
  integer, intent(in) :: m, n
  logical(8), intent(in) :: a(m, n)
  logical(8), intent(out) :: rows(m)
  rows = all(a, dim=2)
end subroutine all8

subroutine cflags(n, a) bind(c, name='cflags')
  use iso_c_binding
  integer(c_int), value :: n
  logical(c_bool), intent(inout) :: a(n)
  a(1:n:2) = .true.
end subroutine cflags
