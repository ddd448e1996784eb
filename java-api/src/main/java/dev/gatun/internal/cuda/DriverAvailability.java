// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.cuda;

import dev.gatun.load.NativeLibrary;
import java.util.Optional;

/**
 * Whether the CUDA driver can be used in this process, decided once: {@code libcuda.so.1} loads,
 * {@code cuInit(0)} succeeds and at least one device is visible. Nothing touches the generated
 * {@link CudaDriver} before this says yes, because its class initializer requires the library.
 */
public final class DriverAvailability {

    private static final String REASON = probe();

    private DriverAvailability() {
    }

    /** {@return why CUDA cannot be used, or empty when it can} */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(REASON);
    }

    /**
     * Throws unless the driver is usable.
     *
     * @throws IllegalStateException saying why CUDA is unavailable and what to install
     */
    public static void require() {
        if (REASON != null) {
            throw new IllegalStateException("CUDA is not available: " + REASON);
        }
    }

    private static String probe() {
        if (NativeLibrary.loadSystem("libcuda.so.1").isEmpty()) {
            return "libcuda.so.1 (the NVIDIA driver) cannot be loaded; this machine has no NVIDIA driver,"
                    + " or add its directory to LD_LIBRARY_PATH";
        }
        int status = CudaDriver.Raw.cuInit(0);
        if (status != DriverStatus.SUCCESS) {
            return DriverStatus.failure(status, "cuInit(0)").getMessage();
        }
        var count = CudaDriver.cuDeviceGetCount();
        if (count.result() != DriverStatus.SUCCESS) {
            return DriverStatus.failure(count.result(), "cuDeviceGetCount").getMessage();
        }
        return count.count() == 0 ? "the driver loaded but sees no CUDA device" : null;
    }
}
