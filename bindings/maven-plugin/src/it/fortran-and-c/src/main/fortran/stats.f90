! SPDX-License-Identifier: Apache-2.0
! A Fortran module as a user writes it: assumed-shape arrays, no bind(C). It calls a C function
! linked into the same library, declared through an interface block.
module stats
  use, intrinsic :: iso_c_binding, only: c_double
  implicit none

  interface
    function scale_factor() bind(C, name="scale_factor") result(f)
      import :: c_double
      real(c_double) :: f
    end function scale_factor
  end interface

contains

  ! The mean of x times the C side's scale factor.
  function scaled_mean(x) result(m)
    real(c_double), intent(in) :: x(:)
    real(c_double) :: m
    m = scale_factor() * sum(x) / size(x)
  end function scaled_mean

  ! Left out of the bindings by the plugin's <excludes>.
  subroutine reset(x)
    real(c_double), intent(out) :: x(:)
    x = 0
  end subroutine reset

end module stats
