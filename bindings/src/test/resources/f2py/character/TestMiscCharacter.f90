
subroutine test_misc_character_gh18684(x, y, m)
  character(len=5), dimension(m), intent(in) :: x
  character*5, dimension(m), intent(out) :: y
  integer i, m
  !f2py integer, intent(hide), depend(x) :: m = f2py_len(x)
  do i=1,m
    y(i) = x(i)
  end do
end subroutine test_misc_character_gh18684

subroutine test_misc_character_gh6308(x, i)
  integer i
  !f2py check(i>=0 && i<12) i
  character*5 name, x
  common name(12)
  name(i + 1) = x
end subroutine test_misc_character_gh6308

subroutine test_misc_character_gh4519(x)
  character(len=*), intent(in) :: x(:)
  !f2py intent(out) x
  integer :: i
  do i=1, size(x)
    print*, "x(",i,")=", x(i)
  end do
end subroutine test_misc_character_gh4519

pure function test_misc_character_gh3425(x) result (y)
  character(len=*), intent(in) :: x
  character(len=len(x)) :: y
  integer :: i
  do i = 1, len(x)
    j = iachar(x(i:i))
    if (j>=iachar("a") .and. j<=iachar("z") ) then
      y(i:i) = achar(j-32)
    else
      y(i:i) = x(i:i)
    endif
  end do
end function test_misc_character_gh3425

subroutine test_misc_character_character_bc_new(x, y, z)
  character, intent(in) :: x
  character, intent(out) :: y
  !f2py character, depend(x) :: y = x
  !f2py character, dimension((x=='a'?1:2)), depend(x), intent(out) :: z
  character, dimension(*) :: z
  !f2py character, optional, check(x == 'a' || x == 'b') :: x = 'a'
  !f2py callstatement (*f2py_func)(&x, &y, z)
  !f2py callprotoargument character*, character*, character*
  if (y.eq.x) then
    y = x
  else
    y = 'e'
  endif
  z(1) = 'c'
end subroutine test_misc_character_character_bc_new

subroutine test_misc_character_character_bc_old(x, y, z)
  character, intent(in) :: x
  character, intent(out) :: y
  !f2py character, depend(x) :: y = x[0]
  !f2py character, dimension((*x=='a'?1:2)), depend(x), intent(out) :: z
  character, dimension(*) :: z
  !f2py character, optional, check(*x == 'a' || x[0] == 'b') :: x = 'a'
  !f2py callstatement (*f2py_func)(x, y, z)
  !f2py callprotoargument char*, char*, char*
   if (y.eq.x) then
    y = x
  else
    y = 'e'
  endif
  z(1) = 'c'
end subroutine test_misc_character_character_bc_old
