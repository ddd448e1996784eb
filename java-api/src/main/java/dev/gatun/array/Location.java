// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

/**
 * Where an array's elements live: in host memory that Java can read, or in the memory of an
 * accelerator (a CUDA device), which only device code can read.
 */
public enum Location {
    /** Host (CPU) memory: every {@link NdArray}. */
    HOST,
    /** Accelerator memory: device arrays of {@code dev.gatun.cuda}, which have no host segment. */
    DEVICE
}
