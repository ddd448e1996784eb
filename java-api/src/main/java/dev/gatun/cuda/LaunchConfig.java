// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import java.util.Objects;

/**
 * How to launch a kernel: grid, block, dynamic shared memory and stream (CuPy's
 * {@code kernel(grid, block, args, shared_mem=..., stream=...)}).
 *
 * @param grid         blocks in the grid
 * @param block        threads in a block
 * @param sharedBytes  dynamic shared memory per block, in bytes
 * @param stream       the stream the launch is queued on
 */
public record LaunchConfig(Dim3 grid, Dim3 block, int sharedBytes, CudaStream stream) {

    /** Checks the arguments. */
    public LaunchConfig {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(stream, "stream");
        if (sharedBytes < 0) {
            throw new IllegalArgumentException("sharedBytes: expected >= 0, got " + sharedBytes);
        }
    }

    /**
     * A 1-D launch without dynamic shared memory.
     *
     * @param blocks  blocks in the grid
     * @param threads threads per block
     * @param stream  the stream
     * @return the configuration
     */
    public static LaunchConfig of(int blocks, int threads, CudaStream stream) {
        return new LaunchConfig(Dim3.of(blocks), Dim3.of(threads), 0, stream);
    }
}
