// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

/**
 * The device ran out of memory ({@code CUDA_ERROR_OUT_OF_MEMORY}). Nothing was allocated and the
 * context stays usable: free arrays (or {@link DeviceMemoryPool#releaseCached()}) and try again.
 */
public final class CudaOutOfMemoryException extends CudaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status      the {@code CUresult} value (2)
     * @param statusName  {@code CUDA_ERROR_OUT_OF_MEMORY}
     * @param description the driver's description
     * @param call        the allocation that failed
     */
    public CudaOutOfMemoryException(int status, String statusName, String description, String call) {
        super(status, statusName, description, call);
    }
}
