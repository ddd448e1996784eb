! The benchmark's native side: a bind(C) no-op with two scalars passed by reference (Fortran's
! default), so the friendly binding writes both into its per-thread scratch on every call.
subroutine by_ref_noop(n, x) bind(C, name="by_ref_noop")
    use, intrinsic :: iso_c_binding, only: c_int, c_double
    implicit none
    integer(c_int), intent(in) :: n
    real(c_double), intent(in) :: x
end subroutine by_ref_noop
