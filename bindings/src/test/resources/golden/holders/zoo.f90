! gatun: -m holders --package golden.holders
! Allocatable and pointer components of a handle type, type(t) and class(t): borrowed handles of the object's
! dynamic type, allocated by Java or by Fortran; a nopass binding overridden in an extension.
module animals
    implicit none

    type :: animal
        integer :: legs = 4
    contains
        procedure :: sound => animal_sound
        procedure, nopass :: kind_code => animal_kind
    end type animal

    type, extends(animal) :: bird
        real(8) :: wingspan = 0.5d0
    contains
        procedure :: sound => bird_sound
        procedure, nopass :: kind_code => bird_kind
    end type bird

contains

    function animal_sound(a) result(s)
        class(animal), intent(in) :: a
        integer :: s
        s = a%legs
    end function animal_sound

    ! nopass bindings: no object, so each class has its own static method.
    function animal_kind() result(k)
        integer :: k
        k = 1
    end function animal_kind

    function bird_kind() result(k)
        integer :: k
        k = 2
    end function bird_kind

    function bird_sound(a) result(s)
        class(bird), intent(in) :: a
        integer :: s
        s = 100 + a%legs
    end function bird_sound
end module animals

module zoo
    use animals
    implicit none

    type :: cage
        type(animal), allocatable :: resident
        type(animal), pointer :: visitor => null()
        class(animal), allocatable :: guest
    end type cage

contains

    ! Fortran puts a bird in the guest slot and an animal in the resident slot.
    subroutine stock(c)
        type(cage), intent(inout) :: c
        if (allocated(c%guest)) deallocate(c%guest)
        allocate(bird :: c%guest)
        c%guest%legs = 2
        if (.not. allocated(c%resident)) allocate(c%resident)
        c%resident%legs = 3
    end subroutine stock

    ! What Fortran sees: the guest's sound (its dynamic type's binding), the resident's and the visitor's legs.
    function census(c) result(s)
        type(cage), intent(in) :: c
        integer :: s
        s = 0
        if (allocated(c%guest)) s = s + c%guest%sound()
        if (allocated(c%resident)) s = s + 1000 * c%resident%legs
        if (associated(c%visitor)) s = s + 10000 * c%visitor%legs
    end function census

    ! Points the visitor at the resident.
    subroutine visit(c)
        type(cage), intent(inout), target :: c
        c%visitor => c%resident
    end subroutine visit
end module zoo
