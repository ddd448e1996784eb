// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import dev.gatun.cuda.Cuda;
import dev.gatun.cuda.CudaDevice;
import dev.gatun.cuda.CudaStream;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.kernels.cuda.GpuKernels;

/**
 * The GPU side of an example: device 0, one stream, and the device arrays the CUDA variants use, all
 * released by {@link #close()}. The CUDA rows of the tables come from here when a GPU is present;
 * otherwise {@link AbsentBackends#cuda()} lists the row with the reason.
 *
 * <p>A CUDA variant's timed body queues the kernel(s) on {@link #stream()}, copies the result the
 * example checks back to the host, and waits for the stream: the time includes the kernel and the
 * device-to-host copy of the result, not the one-off upload of the inputs.
 */
public final class CudaBackend implements AutoCloseable {

    private final CudaDevice device;
    private final CudaStream stream;
    private final List<AutoCloseable> resources = new ArrayList<>();

    private CudaBackend(CudaDevice device) {
        this.device = device;
        this.stream = CudaStream.create(device);
    }

    /**
     * {@return why the CUDA variants cannot run here, or empty when they can} No driver or device, or
     * the CUDA kernels library ({@code gatun-cuda-kernels}, built with nvcc) or the CUDA runtime it
     * links cannot be loaded.
     */
    public static Optional<String> unavailableReason() {
        Optional<String> driver = Cuda.unavailableReason();
        if (driver.isPresent()) {
            return driver.map(r -> "no GPU: " + r);
        }
        try {
            GpuKernels.integrationBlocks(); // loads libcuda_kernels.so and libcudart
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("a GPU is present, but the CUDA kernels cannot be loaded (gatun-cuda-kernels built"
                    + " without nvcc, or no libcudart.so.13): " + e);
        }
    }

    /**
     * Opens device 0 and a stream when CUDA can be used.
     *
     * @return the backend, or empty (see {@link #unavailableReason()})
     */
    public static Optional<CudaBackend> open() {
        return unavailableReason().isEmpty() ? Optional.of(new CudaBackend(Cuda.device(0))) : Optional.empty();
    }

    /** {@return the device} */
    public CudaDevice device() {
        return device;
    }

    /** {@return the stream every CUDA variant queues on} */
    public CudaStream stream() {
        return stream;
    }

    /**
     * Keeps a device array, a cuBLAS handle... until {@link #close()}, which closes them in reverse order.
     *
     * @param resource what the variants use
     * @param <T>      its type
     * @return the resource
     */
    public <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    /**
     * A CUDA variant: {@code kernelAndCopy} queues the kernels and the copy of the result on the stream;
     * the stream is waited for inside the timed body.
     *
     * @param name          the table's label, e.g. {@code "CUDA fp32"}
     * @param kernelAndCopy queues the work
     * @param readResult    reads the copied result on the host (not timed)
     * @return the variant
     */
    public Variant variant(String name, Runnable kernelAndCopy, DoubleSupplier readResult) {
        return Variant.of(name, 1, () -> {
            kernelAndCopy.run();
            stream.synchronize();
        }, readResult);
    }

    /** Waits for the stream, closes what it keeps (last kept first) and destroys the stream. */
    @Override
    public void close() {
        try {
            stream.synchronize();
        } finally {
            for (AutoCloseable r : resources.reversed()) {
                try {
                    r.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + r + " failed", e);
                }
            }
            stream.close();
        }
    }

    /**
     * A one-element view of {@code array}'s element at flat index {@code k}, for copying just the value an
     * example checks back to the host. It does not own memory; {@code array} must outlive it.
     *
     * @param array a double device array
     * @param k     the flat index
     * @return the view
     */
    public static DeviceArray element(DeviceArray array, long k) {
        return DeviceArray.wrap(array.device(), array.address() + k * array.elementType().byteSize(),
                array.elementType(), array.order(), 1);
    }
}
