! SPDX-License-Identifier: Apache-2.0
! The upcall benchmark's Fortran side: Gatun binds Fortran callbacks (C function pointers are not
! bound yet), so the generated binding of apply_many is the Gatun row of the upcall table.
module upcalls
  implicit none
contains
  ! Calls f(i) for i = 0..n-1 and returns the sum: one upcall into Java per element.
  function apply_many(f, n) result(total)
    interface
      function f(i) result(r)
        integer, intent(in) :: i
        integer :: r
      end function f
    end interface
    integer, intent(in) :: n
    integer :: total, i
    total = 0
    do i = 0, n - 1
      total = total + f(i)
    end do
  end function apply_many
end module upcalls
