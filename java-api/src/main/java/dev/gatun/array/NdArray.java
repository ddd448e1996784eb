// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * A typed N-dimensional array in host memory, passed to native code with zero copies.
 *
 * <p>There is one final class per element type. Arrays are allocated in an {@link
 * java.lang.foreign.Arena} the caller chooses (confined, shared) or in an automatic one that the
 * garbage collector frees; views ({@code slice}, {@code transpose}, {@code reshape}) share the
 * memory and keep it alive.
 */
public sealed interface NdArray extends StridedArray
        permits DoubleArray, FloatArray, IntArray, LongArray, ShortArray, ByteArray, ComplexDoubleArray, ComplexFloatArray {

    /**
     * Returns the memory of this array, starting at element {@code [0, ..., 0]} and ending after
     * the last element this array can reach. No copy: native code writes through it.
     *
     * @return the segment of this array or view
     */
    MemorySegment segment();

    /**
     * {@return whether the memory is a Java array} Heap memory moves during garbage collection, so
     * only critical downcalls ({@code Linker.Option.critical(true)}) may receive it.
     */
    boolean isHeap();

    /**
     * {@return whether writes are refused} Arrays mapped read-only from a {@code .npy} file are.
     */
    boolean isReadOnly();

    /**
     * {@return the byte order of the elements in memory} Native order, except for arrays mapped
     * from a big-endian {@code .npy} file; {@code get} and {@code set} convert, native code does not.
     */
    ByteOrder byteOrder();

    /** {@return {@link Location#HOST}: a host array is always in host memory} */
    @Override
    default Location location() {
        return Location.HOST;
    }
}
