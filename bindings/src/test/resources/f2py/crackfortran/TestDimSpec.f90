
function get_arr_size_0(a, n) result (length)
  integer, intent(in) :: n
  integer, dimension(n), intent(out) :: a
  integer length
  length = size(a)
end function

subroutine get_inv_arr_size_0(a, n)
  integer :: n
  ! the value of n is computed in f2py wrapper
  !f2py intent(out) n
  integer, dimension(n), intent(in) :: a
  if (a(1).gt.0) then
    print*, "a=", a
  endif
end subroutine

function get_arr_size_1(a, n) result (length)
  integer, intent(in) :: n
  integer, dimension(2*n), intent(out) :: a
  integer length
  length = size(a)
end function

subroutine get_inv_arr_size_1(a, n)
  integer :: n
  ! the value of n is computed in f2py wrapper
  !f2py intent(out) n
  integer, dimension(2*n), intent(in) :: a
  if (a(1).gt.0) then
    print*, "a=", a
  endif
end subroutine

function get_arr_size_2(a, n) result (length)
  integer, intent(in) :: n
  integer, dimension(2:n), intent(out) :: a
  integer length
  length = size(a)
end function

subroutine get_inv_arr_size_2(a, n)
  integer :: n
  ! the value of n is computed in f2py wrapper
  !f2py intent(out) n
  integer, dimension(2:n), intent(in) :: a
  if (a(2).gt.0) then
    print*, "a=", a
  endif
end subroutine

function get_arr_size_3(a, n) result (length)
  integer, intent(in) :: n
  integer, dimension(n/2), intent(out) :: a
  integer length
  length = size(a)
end function

subroutine get_inv_arr_size_3(a, n)
  integer :: n
  ! the value of n is computed in f2py wrapper
  !f2py intent(out) n
  integer, dimension(n/2), intent(in) :: a
  if (a(1).gt.0) then
    print*, "a=", a
  endif
end subroutine

function get_arr_size_4(a, n) result (length)
  integer, intent(in) :: n
  integer, dimension(5 - n/2), intent(out) :: a
  integer length
  length = size(a)
end function

subroutine get_inv_arr_size_4(a, n)
  integer :: n
  ! the value of n is computed in f2py wrapper
  !f2py intent(out) n
  integer, dimension(5 - n/2), intent(in) :: a
  if (a(1).gt.0) then
    print*, "a=", a
  endif
end subroutine

function get_arr_size_5(a, n) result (length)
  integer, intent(in) :: n
  integer, dimension(3*n:20), intent(out) :: a
  integer length
  length = size(a)
end function

subroutine get_inv_arr_size_5(a, n)
  integer :: n
  ! the value of n is computed in f2py wrapper
  !f2py intent(out) n
  integer, dimension(3*n:20), intent(in) :: a
  if (a(3*n).gt.0) then
    print*, "a=", a
  endif
end subroutine

function get_arr_size_6(a, n) result (length)
  integer, intent(in) :: n
  integer, dimension(n*(n+1):n*(n+5)), intent(out) :: a
  integer length
  length = size(a)
end function

subroutine get_inv_arr_size_6(a, n)
  integer :: n
  ! the value of n is computed in f2py wrapper
  !f2py intent(out) n
  integer, dimension(n*(n+1):n*(n+5)), intent(in) :: a
  if (a(n*(n+1)).gt.0) then
    print*, "a=", a
  endif
end subroutine

function get_arr_size_7(a, n) result (length)
  integer, intent(in) :: n
  integer, dimension(2*n, n), intent(out) :: a
  integer length
  length = size(a)
end function

subroutine get_inv_arr_size_7(a, n)
  integer :: n
  ! the value of n is computed in f2py wrapper
  !f2py intent(out) n
  integer, dimension(2*n, n), intent(in) :: a
  if (a(1, 1).gt.0) then
    print*, "a=", a
  endif
end subroutine

function get_arr_size_8(a, n) result (length)
  integer, intent(in) :: n
  integer, dimension(2*n:3*n*n+2*n), intent(out) :: a
  integer length
  length = size(a)
end function

subroutine get_inv_arr_size_8(a, n)
  integer :: n
  ! the value of n is computed in f2py wrapper
  !f2py intent(out) n
  integer, dimension(2*n:3*n*n+2*n), intent(in) :: a
  if (a(2*n).gt.0) then
    print*, "a=", a
  endif
end subroutine
