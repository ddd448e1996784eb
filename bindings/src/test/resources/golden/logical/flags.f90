! gatun: -m flags --package golden.logical
! Logical arguments in and out, and a logical function result.
module flags
    implicit none
contains
    logical function all_positive(x, n)
        integer, intent(in) :: n
        real(8), intent(in) :: x(n)
        all_positive = all(x > 0)
    end function all_positive

    subroutine negate(flag, negated)
        logical, intent(in) :: flag
        logical, intent(out) :: negated
        negated = .not. flag
    end subroutine negate

    subroutine toggle(flag)
        logical, intent(inout) :: flag
        flag = .not. flag
    end subroutine toggle
end module flags
