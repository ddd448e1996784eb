// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Device code loaded into a device's primary context: a cubin, a fatbin or PTX text (which the
 * driver compiles for the device). Kernels are looked up by their (unmangled, {@code extern "C"}) name.
 * Closing unloads the module; its kernels then refuse to launch.
 */
public final class CudaModule implements AutoCloseable {

    private final CudaDevice device;
    private final MemorySegment handle;
    private volatile boolean closed;

    private CudaModule(CudaDevice device, MemorySegment handle) {
        this.device = device;
        this.handle = handle;
    }

    /**
     * Loads a cubin, fatbin or PTX image ({@code cuModuleLoadData}).
     *
     * @param device the device
     * @param image  the bytes of the image; PTX needs no terminating NUL
     * @return the module
     * @throws CudaException for example {@code CUDA_ERROR_NO_BINARY_FOR_GPU} when the image has no code
     *                       for this device, or {@code CUDA_ERROR_INVALID_PTX}
     */
    public static CudaModule load(CudaDevice device, byte[] image) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(image, "image");
        device.makeCurrent();
        try (Arena arena = Arena.ofConfined()) {
            // One NUL more: PTX is read as a C string; cubin and fatbin images ignore trailing bytes.
            MemorySegment data = arena.allocate(image.length + 1L, 16);
            MemorySegment.copy(image, 0, data, ValueLayout.JAVA_BYTE, 0, image.length);
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            DriverStatus.check(CudaDriver.Raw.cuModuleLoadData(out, data),
                    "cuModuleLoadData(" + image.length + " bytes on device " + device.ordinal() + ")");
            return new CudaModule(device, out.get(ValueLayout.ADDRESS, 0));
        }
    }

    /**
     * Loads a {@code .cubin}, {@code .fatbin} or {@code .ptx} file.
     *
     * @param device the device
     * @param file   the file
     * @return the module
     */
    public static CudaModule load(CudaDevice device, Path file) {
        try {
            return load(device, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the module file " + file, e);
        }
    }

    /** {@return the device this module is loaded on} */
    public CudaDevice device() {
        return device;
    }

    /**
     * Looks up a kernel.
     *
     * @param name the kernel's symbol name: declare it {@code extern "C"} to avoid C++ mangling
     * @return the kernel
     * @throws CudaException with {@code CUDA_ERROR_NOT_FOUND} when the module has no such kernel
     */
    public CudaKernel kernel(String name) {
        Objects.requireNonNull(name, "name");
        device.makeCurrent();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            DriverStatus.check(CudaDriver.cuModuleGetFunction(out, handle(), name), "cuModuleGetFunction(\"" + name
                    + "\")");
            return new CudaKernel(this, name, out.get(ValueLayout.ADDRESS, 0));
        }
    }

    MemorySegment handle() {
        if (closed) {
            throw new IllegalStateException("module on device " + device.ordinal() + " was closed (unloaded); load it again");
        }
        return handle;
    }

    boolean isClosed() {
        return closed;
    }

    /** Unloads the module; its kernels refuse to launch afterwards. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            device.makeCurrent();
            DriverStatus.check(CudaDriver.Raw.cuModuleUnload(handle), "cuModuleUnload");
        }
    }
}
