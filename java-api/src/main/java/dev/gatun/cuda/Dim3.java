// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

/**
 * Grid or block extents of a kernel launch, CUDA's {@code dim3}.
 *
 * @param x extent in x, {@code >= 1}
 * @param y extent in y, {@code >= 1}
 * @param z extent in z, {@code >= 1}
 */
public record Dim3(int x, int y, int z) {

    /** Checks that every extent is at least 1. */
    public Dim3 {
        if (x < 1 || y < 1 || z < 1) {
            throw new IllegalArgumentException("dim3 extents must be >= 1, got (" + x + ", " + y + ", " + z + ")");
        }
    }

    /**
     * A one-dimensional extent.
     *
     * @param x the extent
     * @return {@code (x, 1, 1)}
     */
    public static Dim3 of(int x) {
        return new Dim3(x, 1, 1);
    }

    /**
     * The number of blocks of {@code blockSize} threads that cover {@code n} items, as a 1-D grid.
     *
     * @param n         items, {@code >= 0}
     * @param blockSize threads per block
     * @return {@code (ceil(n / blockSize), 1, 1)}, at least 1
     */
    public static Dim3 covering(long n, int blockSize) {
        long blocks = Math.max(1, (n + blockSize - 1) / blockSize);
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("n = " + n + " needs " + blocks + " blocks of " + blockSize
                    + ", more than a grid holds; use a grid-stride loop");
        }
        return of((int) blocks);
    }
}
