// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

/**
 * A CUDA driver call failed. Carries the status code with the driver's own name and description
 * ({@code cuGetErrorName}, {@code cuGetErrorString}) and the call that failed.
 */
public class CudaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String statusName;
    private final String description;
    private final String call;

    /**
     * Creates the exception.
     *
     * @param status      the {@code CUresult} value
     * @param statusName  its name, for example {@code CUDA_ERROR_OUT_OF_MEMORY}
     * @param description the driver's description, for example {@code out of memory}
     * @param call        the driver function and its arguments, for example {@code cuMemAlloc_v2(8589934592 bytes)}
     */
    public CudaException(int status, String statusName, String description, String call) {
        super(call + " failed: " + statusName + " (" + status + "): " + description);
        this.status = status;
        this.statusName = statusName;
        this.description = description;
        this.call = call;
    }

    /** {@return the driver's status code ({@code CUresult})} */
    public int status() {
        return status;
    }

    /** {@return the driver's name of the status, for example {@code CUDA_ERROR_INVALID_VALUE}} */
    public String statusName() {
        return statusName;
    }

    /** {@return the driver's description of the status} */
    public String description() {
        return description;
    }

    /** {@return the call that failed, with what it was asked} */
    public String call() {
        return call;
    }
}
