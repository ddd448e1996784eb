// SPDX-License-Identifier: Apache-2.0
/**
 * Typed N-dimensional arrays in off-heap memory, passed to Fortran, C, OpenMP and CUDA kernels
 * with zero copies.
 *
 * <p>{@link dev.gatun.array.DoubleArray}, {@link dev.gatun.array.FloatArray},
 * {@link dev.gatun.array.LongArray}, {@link dev.gatun.array.IntArray}, {@link dev.gatun.array.ShortArray},
 * {@link dev.gatun.array.ByteArray}, {@link dev.gatun.array.ComplexDoubleArray} and
 * {@link dev.gatun.array.ComplexFloatArray}, one per row of {@link dev.gatun.array.ElementType} (and all
 * expanded from one template per kind, so they behave alike), hold elements in a {@link java.lang.foreign.MemorySegment}
 * with a shape, element strides and C or Fortran {@link dev.gatun.array.Order}. Memory comes from an
 * {@link java.lang.foreign.Arena} the caller chooses or from an automatic one; views (slices with a
 * step, transposes, reshapes) never copy. {@link dev.gatun.array.Npy} maps NumPy {@code .npy} files
 * straight into arrays; {@link dev.gatun.array.Npz} reads and writes {@code .npz} archives. Generated bindings check every array argument against an
 * {@link dev.gatun.array.ArrayRequirement} before calling native code. Fortran {@code logical(k)} arrays
 * are the integer arrays of the same size ({@code logical(4)}: {@code IntArray}, {@code .false.} is 0).
 */
package dev.gatun.array;
