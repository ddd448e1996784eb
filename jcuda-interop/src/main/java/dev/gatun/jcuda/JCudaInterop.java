// SPDX-License-Identifier: Apache-2.0
package dev.gatun.jcuda;

import dev.gatun.array.ElementType;
import dev.gatun.array.Order;
import dev.gatun.cuda.CudaDevice;
import dev.gatun.cuda.CudaException;
import dev.gatun.cuda.DeviceArray;
import java.util.Arrays;
import java.util.Objects;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Shares device memory between JCuda and Gatun: a JCuda {@link CUdeviceptr} becomes a Gatun
 * {@link DeviceArray} and back, both views of the same bytes.
 *
 * <p><b>One context.</b> Gatun works in each device's primary context, the one the CUDA runtime and
 * cuBLAS use. JCuda code must work there too: call {@link #shareContext(CudaDevice)} in each thread
 * before JCuda driver calls, instead of {@code cuCtxCreate} (memory of a context JCuda created is not
 * addressable from Gatun's). Gatun remembers per thread which context it made current, so a thread that
 * uses Gatun must not switch contexts through JCuda.
 *
 * <p><b>Lifetimes.</b> Neither side frees what the other allocated. A {@linkplain #wrap wrapped} JCuda
 * allocation is not freed when the Gatun array is closed ({@link DeviceArray#ownsMemory()} is false):
 * JCuda's {@code cuMemFree} frees it, after the last Gatun use. A {@linkplain #devicePointer pointer to a
 * Gatun array} is freed when that array is closed: keep the array open while JCuda uses the pointer, and
 * never pass the pointer to {@code cuMemFree}.
 * {@snippet :
 * CudaDevice gpu = Cuda.device(0);
 * JCudaInterop.shareContext(gpu);
 * CUdeviceptr p = new CUdeviceptr();
 * JCudaDriver.cuMemAlloc(p, 8 * n);
 * try (DeviceArray d = JCudaInterop.wrap(gpu, p, ElementType.DOUBLE, Order.C, n)) {
 *     kernel.launch(cfg, d, n);        // a Gatun kernel fills JCuda's memory
 * }
 * JCudaDriver.cuMemFree(p);            // JCuda's memory, JCuda frees it
 * }
 */
public final class JCudaInterop {

    /** {@code CU_POINTER_ATTRIBUTE_DEVICE_ORDINAL} of {@code cuda.h}. */
    private static final int DEVICE_ORDINAL_ATTRIBUTE = 9;

    private JCudaInterop() {
    }

    /**
     * Makes {@code device}'s primary context current in the calling thread for Gatun and JCuda alike
     * (initialising JCuda's driver API on first use) and returns it as JCuda's handle.
     *
     * @param device the device
     * @return the primary context, the same {@code CUcontext} as {@link CudaDevice#contextHandle()}
     * @throws CudaException         when the driver refuses ({@code cuInit}, {@code cuCtxGetCurrent})
     * @throws IllegalStateException when JCuda sees another context current (it would mean two drivers)
     */
    public static CUcontext shareContext(CudaDevice device) {
        Objects.requireNonNull(device, "device");
        long expected = device.contextHandle().address(); // retains the primary context, makes it current
        check(JCudaDriver.cuInit(0), "cuInit(0)");
        ContextHandle current = new ContextHandle();
        check(JCudaDriver.cuCtxGetCurrent(current), "cuCtxGetCurrent");
        if (current.address() != expected) {
            throw new IllegalStateException("JCuda sees context 0x" + Long.toHexString(current.address())
                    + " current, but Gatun made device " + device.ordinal() + "'s primary context 0x"
                    + Long.toHexString(expected) + " current in this thread; are two CUDA drivers loaded?");
        }
        return current;
    }

    /**
     * Views JCuda-allocated device memory as a Gatun array, without copying. The pointer must lie in an
     * allocation of {@code device} with room for the whole shape from that address on.
     *
     * @param device  the device the memory is on
     * @param pointer a device pointer from JCuda ({@code cuMemAlloc}, possibly {@code withByteOffset})
     * @param type    the element type
     * @param order   C or Fortran
     * @param shape   the extents
     * @return an array over that memory; closing it does not free the memory
     * @throws IllegalArgumentException when the pointer is NULL, on another device, not device memory, or
     *                                  its allocation is too small for the shape
     */
    public static DeviceArray wrap(CudaDevice device, CUdeviceptr pointer, ElementType type, Order order, long... shape) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        long address = address(pointer);
        if (address == 0) {
            throw new IllegalArgumentException("pointer: expected a device pointer, got NULL; allocate it with cuMemAlloc");
        }
        shareContext(device);
        requireOnDevice(device, pointer, address);
        DeviceArray array = DeviceArray.wrap(device, address, type, order, shape);
        requireRoom(pointer, address, array.byteSize(), type, shape);
        return array;
    }

    /**
     * Hands a Gatun array to JCuda as a device pointer to its element {@code [0, ..., 0]}, without copying.
     * The pointer is valid while the array is open; it must not be passed to {@code cuMemFree}.
     *
     * @param array an open device array
     * @return a JCuda pointer to the array's memory
     * @throws IllegalStateException when the array was closed
     */
    public static CUdeviceptr devicePointer(DeviceArray array) {
        Objects.requireNonNull(array, "array");
        long address;
        try {
            address = array.address();
        } catch (IllegalStateException closed) {
            throw new IllegalStateException("array: " + closed.getMessage() + "; JCuda cannot use freed memory", closed);
        }
        // JCuda has no public constructor from an address; an offset from NULL is read back as exactly it.
        return new CUdeviceptr().withByteOffset(address);
    }

    /**
     * {@return the device address a JCuda pointer stands for (its native value plus its byte offset)}
     *
     * @param pointer a JCuda device pointer
     */
    public static long address(CUdeviceptr pointer) {
        return new AddressReader(Objects.requireNonNull(pointer, "pointer")).address();
    }

    private static void requireOnDevice(CudaDevice device, CUdeviceptr pointer, long address) {
        int[] ordinal = {-1};
        int status = JCudaDriver.cuPointerGetAttribute(Pointer.to(ordinal), DEVICE_ORDINAL_ATTRIBUTE, pointer);
        if (status != CUresult.CUDA_SUCCESS) {
            throw new IllegalArgumentException("pointer: 0x" + Long.toHexString(address) + " is not CUDA device memory ("
                    + "cuPointerGetAttribute(DEVICE_ORDINAL) returned " + CUresult.stringFor(status) + ")");
        }
        if (ordinal[0] != device.ordinal()) {
            throw new IllegalArgumentException("pointer: 0x" + Long.toHexString(address) + " is on device " + ordinal[0]
                    + ", but device " + device.ordinal() + " was given; pass Cuda.device(" + ordinal[0] + ")");
        }
    }

    private static void requireRoom(CUdeviceptr pointer, long address, long bytes, ElementType type, long[] shape) {
        CUdeviceptr base = new CUdeviceptr();
        long[] size = {0};
        int status = JCudaDriver.cuMemGetAddressRange(base, size, pointer);
        if (status != CUresult.CUDA_SUCCESS) {
            throw new IllegalArgumentException("pointer: 0x" + Long.toHexString(address) + " is in no allocation of this"
                    + " context (cuMemGetAddressRange returned " + CUresult.stringFor(status) + ")");
        }
        long room = address(base) + size[0] - address;
        if (room < bytes) {
            throw new IllegalArgumentException("pointer: expected an allocation with >= " + bytes + " bytes from 0x"
                    + Long.toHexString(address) + " (shape " + Arrays.toString(shape) + " of " + type.displayName()
                    + "), got " + room);
        }
    }

    private static void check(int status, String call) {
        if (status != CUresult.CUDA_SUCCESS) {
            throw new CudaException(status, CUresult.stringFor(status), "reported through JCuda", call);
        }
    }

    /** Reads a pointer's address through JCuda's protected accessors (a copy of the pointer, so a subclass may). */
    private static final class AddressReader extends CUdeviceptr {
        AddressReader(CUdeviceptr pointer) {
            super(pointer);
        }

        long address() {
            return getNativePointer() + getByteOffset();
        }
    }

    /** A {@code CUcontext} whose handle can be compared with Gatun's. */
    private static final class ContextHandle extends CUcontext {
        long address() {
            return getNativePointer();
        }
    }
}
