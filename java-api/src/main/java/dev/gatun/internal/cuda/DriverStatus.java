// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.cuda;

import dev.gatun.cuda.CudaException;
import dev.gatun.cuda.CudaOutOfMemoryException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Turns driver status codes ({@code CUresult}) into {@link CudaException}s carrying the driver's own
 * {@code cuGetErrorName} and {@code cuGetErrorString}.
 */
public final class DriverStatus {

    /** {@code CUDA_SUCCESS}. */
    public static final int SUCCESS = 0;
    /** {@code CUDA_ERROR_OUT_OF_MEMORY}: the caller can free memory and go on. */
    public static final int OUT_OF_MEMORY = 2;
    /** {@code CUDA_ERROR_NOT_READY}: an asynchronous operation has not completed yet (not an error). */
    public static final int NOT_READY = 600;

    private DriverStatus() {
    }

    /**
     * Throws unless {@code status} is {@code CUDA_SUCCESS}.
     *
     * @param status the driver's return value
     * @param call   the driver function and what it was asked, for the message
     * @throws CudaException naming the call and the driver's error name and description
     */
    public static void check(int status, String call) {
        if (status != SUCCESS) {
            throw failure(status, call);
        }
    }

    /**
     * The exception for a failed driver call; {@link CudaOutOfMemoryException} for out of memory.
     *
     * @param status the driver's non-zero return value
     * @param call   the driver function and what it was asked
     * @return the exception to throw
     */
    public static CudaException failure(int status, String call) {
        String name = text(status, true);
        String description = text(status, false);
        return status == OUT_OF_MEMORY
                ? new CudaOutOfMemoryException(status, name, description, call)
                : new CudaException(status, name, description, call);
    }

    /** The driver's name or description of a status, or a placeholder when the driver does not know it. */
    private static String text(int status, boolean name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            int rc = name ? CudaDriver.Raw.cuGetErrorName(status, out) : CudaDriver.Raw.cuGetErrorString(status, out);
            MemorySegment text = out.get(ValueLayout.ADDRESS, 0);
            if (rc != SUCCESS || text.equals(MemorySegment.NULL)) {
                return name ? "CUresult " + status : "unknown status";
            }
            return text.reinterpret(4096).getString(0);
        }
    }
}
