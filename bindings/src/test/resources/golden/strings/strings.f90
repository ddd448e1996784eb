! gatun: -m strings --package golden.strings
! Fortran strings of every intent: fixed and assumed length, results, optional, arrays of strings.
module strings
    implicit none
contains
    ! The bytes the routine sees, as their character codes (blank padding included).
    subroutine codes5(s, c)
        character(len=5), intent(in) :: s
        integer, intent(out) :: c(5)
        integer :: i
        do i = 1, 5
            c(i) = iachar(s(i:i))
        end do
    end subroutine codes5

    ! len=* gets the Java string's own length (in UTF-8 bytes).
    function length_of(s) result(n)
        character(len=*), intent(in) :: s
        integer :: n
        n = len(s)
    end function length_of

    ! Counts one byte in a string of any length: the 1 MiB regression (no copy on the stack).
    function count_of(s, c) result(n)
        character(len=*), intent(in) :: s
        character, intent(in) :: c
        integer(8) :: n
        integer(8) :: i
        n = 0
        do i = 1, len(s, kind=8)
            if (s(i:i) == c) n = n + 1
        end do
    end function count_of

    subroutine upper(s, u)
        character(len=*), intent(in) :: s
        character(len=8), intent(out) :: u
        integer :: i, j
        u = s
        do i = 1, len(u)
            j = iachar(u(i:i))
            if (j >= iachar('a') .and. j <= iachar('z')) u(i:i) = achar(j - 32)
        end do
    end subroutine upper

    ! intent(inout) of both kinds: the new value comes back as the result.
    subroutine stamp(fixed, any)
        character(len=4), intent(inout) :: fixed
        character(len=*), intent(inout) :: any
        fixed(1:1) = 'F'
        any(len(any):len(any)) = 'A'
    end subroutine stamp

    function repeat3(s) result(r)
        character(len=2), intent(in) :: s
        character(len=6) :: r
        r = s // s // s
    end function repeat3

    ! An optional string: absent when Java passes null.
    function greet(name) result(g)
        character(len=*), intent(in), optional :: name
        character(len=12) :: g
        if (present(name)) then
            g = 'hi ' // name
        else
            g = 'hi nobody'
        end if
    end function greet

    ! Arrays of strings: in (joined), and inout (each reversed in place).
    function joined(words, n) result(total)
        integer, intent(in) :: n
        character(len=3), intent(in) :: words(n)
        integer :: total, i
        total = 0
        do i = 1, n
            total = total + len_trim(words(i))
        end do
    end function joined

    subroutine reverse_each(words)
        character(len=*), intent(inout) :: words(:)
        integer :: i, k, m
        character(len=len(words)) :: w
        do i = 1, size(words)
            m = len_trim(words(i))
            w = ' '
            do k = 1, m
                w(k:k) = words(i)(m - k + 1:m - k + 1)
            end do
            words(i) = w
        end do
    end subroutine reverse_each
end module strings
