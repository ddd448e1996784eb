! gatun: -m particles --package golden.handles
! Derived types that are not bind(C) are Java handles: objects allocated in Fortran and owned by an arena,
! components read and written through shims, arrays as zero-copy views, type-bound procedures as methods.
module vectors
    use, intrinsic :: iso_c_binding, only: c_double
    implicit none
    type, bind(c) :: vec2
        real(c_double) :: x, y
    end type vec2
end module vectors

module particles
    use vectors
    implicit none

    type :: particle
        real(8) :: x(3) = 0
        integer :: id = -1
        logical :: alive = .true.
        character(len=8) :: label = 'none'
        complex(8) :: phase = (0, 1)
        real(8), allocatable :: hist(:)
        real(8), pointer :: trail(:, :) => null()
        type(vec2) :: v
        real(4) :: grid(2, 2) = 0
    contains
        procedure :: norm => particle_norm
        procedure :: push
        procedure, nopass :: count_alive
    end type particle

    type :: cloud
        type(particle) :: lead
        integer :: n = 0
        real(8), allocatable :: w(:)
    end type cloud

    real(8), target, save :: shared_trail(2, 3)
    data shared_trail / 1d0, 2d0, 3d0, 4d0, 5d0, 6d0 /

contains

    function particle_norm(p) result(r)
        class(particle), intent(in) :: p
        real(8) :: r
        r = sqrt(sum(p%x**2))
    end function particle_norm

    ! Moves p by dt * v, appends the old x(1) to its history and counts the steps in id.
    subroutine push(p, dt)
        class(particle), intent(inout) :: p
        real(8), intent(in) :: dt
        real(8), allocatable :: longer(:)
        p%x(1) = p%x(1) + dt * p%v%x
        p%x(2) = p%x(2) + dt * p%v%y
        if (allocated(p%hist)) then
            allocate(longer(size(p%hist) + 1))
            longer(1:size(p%hist)) = p%hist
            longer(size(longer)) = p%x(1)
            call move_alloc(longer, p%hist)
        else
            p%hist = [p%x(1)]
        end if
        p%id = p%id + 1
        p%label = 'pushed'
    end subroutine push

    function count_alive(a, b) result(n)
        type(particle), intent(in) :: a, b
        integer :: n
        n = merge(1, 0, a%alive) + merge(1, 0, b%alive)
    end function count_alive

    ! Points the trail at a module array (Fortran owns that memory), or at a strided section of it.
    subroutine attach_trail(p, strided)
        type(particle), intent(inout) :: p
        logical, intent(in) :: strided
        if (strided) then
            p%trail => shared_trail(:, 1:3:2)
        else
            p%trail => shared_trail
        end if
    end subroutine attach_trail

    function grid_sum(p) result(s)
        type(particle), intent(in) :: p
        real(4) :: s
        s = sum(p%grid)
    end function grid_sum

    function hist_total(p) result(s)
        type(particle), intent(in) :: p
        real(8) :: s
        s = -1
        if (allocated(p%hist)) s = sum(p%hist)
    end function hist_total

    subroutine grow(c, k)
        type(cloud), intent(inout) :: c
        integer, intent(in) :: k
        integer :: i
        c%n = c%n + k
        if (allocated(c%w)) deallocate(c%w)
        allocate(c%w(c%n))
        c%w = [(real(i, 8), i = 1, c%n)]
        c%lead%id = c%n
    end subroutine grow

    ! A function result: the shim allocates an object for it, which Java owns.
    function spawn(id) result(p)
        integer, intent(in) :: id
        type(particle) :: p
        p%id = id
        p%label = 'spawned'
        allocate(p%hist(2))
        p%hist(1) = 1
        p%hist(2) = 2
    end function spawn

    ! An array of objects: n is inferred from the Java array's length.
    subroutine number_all(n, ps)
        integer, intent(in) :: n
        type(particle), intent(inout) :: ps(n)
        integer :: i
        do i = 1, n
            ps(i)%id = 100 + i
        end do
    end subroutine number_all

    ! An assumed-shape array of objects, through the shim.
    function total_x(ps) result(s)
        type(particle), intent(in) :: ps(:)
        real(8) :: s
        integer :: i
        s = 0
        do i = 1, size(ps)
            s = s + sum(ps(i)%x)
        end do
    end function total_x

    ! An optional handle: null from Java is an absent argument.
    function ids(a, b) result(s)
        type(particle), intent(in) :: a
        type(particle), intent(in), optional :: b
        integer :: s
        s = a%id
        if (present(b)) s = s + b%id
    end function ids
end module particles
