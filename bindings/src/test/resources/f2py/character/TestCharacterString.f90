

subroutine test_character_string_input_1(c, o, n)
  character*1, intent(in) :: c
  integer n
  !f2py integer, depend(c), intent(hide) :: n = slen(c)
  integer*1, dimension(n) :: o
  !f2py intent(out) o
  o = transfer(c, o)
end subroutine test_character_string_input_1

subroutine test_character_string_output_1(c, o, n)
  character*1, intent(out) :: c
  integer n
  integer*1, dimension(n), intent(in) :: o
  !f2py integer, depend(o), intent(hide) :: n = len(o)
  c = transfer(o, c)
end subroutine test_character_string_output_1

subroutine test_character_string_array_input_1(c, o, m, n)
  integer m, i, n
  character*1, intent(in), dimension(m) :: c
  !f2py integer, depend(c), intent(hide) :: m = len(c)
  !f2py integer, depend(c), intent(hide) :: n = f2py_itemsize(c)
  integer*1, dimension(m, n), intent(out) :: o
  do i=1,m
    o(i, :) = transfer(c(i), o(i, :))
  end do
end subroutine test_character_string_array_input_1

subroutine test_character_string_array_output_1(c, o, m, n)
  character*1, intent(out), dimension(m) :: c
  integer n
  integer*1, dimension(m, n), intent(in) :: o
  !f2py character(f2py_len=n) :: c
  !f2py integer, depend(o), intent(hide) :: m = len(o)
  !f2py integer, depend(o), intent(hide) :: n = shape(o, 1)
  do i=1,m
    c(i) = transfer(o(i, :), c(i))
  end do
end subroutine test_character_string_array_output_1

subroutine test_character_string_2d_array_input_1(c, o, m1, m2, n)
  integer m1, m2, i, j, n
  character*1, intent(in), dimension(m1, m2) :: c
  !f2py integer, depend(c), intent(hide) :: m1 = len(c)
  !f2py integer, depend(c), intent(hide) :: m2 = shape(c, 1)
  !f2py integer, depend(c), intent(hide) :: n = f2py_itemsize(c)
  integer*1, dimension(m1, m2, n), intent(out) :: o
  do i=1,m1
    do j=1,m2
      o(i, j, :) = transfer(c(i, j), o(i, j, :))
    end do
  end do
end subroutine test_character_string_2d_array_input_1


subroutine test_character_string_input_3(c, o, n)
  character*3, intent(in) :: c
  integer n
  !f2py integer, depend(c), intent(hide) :: n = slen(c)
  integer*1, dimension(n) :: o
  !f2py intent(out) o
  o = transfer(c, o)
end subroutine test_character_string_input_3

subroutine test_character_string_output_3(c, o, n)
  character*3, intent(out) :: c
  integer n
  integer*1, dimension(n), intent(in) :: o
  !f2py integer, depend(o), intent(hide) :: n = len(o)
  c = transfer(o, c)
end subroutine test_character_string_output_3

subroutine test_character_string_array_input_3(c, o, m, n)
  integer m, i, n
  character*3, intent(in), dimension(m) :: c
  !f2py integer, depend(c), intent(hide) :: m = len(c)
  !f2py integer, depend(c), intent(hide) :: n = f2py_itemsize(c)
  integer*1, dimension(m, n), intent(out) :: o
  do i=1,m
    o(i, :) = transfer(c(i), o(i, :))
  end do
end subroutine test_character_string_array_input_3

subroutine test_character_string_array_output_3(c, o, m, n)
  character*3, intent(out), dimension(m) :: c
  integer n
  integer*1, dimension(m, n), intent(in) :: o
  !f2py character(f2py_len=n) :: c
  !f2py integer, depend(o), intent(hide) :: m = len(o)
  !f2py integer, depend(o), intent(hide) :: n = shape(o, 1)
  do i=1,m
    c(i) = transfer(o(i, :), c(i))
  end do
end subroutine test_character_string_array_output_3

subroutine test_character_string_2d_array_input_3(c, o, m1, m2, n)
  integer m1, m2, i, j, n
  character*3, intent(in), dimension(m1, m2) :: c
  !f2py integer, depend(c), intent(hide) :: m1 = len(c)
  !f2py integer, depend(c), intent(hide) :: m2 = shape(c, 1)
  !f2py integer, depend(c), intent(hide) :: n = f2py_itemsize(c)
  integer*1, dimension(m1, m2, n), intent(out) :: o
  do i=1,m1
    do j=1,m2
      o(i, j, :) = transfer(c(i, j), o(i, j, :))
    end do
  end do
end subroutine test_character_string_2d_array_input_3


subroutine test_character_string_input_star(c, o, n)
  character*(*), intent(in) :: c
  integer n
  !f2py integer, depend(c), intent(hide) :: n = slen(c)
  integer*1, dimension(n) :: o
  !f2py intent(out) o
  o = transfer(c, o)
end subroutine test_character_string_input_star

subroutine test_character_string_output_star(c, o, n)
  character*(*), intent(out) :: c
  integer n
  integer*1, dimension(n), intent(in) :: o
  !f2py integer, depend(o), intent(hide) :: n = len(o)
  c = transfer(o, c)
end subroutine test_character_string_output_star

subroutine test_character_string_array_input_star(c, o, m, n)
  integer m, i, n
  character*(*), intent(in), dimension(m) :: c
  !f2py integer, depend(c), intent(hide) :: m = len(c)
  !f2py integer, depend(c), intent(hide) :: n = f2py_itemsize(c)
  integer*1, dimension(m, n), intent(out) :: o
  do i=1,m
    o(i, :) = transfer(c(i), o(i, :))
  end do
end subroutine test_character_string_array_input_star

subroutine test_character_string_array_output_star(c, o, m, n)
  character*(*), intent(out), dimension(m) :: c
  integer n
  integer*1, dimension(m, n), intent(in) :: o
  !f2py character(f2py_len=n) :: c
  !f2py integer, depend(o), intent(hide) :: m = len(o)
  !f2py integer, depend(o), intent(hide) :: n = shape(o, 1)
  do i=1,m
    c(i) = transfer(o(i, :), c(i))
  end do
end subroutine test_character_string_array_output_star

subroutine test_character_string_2d_array_input_star(c, o, m1, m2, n)
  integer m1, m2, i, j, n
  character*(*), intent(in), dimension(m1, m2) :: c
  !f2py integer, depend(c), intent(hide) :: m1 = len(c)
  !f2py integer, depend(c), intent(hide) :: m2 = shape(c, 1)
  !f2py integer, depend(c), intent(hide) :: n = f2py_itemsize(c)
  integer*1, dimension(m1, m2, n), intent(out) :: o
  do i=1,m1
    do j=1,m2
      o(i, j, :) = transfer(c(i, j), o(i, j, :))
    end do
  end do
end subroutine test_character_string_2d_array_input_star
