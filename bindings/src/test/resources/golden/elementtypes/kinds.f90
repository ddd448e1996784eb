! gatun: -m kinds --package golden.elementtypes
! Arrays of integer(1), integer(2) and complex(4): ByteArray, ShortArray and ComplexFloatArray.
module kinds
    use, intrinsic :: iso_fortran_env, only: int8, int16, real32
    implicit none
contains
    subroutine add8(a, n, k)
        integer, intent(in) :: n
        integer(int8), intent(inout) :: a(n)
        integer(int8), intent(in) :: k
        a = a + k
    end subroutine add8

    function total16(b) result(s)
        integer(int16), intent(in) :: b(:)
        integer :: s
        s = sum(int(b))
    end function total16

    subroutine scale4(z, f)
        complex(real32), intent(inout) :: z(:)
        real(real32), intent(in) :: f
        z = z * f
    end subroutine scale4
end module kinds
