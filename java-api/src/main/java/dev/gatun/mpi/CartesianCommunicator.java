// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * Ranks arranged in a grid ({@code MPI_Cart_create}), made by {@link Communicator#cartesian}: each rank knows
 * its coordinates and, through {@link #shift}, its neighbours, which is what a stencil's halo exchange needs.
 * {@snippet :
 * int[] dims = CartesianCommunicator.balancedDims(world.size(), 1);   // row blocks
 * try (CartesianCommunicator grid = world.cartesian(dims, new boolean[] {false}, false).orElseThrow()) {
 *     CartesianCommunicator.Shift rows = grid.shift(0, 1);            // up = source, down = dest
 *     grid.communicator().sendReceive(lastRow, rows.dest(), 0, haloAbove, rows.source(), 0);
 * }
 * }
 */
public final class CartesianCommunicator implements AutoCloseable {
    /**
     * The neighbours of a shift: a rank receives from {@code source} and sends to {@code dest}; either is
     * {@link Communicator#PROC_NULL} past a non-periodic edge.
     *
     * @param source the rank {@code disp} steps back along the dimension
     * @param dest   the rank {@code disp} steps forward
     */
    public record Shift(int source, int dest) {
    }

    private final Communicator communicator;
    private final int[] dims;
    private final boolean[] periodic;
    private final int[] coordinates;

    CartesianCommunicator(Communicator communicator, int[] dims, boolean[] periodic) {
        this.communicator = communicator;
        this.dims = dims.clone();
        this.periodic = periodic.clone();
        this.coordinates = coordinatesOf(communicator.rank());
    }

    /**
     * Chooses extents for a grid of {@code nodes} ranks in {@code ndims} dimensions, as close to each other as
     * possible ({@code MPI_Dims_create}).
     *
     * @param nodes the number of ranks, positive
     * @param ndims the number of dimensions, positive
     * @return the extents, in non-increasing order, with product {@code nodes}
     * @throws IllegalStateException before {@link Mpi#init}
     */
    public static int[] balancedDims(int nodes, int ndims) {
        if (nodes <= 0) {
            throw new IllegalArgumentException("parameter 'nodes': expected > 0, got " + nodes);
        }
        if (ndims <= 0) {
            throw new IllegalArgumentException("parameter 'ndims': expected > 0, got " + ndims);
        }
        Mpi.checkCall("balancedDims");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment d = arena.allocate(ValueLayout.JAVA_INT, ndims);
            Shim.dimsCreate(nodes, d, "balancedDims(" + nodes + ", " + ndims + ")");
            return d.toArray(ValueLayout.JAVA_INT);
        }
    }

    /** {@return the grid's communicator, for sends, receives and collectives} */
    public Communicator communicator() {
        return communicator;
    }

    /** {@return this rank in the grid} */
    public int rank() {
        return communicator.rank();
    }

    /** {@return the extent of each dimension} */
    public int[] dims() {
        return dims.clone();
    }

    /** {@return whether each dimension wraps around} */
    public boolean[] periodic() {
        return periodic.clone();
    }

    /** {@return this rank's coordinates} */
    public int[] coordinates() {
        return coordinates.clone();
    }

    /**
     * {@return the coordinates of {@code rank} ({@code MPI_Cart_coords})}
     *
     * @param rank a rank of this grid
     */
    public int[] coordinatesOf(int rank) {
        if (rank < 0 || rank >= communicator.size()) {
            throw new IllegalArgumentException("parameter 'rank': expected a rank in [0, " + communicator.size() + "), got " + rank);
        }
        communicator.beginOperation("coordinatesOf");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment c = arena.allocate(ValueLayout.JAVA_INT, dims.length);
            Shim.cartCoords(communicator.handle(), rank, c, communicator.describe());
            return c.toArray(ValueLayout.JAVA_INT);
        }
    }

    /**
     * {@return the rank at {@code coordinates} ({@code MPI_Cart_rank}); periodic dimensions wrap}
     *
     * @param coordinates one per dimension; outside a non-periodic dimension's extent is refused
     */
    public int rankOf(int... coordinates) {
        Objects.requireNonNull(coordinates, "coordinates");
        if (coordinates.length != dims.length) {
            throw new IllegalArgumentException("parameter 'coordinates': expected " + dims.length + " values, got "
                    + coordinates.length);
        }
        for (int i = 0; i < dims.length; i++) {
            if (!periodic[i] && (coordinates[i] < 0 || coordinates[i] >= dims[i])) {
                throw new IllegalArgumentException("parameter 'coordinates': index " + i + " is " + coordinates[i]
                        + ", outside the non-periodic extent [0, " + dims[i] + ")");
            }
        }
        communicator.beginOperation("rankOf");
        try (Arena arena = Arena.ofConfined()) {
            return Shim.cartRank(communicator.handle(), arena.allocateFrom(ValueLayout.JAVA_INT, coordinates),
                    communicator.describe());
        }
    }

    /**
     * {@return the ranks {@code disp} steps back and forward along {@code dimension} ({@code MPI_Cart_shift})}
     *
     * @param dimension the dimension, {@code 0 <= dimension < dims().length}
     * @param disp      the number of steps (negative reverses source and dest)
     */
    public Shift shift(int dimension, int disp) {
        if (dimension < 0 || dimension >= dims.length) {
            throw new IllegalArgumentException("parameter 'dimension': expected a dimension in [0, " + dims.length + "), got "
                    + dimension);
        }
        communicator.beginOperation("shift");
        int[] sd = Shim.cartShift(communicator.handle(), dimension, disp, communicator.describe());
        return new Shift(sd[0], sd[1]);
    }

    /** Frees the grid's communicator ({@code MPI_Comm_free}); collective. */
    @Override
    public void close() {
        communicator.close();
    }

    /** {@return for example {@code CartesianCommunicator[dims [2, 2], periodic [true, false], rank 3 at [1, 1]]}} */
    @Override
    public String toString() {
        return "CartesianCommunicator[dims " + Arrays.toString(dims) + ", periodic " + Arrays.toString(periodic) + ", rank "
                + rank() + " at " + Arrays.toString(coordinates) + "]";
    }
}
