// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.array.ElementType;
import dev.gatun.array.Location;
import dev.gatun.array.NdArray;
import dev.gatun.array.Order;
import dev.gatun.array.StridedArray;
import dev.gatun.internal.cuda.CudaDriver;
import dev.gatun.internal.cuda.DriverStatus;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A contiguous N-dimensional array in device memory, with the element types, shapes and orders of
 * Gatun's host arrays. It has no {@code segment()}: device memory can never be read as host memory,
 * only copied to a host array or handed to kernels.
 *
 * <p>Closing frees the memory (or gives it back to its {@link DeviceMemoryPool}); any use after that,
 * and any use with a stream, array or kernel of another device, is an exception, not a crash.
 * {@snippet :
 * try (var d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 1000)) {
 *     d.copyFrom(host);            // host: DoubleArray of 1000 elements
 *     kernel.launch(cfg, d, 1000);
 *     d.copyTo(host);
 * }
 * }
 */
public final class DeviceArray implements StridedArray, AutoCloseable {

    private final DeviceMemory memory;
    private final ElementType type;
    private final Order order;
    private final long[] shape;
    private final long size;

    private DeviceArray(DeviceMemory memory, ElementType type, Order order, long[] shape, long size) {
        this.memory = memory;
        this.type = type;
        this.order = order;
        this.shape = shape;
        this.size = size;
    }

    /**
     * Allocates an uninitialised array with {@code cuMemAlloc}.
     *
     * @param device the device
     * @param type   the element type
     * @param order  C (row-major) or Fortran (column-major)
     * @param shape  the extents, each {@code >= 0}
     * @return the array; close it to free the memory
     * @throws CudaOutOfMemoryException when the device has not enough free memory
     */
    public static DeviceArray allocate(CudaDevice device, ElementType type, Order order, long... shape) {
        long[] s = checkedShape(shape);
        long bytes = byteSize(type, s);
        return new DeviceArray(DeviceMemory.allocate(Objects.requireNonNull(device, "device"), bytes), type,
                Objects.requireNonNull(order, "order"), s, bytes / type.byteSize());
    }

    /**
     * Allocates an uninitialised array from a caching pool, for use on {@code stream}: no device
     * synchronisation when a block is reused, and a block last used on another stream is handed out only
     * after {@code stream} was made to wait for that stream's work (see {@link DeviceMemoryPool}).
     *
     * @param pool   the pool, for example {@code device.memoryPool()}
     * @param stream the stream the array is used on, of the pool's device
     * @param type   the element type
     * @param order  C or Fortran
     * @param shape  the extents
     * @return the array; closing gives its block back to the pool, ordered after the work queued on
     *         {@code stream} so far
     */
    public static DeviceArray allocate(DeviceMemoryPool pool, CudaStream stream, ElementType type, Order order,
                                       long... shape) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(order, "order");
        long[] s = checkedShape(shape);
        long bytes = byteSize(type, s);
        return new DeviceArray(pool.allocate(bytes, stream), type, order, s, bytes / type.byteSize());
    }

    /**
     * Allocates a device array shaped like {@code host} and copies it there.
     *
     * @param device the device
     * @param host   a contiguous off-heap host array
     * @return the device copy
     */
    public static DeviceArray copyOf(CudaDevice device, NdArray host) {
        DeviceArray d = allocate(device, host.elementType(), host.order(), host.shape());
        try {
            d.copyFrom(host);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /**
     * Wraps device memory that another library allocated (JCuda, a CUDA runtime library); closing the
     * array does not free it, and the caller keeps it alive while the array is used.
     *
     * @param device  the device the memory is on
     * @param address the device pointer ({@code CUdeviceptr})
     * @param type    the element type
     * @param order   C or Fortran
     * @param shape   the extents
     * @return a view of that memory
     */
    public static DeviceArray wrap(CudaDevice device, long address, ElementType type, Order order, long... shape) {
        if (address == 0) {
            throw new IllegalArgumentException("address: expected a device pointer, got 0 (NULL)");
        }
        long[] s = checkedShape(shape);
        long bytes = byteSize(type, s);
        return new DeviceArray(DeviceMemory.borrowed(Objects.requireNonNull(device, "device"), address, bytes), type,
                Objects.requireNonNull(order, "order"), s, bytes / type.byteSize());
    }

    private static long[] checkedShape(long[] shape) {
        Objects.requireNonNull(shape, "shape");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape[" + i + "]: expected >= 0, got " + shape[i]);
            }
        }
        return shape.clone();
    }

    private static long byteSize(ElementType type, long[] shape) {
        Objects.requireNonNull(type, "type");
        long n = 1;
        try {
            for (long e : shape) {
                n = Math.multiplyExact(n, e);
            }
            return Math.multiplyExact(n, type.byteSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + type.displayName()
                    + " needs more than " + Long.MAX_VALUE + " bytes");
        }
    }

    // ---- what a device array is -----------------------------------------------------------------

    /** {@return the device the memory is on} */
    public CudaDevice device() {
        return memory.device;
    }

    /**
     * {@return the device pointer ({@code CUdeviceptr}) of element {@code [0, ..., 0]}, for kernels and
     * other CUDA libraries} It is not a host address.
     *
     * @throws IllegalStateException when the array was closed
     */
    public long address() {
        return memory.address(describe());
    }

    /** {@return the number of bytes of the elements} */
    public long byteSize() {
        return size * type.byteSize();
    }

    /** {@return whether closing this array frees its memory (false for wrapped memory)} */
    public boolean ownsMemory() {
        return memory.isOwned();
    }

    @Override
    public ElementType elementType() {
        return type;
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long shape(int dim) {
        if (dim < 0 || dim >= shape.length) {
            throw new IndexOutOfBoundsException("dim " + dim + " out of bounds for rank " + shape.length);
        }
        return shape[dim];
    }

    @Override
    public long[] strides() {
        long[] strides = new long[shape.length];
        long step = 1;
        for (int k = 0; k < shape.length; k++) {
            int d = order == Order.C ? shape.length - 1 - k : k;
            strides[d] = step;
            step *= shape[d];
        }
        return strides;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean isCContiguous() {
        return order == Order.C || nonUnitExtents() <= 1;
    }

    @Override
    public boolean isFortranContiguous() {
        return order == Order.FORTRAN || nonUnitExtents() <= 1;
    }

    private int nonUnitExtents() {
        int n = 0;
        for (long e : shape) {
            n += e > 1 ? 1 : 0;
        }
        return n;
    }

    @Override
    public Order order() {
        return order;
    }

    /** {@return {@link Location#DEVICE}} */
    @Override
    public Location location() {
        return Location.DEVICE;
    }

    @Override
    public boolean isAlive() {
        return !memory.isFreed();
    }

    // ---- copies ---------------------------------------------------------------------------------

    /**
     * Copies a host array into this one and waits for the copy.
     *
     * @param host an off-heap host array of the same element type and size, contiguous in this order
     */
    public void copyFrom(NdArray host) {
        MemorySegment src = hostSegment(host, "host");
        device().makeCurrent();
        GpuProfiler.Pending timing = GpuProfiler.begin(device(), MemorySegment.NULL, "copy HtoD", "copy HtoD", byteSize());
        int status = CudaDriver.Raw.cuMemcpyHtoDV2(address(), src, byteSize());
        GpuProfiler.end(timing, MemorySegment.NULL, status == DriverStatus.SUCCESS);
        DriverStatus.check(status, "cuMemcpyHtoD_v2(" + byteSize() + " bytes)");
        GpuProfiler.drain();
    }

    /**
     * Copies this array into a host array and waits for the copy.
     *
     * @param host an off-heap host array of the same element type and size, contiguous in this order
     */
    public void copyTo(NdArray host) {
        MemorySegment dst = hostSegment(host, "host");
        if (host.isReadOnly()) {
            throw new IllegalArgumentException("host: the array is read-only; copy into a writable array");
        }
        device().makeCurrent();
        GpuProfiler.Pending timing = GpuProfiler.begin(device(), MemorySegment.NULL, "copy DtoH", "copy DtoH", byteSize());
        int status = CudaDriver.Raw.cuMemcpyDtoHV2(dst, address(), byteSize());
        GpuProfiler.end(timing, MemorySegment.NULL, status == DriverStatus.SUCCESS);
        DriverStatus.check(status, "cuMemcpyDtoH_v2(" + byteSize() + " bytes)");
        GpuProfiler.drain();
    }

    /**
     * Queues a copy from a host array on {@code stream} and returns at once. The host memory must stay
     * alive and unchanged until the stream has done the copy; it is truly asynchronous only from
     * page-locked memory ({@link PinnedArena}).
     *
     * @param host   the source
     * @param stream a stream of this array's device
     */
    public void copyFromAsync(NdArray host, CudaStream stream) {
        MemorySegment src = hostSegment(host, "host");
        device().requireSame(stream.device(), "stream");
        device().makeCurrent();
        MemorySegment queue = stream.handle();
        GpuProfiler.Pending timing = GpuProfiler.begin(device(), queue, "copy HtoD", "copy HtoD", byteSize());
        int status = CudaDriver.Raw.cuMemcpyHtoDAsyncV2(address(), src, byteSize(), queue);
        GpuProfiler.end(timing, queue, status == DriverStatus.SUCCESS);
        DriverStatus.check(status, "cuMemcpyHtoDAsync_v2(" + byteSize() + " bytes)");
    }

    /**
     * Queues a copy into a host array on {@code stream} and returns at once; read the host array only
     * after synchronising the stream.
     *
     * @param host   the destination
     * @param stream a stream of this array's device
     */
    public void copyToAsync(NdArray host, CudaStream stream) {
        MemorySegment dst = hostSegment(host, "host");
        device().requireSame(stream.device(), "stream");
        device().makeCurrent();
        MemorySegment queue = stream.handle();
        GpuProfiler.Pending timing = GpuProfiler.begin(device(), queue, "copy DtoH", "copy DtoH", byteSize());
        int status = CudaDriver.Raw.cuMemcpyDtoHAsyncV2(dst, address(), byteSize(), queue);
        GpuProfiler.end(timing, queue, status == DriverStatus.SUCCESS);
        DriverStatus.check(status, "cuMemcpyDtoHAsync_v2(" + byteSize() + " bytes)");
    }

    /**
     * Copies another device array of the same device, type and size into this one, ordered on {@code stream}.
     *
     * @param source the source
     * @param stream a stream of this device, or {@code null} for a synchronous copy
     */
    public void copyFrom(DeviceArray source, CudaStream stream) {
        Objects.requireNonNull(source, "source");
        device().requireSame(source.device(), "source");
        requireCompatible(source.type, source.size, source.order, source.rank(), "source");
        device().makeCurrent();
        if (stream == null) {
            GpuProfiler.Pending timing = GpuProfiler.begin(device(), MemorySegment.NULL, "copy DtoD", "copy DtoD", byteSize());
            int status = CudaDriver.Raw.cuMemcpyDtoDV2(address(), source.address(), byteSize());
            GpuProfiler.end(timing, MemorySegment.NULL, status == DriverStatus.SUCCESS);
            DriverStatus.check(status, "cuMemcpyDtoD_v2");
        } else {
            device().requireSame(stream.device(), "stream");
            MemorySegment queue = stream.handle();
            GpuProfiler.Pending timing = GpuProfiler.begin(device(), queue, "copy DtoD", "copy DtoD", byteSize());
            int status = CudaDriver.Raw.cuMemcpyDtoDAsyncV2(address(), source.address(), byteSize(), queue);
            GpuProfiler.end(timing, queue, status == DriverStatus.SUCCESS);
            DriverStatus.check(status, "cuMemcpyDtoDAsync_v2");
        }
    }

    /** Sets every byte to zero (so every element to 0), waiting for it. */
    public void zero() {
        device().makeCurrent();
        DriverStatus.check(CudaDriver.Raw.cuMemsetD8V2(address(), (byte) 0, byteSize()), "cuMemsetD8_v2");
    }

    private MemorySegment hostSegment(NdArray host, String parameter) {
        Objects.requireNonNull(host, parameter);
        if (!host.isAlive()) {
            throw new IllegalStateException(parameter + ": the host array's arena is closed");
        }
        if (host.isHeap()) {
            throw new IllegalArgumentException(parameter + ": a heap (Java array) host array may move during the copy;"
                    + " use an off-heap array, e.g. DoubleArray.allocate(arena, ...) or a PinnedArena");
        }
        if (host.byteOrder() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException(parameter + ": byte order " + host.byteOrder()
                    + " is not native; copy it with copy(arena) first");
        }
        requireCompatible(host.elementType(), host.size(), host.order(), host.rank(), parameter);
        if (!(host.isCContiguous() && order == Order.C || host.isFortranContiguous() && order == Order.FORTRAN
                || rank() <= 1 && (host.isCContiguous() || host.isFortranContiguous()))) {
            throw new IllegalArgumentException(parameter + ": expected a contiguous " + order + "-order array like this"
                    + " device array, got " + host + "; copy it first with copy(arena)");
        }
        return host.segment();
    }

    private void requireCompatible(ElementType otherType, long otherSize, Order otherOrder, int otherRank, String parameter) {
        if (otherType != type) {
            throw new IllegalArgumentException(parameter + ": expected " + type.displayName() + " elements, got "
                    + otherType.displayName());
        }
        if (otherSize != size) {
            throw new IllegalArgumentException(parameter + ": expected " + size + " elements (shape "
                    + Arrays.toString(shape) + "), got " + otherSize);
        }
    }

    // ---- lifetime -------------------------------------------------------------------------------

    /**
     * Frees the memory (or gives it back to its pool); wrapped memory is left alone. Idempotent.
     * Waits for nothing: do not close an array a queued kernel still uses.
     */
    @Override
    public void close() {
        memory.release();
    }

    private String describe() {
        return "DeviceArray[" + type.displayName() + ", shape=" + Arrays.toString(shape) + ", device "
                + memory.device.ordinal() + "]";
    }

    /** {@return the type, shape, order, device and whether it was closed} */
    @Override
    public String toString() {
        return "DeviceArray[" + type.displayName() + ", shape=" + Arrays.toString(shape) + ", order=" + order
                + ", device " + memory.device.ordinal() + (isAlive() ? "" : ", closed") + "]";
    }
}
