! gatun: -m text --package golden.character
! character(*) arguments and a fixed-length character result.
module text
    implicit none
contains
    function count_char(s, c) result(n)
        character(len=*), intent(in) :: s
        character(len=1), intent(in) :: c
        integer :: n
        integer :: i
        n = 0
        do i = 1, len(s)
            if (s(i:i) == c) n = n + 1
        end do
    end function count_char

    function greeting(n) result(g)
        integer, intent(in) :: n
        character(len=16) :: g
        write (g, '(a,i0)') 'hello number ', n
    end function greeting
end module text
