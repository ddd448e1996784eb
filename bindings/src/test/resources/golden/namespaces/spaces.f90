! gatun: -m spaces --package golden.namespaces
! Fortran modules are namespaces: 'twice' in two modules and as an external function gives three Java methods.
module alpha
    implicit none
contains
    function twice(x) result(y)
        real(8), intent(in) :: x
        real(8) :: y
        y = 2 * x
    end function twice

    function only_alpha(x) result(y)
        real(8), intent(in) :: x
        real(8) :: y
        y = x + 1
    end function only_alpha
end module alpha

module beta
    implicit none
contains
    function twice(x) result(y)
        real(8), intent(in) :: x
        real(8) :: y
        y = 20 * x
    end function twice
end module beta

function twice(x) result(y)
    implicit none
    real(8), intent(in) :: x
    real(8) :: y
    y = 200 * x
end function twice
