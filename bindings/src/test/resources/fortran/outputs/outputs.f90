! intent(out) arrays that Gatun allocates and returns when their extents follow from other arguments.
subroutine fill(n, x)
  integer, intent(in) :: n
  real(8), intent(out) :: x(n)
  integer :: i
  do i = 1, n
    x(i) = i * 0.5d0
  end do
end subroutine fill

subroutine stats(a, n, b, total)
  integer, intent(in) :: n
  real(8), intent(in) :: a(n)
  real(8), intent(out) :: b(n)
  real(8), intent(out) :: total
  b = 2 * a
  total = sum(a)
end subroutine stats

subroutine grid(m, n, g, c)
  integer, intent(in) :: m, n
  integer, intent(out) :: g(m, 0:n)
  real, intent(out) :: c(n + 1)
  integer :: i, j
  do j = 0, n
    do i = 1, m
      g(i, j) = 10 * i + j
    end do
    c(j + 1) = j
  end do
end subroutine grid

integer function count_pos(a, flags)
  real, intent(in) :: a(:)
  integer, intent(out) :: flags(size(a))
  integer :: i
  count_pos = 0
  do i = 1, size(a)
    flags(i) = merge(1, 0, a(i) > 0)
    count_pos = count_pos + flags(i)
  end do
end function count_pos

subroutine opaque(a, b)
  real(8), intent(in) :: a(*)
  real(8), intent(out) :: b(*)
  b(1) = a(1)
end subroutine opaque

module outmod
contains
  subroutine ramp(lo, hi, r)
    integer, intent(in) :: lo, hi
    real(8), intent(out) :: r(lo:hi)
    integer :: i
    do i = lo, hi
      r(i) = i
    end do
  end subroutine ramp
end module outmod
