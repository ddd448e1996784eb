// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

/**
 * NVRTC could not compile CUDA C++ source. The message holds NVRTC's status and the compiler log
 * (file, line and error text), which {@link #log()} also returns.
 */
public final class CudaCompilationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String log;

    /**
     * Creates the exception.
     *
     * @param message what failed, with NVRTC's status name
     * @param log     the compiler log
     */
    public CudaCompilationException(String message, String log) {
        super(message + (log.isBlank() ? "" : "\n" + log.strip()));
        this.log = log;
    }

    /** {@return the compiler log, as NVRTC wrote it} */
    public String log() {
        return log;
    }
}
