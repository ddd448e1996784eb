! intent(aux) in f2py lines of a Fortran source (AuxVariablesCallTest).
module bins
  implicit none
  integer :: nitems = 3
contains
  ! A module variable sizes an array: f2py users declare it intent(aux) so that f2py accepts it.
  subroutine total(config, s)
    integer, intent(in) :: config(nitems)
    integer, intent(out) :: s
    !f2py integer, intent(aux) :: nitems
    s = sum(config)
  end subroutine total

  ! An aux variable with a value, used by a check.
  subroutine band(kx, nx, c, s)
    integer, intent(in) :: kx, nx
    real(8), intent(in) :: c(*)
    real(8), intent(out) :: s
    !f2py integer, intent(aux) :: u = nx - kx - 1
    !f2py check(size(c) >= u*u) :: c
    s = sum(c(1:(nx-kx-1)**2))
  end subroutine band

  ! intent(aux) on a dummy argument: f2py would not pass it.
  subroutine wrong(n, s)
    integer :: n
    integer, intent(out) :: s
    !f2py intent(aux) n
    s = n
  end subroutine wrong
end module bins
