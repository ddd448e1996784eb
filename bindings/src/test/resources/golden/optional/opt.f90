! gatun: -m opt --package golden.optional
! Optional scalars and arrays: null in Java means absent in Fortran.
module opt
    implicit none
contains
    function axpy_sum(x, n, alpha, w) result(s)
        integer, intent(in) :: n
        real(8), intent(in) :: x(n)
        real(8), intent(in), optional :: alpha
        real(8), intent(in), optional :: w(n)
        real(8) :: s, a
        a = 1
        if (present(alpha)) a = alpha
        if (present(w)) then
            s = a * sum(x * w)
        else
            s = a * sum(x)
        end if
    end function axpy_sum

    subroutine clamp(v, n, lo, hi)
        integer, intent(in) :: n
        real(8), intent(inout) :: v(n)
        real(8), intent(in), optional :: lo, hi
        if (present(lo)) v = max(v, lo)
        if (present(hi)) v = min(v, hi)
    end subroutine clamp

    ! An optional assumed-shape array: absent when Java passes null.
    function grid_total(g) result(s)
        real(8), intent(in), optional :: g(:, :)
        real(8) :: s
        if (present(g)) then
            s = sum(g)
        else
            s = -1
        end if
    end function grid_total
end module opt
