// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverAvailability;
import dev.gatun.internal.cuda.DriverStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entry point to CUDA: whether a driver and a device are present, the driver version and the
 * devices.
 *
 * <p>Gatun talks to the driver API ({@code libcuda.so.1}) through FFM; no CUDA runtime library and no
 * JNI are involved. Each device's primary context (the one the CUDA runtime, cuBLAS and JCuda use too)
 * is made current in every Java thread that uses the device, so any thread can use any device.
 * {@snippet :
 * if (Cuda.isAvailable()) {
 *     CudaDevice gpu = Cuda.device(0);
 *     System.out.println(gpu.describe());
 * }
 * }
 */
public final class Cuda {

    private static volatile List<CudaDevice> devices;

    private Cuda() {
    }

    /** {@return whether a CUDA driver is installed and sees at least one device} */
    public static boolean isAvailable() {
        return DriverAvailability.unavailableReason().isEmpty();
    }

    /** {@return why CUDA cannot be used, or empty when it can} Made for test skips and error messages. */
    public static Optional<String> unavailableReason() {
        return DriverAvailability.unavailableReason();
    }

    /**
     * Returns the driver's CUDA version.
     *
     * @return for example {@code 13000} for CUDA 13.0
     * @throws IllegalStateException when CUDA is not available
     */
    public static int driverVersion() {
        DriverAvailability.require();
        var v = CudaDriver.cuDriverGetVersion();
        DriverStatus.check(v.result(), "cuDriverGetVersion");
        return v.driverVersion();
    }

    /**
     * {@return the number of visible devices}
     *
     * @throws IllegalStateException when CUDA is not available
     */
    public static int deviceCount() {
        return devices().size();
    }

    /**
     * Returns a device by ordinal.
     *
     * @param ordinal {@code 0 <= ordinal < deviceCount()}
     * @return the device
     * @throws IllegalArgumentException when there is no such device
     * @throws IllegalStateException    when CUDA is not available
     */
    public static CudaDevice device(int ordinal) {
        List<CudaDevice> all = devices();
        if (ordinal < 0 || ordinal >= all.size()) {
            throw new IllegalArgumentException("ordinal: expected 0 <= ordinal < " + all.size()
                    + " (the visible devices), got " + ordinal + "; CUDA_VISIBLE_DEVICES selects which are visible");
        }
        return all.get(ordinal);
    }

    /**
     * {@return every visible device, in ordinal order}
     *
     * @throws IllegalStateException when CUDA is not available
     */
    public static List<CudaDevice> devices() {
        List<CudaDevice> all = devices;
        if (all == null) {
            synchronized (Cuda.class) {
                all = devices;
                if (all == null) {
                    DriverAvailability.require();
                    var count = CudaDriver.cuDeviceGetCount();
                    DriverStatus.check(count.result(), "cuDeviceGetCount");
                    var list = new ArrayList<CudaDevice>();
                    for (int i = 0; i < count.count(); i++) {
                        var handle = CudaDriver.cuDeviceGet(i);
                        DriverStatus.check(handle.result(), "cuDeviceGet(" + i + ")");
                        list.add(new CudaDevice(i, handle.device()));
                    }
                    all = devices = List.copyOf(list);
                }
            }
        }
        return all;
    }
}
