// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * The arguments of a kernel launch, kept in native memory so that a launch allocates nothing:
 * set them once, change what changes, launch many times. Each argument takes an 8-byte slot, read by
 * the driver with the size the kernel declares ({@code int}, {@code float}: 4 bytes; pointers,
 * {@code long}, {@code double}: 8).
 *
 * <p>Not thread-safe: one instance per launching thread.
 */
public final class KernelArguments {

    private static final long SLOT = 8;

    private final MemorySegment pointers;
    private final MemorySegment values;
    private final DeviceArray[] arrays;

    private KernelArguments(int count) {
        Arena arena = Arena.ofAuto();
        this.values = arena.allocate(SLOT * Math.max(1, count), SLOT);
        this.pointers = arena.allocate(ValueLayout.ADDRESS.byteSize() * Math.max(1, count), SLOT);
        for (int i = 0; i < count; i++) {
            pointers.setAtIndex(ValueLayout.ADDRESS, i, values.asSlice(i * SLOT, SLOT));
        }
        this.arrays = new DeviceArray[count];
    }

    /**
     * Allocates room for {@code count} arguments, all zero.
     *
     * @param count the number of kernel parameters
     * @return the arguments
     */
    public static KernelArguments allocate(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: expected >= 0, got " + count);
        }
        return new KernelArguments(count);
    }

    /**
     * Arguments from Java values: {@link DeviceArray}, {@code Integer}, {@code Long}, {@code Float},
     * {@code Double}.
     *
     * @param values the values in parameter order
     * @return the arguments
     * @throws IllegalArgumentException for any other type, naming the position
     */
    public static KernelArguments of(Object... values) {
        KernelArguments args = new KernelArguments(values.length);
        for (int i = 0; i < values.length; i++) {
            switch (values[i]) {
                case DeviceArray a -> args.set(i, a);
                case Integer v -> args.set(i, v.intValue());
                case Long v -> args.set(i, v.longValue());
                case Float v -> args.set(i, v.floatValue());
                case Double v -> args.set(i, v.doubleValue());
                case null -> throw new IllegalArgumentException("argument " + i + ": null; pass a DeviceArray or a number");
                default -> throw new IllegalArgumentException("argument " + i + ": " + values[i].getClass().getName()
                        + " cannot be passed to a kernel; pass a DeviceArray, Integer, Long, Float or Double");
            }
        }
        return args;
    }

    /** {@return the number of arguments} */
    public int count() {
        return arrays.length;
    }

    /**
     * Sets a pointer argument to a device array's memory.
     *
     * @param index the parameter position
     * @param array the array; it must be alive and on the kernel's device at launch
     * @return this
     */
    public KernelArguments set(int index, DeviceArray array) {
        Objects.requireNonNull(array, "array");
        long address;
        try {
            address = array.address();
        } catch (IllegalStateException freed) {
            throw new IllegalStateException("argument " + index + ": " + freed.getMessage(), freed);
        }
        values.set(ValueLayout.JAVA_LONG, slot(index), address);
        arrays[index] = array;
        return this;
    }

    /** Sets an {@code int} argument. @param index the position @param value the value @return this */
    public KernelArguments set(int index, int value) {
        values.set(ValueLayout.JAVA_INT, slot(index), value);
        arrays[index] = null;
        return this;
    }

    /** Sets a {@code long long} or {@code size_t} argument. @param index the position @param value the value @return this */
    public KernelArguments set(int index, long value) {
        values.set(ValueLayout.JAVA_LONG, slot(index), value);
        arrays[index] = null;
        return this;
    }

    /** Sets a {@code float} argument. @param index the position @param value the value @return this */
    public KernelArguments set(int index, float value) {
        values.set(ValueLayout.JAVA_FLOAT, slot(index), value);
        arrays[index] = null;
        return this;
    }

    /** Sets a {@code double} argument. @param index the position @param value the value @return this */
    public KernelArguments set(int index, double value) {
        values.set(ValueLayout.JAVA_DOUBLE, slot(index), value);
        arrays[index] = null;
        return this;
    }

    private long slot(int index) {
        Objects.checkIndex(index, arrays.length);
        return index * SLOT;
    }

    /** Checks every array argument: alive (its address is unchanged) and on {@code device}. */
    void check(CudaDevice device) {
        for (int i = 0; i < arrays.length; i++) {
            DeviceArray a = arrays[i];
            if (a != null) {
                if (!a.isAlive()) {
                    throw new IllegalStateException("argument " + i + ": " + a + " was closed; set a live array");
                }
                if (a.device() != device) {
                    throw new IllegalArgumentException("argument " + i + ": " + a + " is on device " + a.device().ordinal()
                            + " but the kernel is loaded on device " + device.ordinal());
                }
            }
        }
    }

    MemorySegment pointers() {
        return pointers;
    }
}
