! gatun: -m cplx --package golden.complex
! Complex scalars, arrays and function results.
module cplx
    implicit none
contains
    function cmul(a, b) result(c)
        complex(8), intent(in) :: a, b
        complex(8) :: c
        c = a * b
    end function cmul

    subroutine rotate(z, n, angle)
        integer, intent(in) :: n
        complex(8), intent(inout) :: z(n)
        real(8), intent(in) :: angle
        z = z * cmplx(cos(angle), sin(angle), kind=8)
    end subroutine rotate

    subroutine conjugate(a, b)
        complex(8), intent(in) :: a
        complex(8), intent(out) :: b
        b = conjg(a)
    end subroutine conjugate
end module cplx
