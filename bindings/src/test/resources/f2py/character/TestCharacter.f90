
subroutine test_character_input(c, o)
   character, intent(in) :: c
   integer*1 o
   !f2py intent(out) o
   o = transfer(c, o)
end subroutine test_character_input

subroutine test_character_output(c, o)
   character :: c
   integer*1, intent(in) :: o
   !f2py intent(out) c
   c = transfer(o, c)
end subroutine test_character_output

subroutine test_character_input_output(c, o)
   character, intent(in) :: c
   character o
   !f2py intent(out) o
   o = c
end subroutine test_character_input_output

subroutine test_character_inout(c, n)
   character :: c, n
   !f2py intent(in) n
   !f2py intent(inout) c
   c = n
end subroutine test_character_inout

function test_character_return(o) result (c)
   character :: c
   character, intent(in) :: o
   c = transfer(o, c)
end function test_character_return

subroutine test_character_array_input(c, o)
   character, intent(in) :: c(3)
   integer*1 o(3)
   !f2py intent(out) o
   integer i
   do i=1,3
     o(i) = transfer(c(i), o(i))
   end do
end subroutine test_character_array_input

subroutine test_character_2d_array_input(c, o)
   character, intent(in) :: c(2, 3)
   integer*1 o(2, 3)
   !f2py intent(out) o
   integer i, j
   do i=1,2
     do j=1,3
       o(i, j) = transfer(c(i, j), o(i, j))
     end do
   end do
end subroutine test_character_2d_array_input

subroutine test_character_array_output(c, o)
   character :: c(3)
   integer*1, intent(in) :: o(3)
   !f2py intent(out) c
   do i=1,3
     c(i) = transfer(o(i), c(i))
   end do
end subroutine test_character_array_output

subroutine test_character_array_inout(c, n)
   character :: c(3), n(3)
   !f2py intent(in) n(3)
   !f2py intent(inout) c(3)
   do i=1,3
     c(i) = n(i)
   end do
end subroutine test_character_array_inout

subroutine test_character_2d_array_inout(c, n)
   character :: c(2, 3), n(2, 3)
   !f2py intent(in) n(2, 3)
   !f2py intent(inout) c(2. 3)
   integer i, j
   do i=1,2
     do j=1,3
       c(i, j) = n(i, j)
     end do
   end do
end subroutine test_character_2d_array_inout

function test_character_array_return(o) result (c)
   character, dimension(3) :: c
   character, intent(in) :: o(3)
   do i=1,3
     c(i) = o(i)
   end do
end function test_character_array_return

function test_character_optional(o) result (c)
   character, intent(in) :: o
   !f2py character o = "a"
   character :: c
   c = o
end function test_character_optional
