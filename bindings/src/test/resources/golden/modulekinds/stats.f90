! gatun: -m stats --package golden.modulekinds
! Module procedures whose kinds come from named constants and iso_fortran_env.
module stats
    use, intrinsic :: iso_fortran_env, only: real32, real64, int64
    implicit none
    integer, parameter :: wp = real64
contains
    !> Mean of the first n values.
    function mean(x, n) result(m)
        integer(int64), intent(in) :: n
        real(wp), intent(in) :: x(n)
        real(wp) :: m
        m = sum(x) / real(n, wp)
    end function mean

    !> Scales single-precision values in place and counts the non-zero ones.
    subroutine scale(v, n, factor, nonzero)
        integer, intent(in) :: n
        real(real32), intent(inout) :: v(n)
        real(real32), intent(in) :: factor
        integer(int64), intent(out) :: nonzero
        v = v * factor
        nonzero = count(v /= 0.0_real32)
    end subroutine scale
end module stats
