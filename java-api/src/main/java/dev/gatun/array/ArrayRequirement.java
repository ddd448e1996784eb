// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a native routine needs from one array argument, checked in one place before the call.
 *
 * <p>Generated bindings build one requirement per array parameter (a {@code static final}
 * constant) and call {@link #check(StridedArray)} before the downcall, so that a wrong element type,
 * rank, layout, extent, location or a closed arena becomes an exception naming the parameter
 * instead of a crash in native code. nanobind's {@code ndarray_config} follows the same idea.
 * {@snippet :
 * static final ArrayRequirement A = new ArrayRequirement("a", ElementType.DOUBLE, 2,
 *         Order.FORTRAN, new long[] {-1, -1}, Location.HOST);
 * A.check(a); // IllegalArgumentException: parameter 'a': expected Fortran order, got C order
 * }
 *
 * @param parameter   the parameter name used in messages
 * @param elementType the element type the routine reads
 * @param rank        the number of dimensions, or {@code -1} for any
 * @param order       {@code null} for any layout (the routine reads the strides); otherwise the
 *                    array must be contiguous in this order
 * @param minExtents  {@code null}, or one lower bound per dimension ({@code -1}: no bound);
 *                    requires a fixed {@code rank} of the same length
 * @param location    where the memory must be
 * @param writable    whether the routine writes to the array ({@code intent(out)} or {@code inout}):
 *                    a read-only array (a {@code .npy} file mapped {@code READ_ONLY}) is then refused,
 *                    because a native store into read-only mapped memory kills the process
 */
public record ArrayRequirement(String parameter, ElementType elementType, int rank, Order order,
        long[] minExtents, Location location, boolean writable) {

    /**
     * Checks the arguments and copies {@code minExtents}.
     *
     * @throws IllegalArgumentException if {@code rank < -1} or {@code minExtents} does not fit the rank
     */
    public ArrayRequirement {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(elementType, "elementType");
        Objects.requireNonNull(location, "location");
        if (rank < -1) {
            throw new IllegalArgumentException("rank must be >= 0, or -1 for any rank; got " + rank);
        }
        if (minExtents != null) {
            if (rank != minExtents.length) {
                throw new IllegalArgumentException("minExtents has " + minExtents.length
                        + " entries but rank is " + rank + "; give one entry per dimension");
            }
            minExtents = minExtents.clone();
        }
    }

    /**
     * A requirement for an array the routine only reads.
     *
     * @param parameter   the parameter name used in messages
     * @param elementType the element type the routine reads
     * @param rank        the number of dimensions, or {@code -1} for any
     * @param order       {@code null} for any layout, or the required contiguous order
     * @param minExtents  {@code null}, or one lower bound per dimension ({@code -1}: no bound)
     * @param location    where the memory must be
     */
    public ArrayRequirement(String parameter, ElementType elementType, int rank, Order order,
            long[] minExtents, Location location) {
        this(parameter, elementType, rank, order, minExtents, location, false);
    }

    /**
     * Returns this requirement for a routine that also writes to the array.
     *
     * @return a copy with {@code writable} set
     */
    public ArrayRequirement requiringWritable() {
        return new ArrayRequirement(parameter, elementType, rank, order, minExtents, location, true);
    }

    /**
     * Returns a requirement on a host array of any extents.
     *
     * @param parameter   the parameter name used in messages
     * @param elementType the element type
     * @param rank        the rank, or {@code -1} for any
     * @param order       the required contiguous order, or {@code null} for any layout
     * @return the requirement
     */
    public static ArrayRequirement host(String parameter, ElementType elementType, int rank, Order order) {
        return new ArrayRequirement(parameter, elementType, rank, order, null, Location.HOST);
    }

    /** {@return a copy of the lower bounds on the extents, or {@code null}} */
    @Override
    public long[] minExtents() {
        return minExtents == null ? null : minExtents.clone();
    }

    /**
     * Checks {@code array} before a regular (non-critical) downcall; heap arrays are refused
     * because the garbage collector may move them while native code runs.
     *
     * <p>The checks run in this order: not null, location, alive, element type, rank, extents,
     * layout, then for host arrays the owner thread, heap memory, writability and byte order.
     *
     * @param array the argument
     * @throws NullPointerException     if {@code array} is null
     * @throws IllegalStateException    if its arena is already closed
     * @throws WrongThreadException     if its memory is confined to another thread
     * @throws IllegalArgumentException if it does not meet this requirement; the message starts
     *                                  with {@code parameter 'name':} and says what was expected
     */
    public void check(StridedArray array) {
        check(array, false);
    }

    /**
     * Checks {@code array}, accepting heap arrays when {@code allowHeap} is true. Only bindings
     * that call through {@code Linker.Option.critical(true)} may allow heap arrays: such a call
     * pins the Java array for its duration.
     *
     * @param array     the argument
     * @param allowHeap whether an array over a Java array ({@code ofHeap}) is acceptable
     * @throws NullPointerException     if {@code array} is null
     * @throws IllegalStateException    if its arena is already closed
     * @throws WrongThreadException     if its memory is confined to another thread
     * @throws IllegalArgumentException if it does not meet this requirement
     */
    public void check(StridedArray array, boolean allowHeap) {
        if (array == null) {
            throw new NullPointerException(prefix() + "expected " + describe() + ", got null");
        }
        if (array.location() != location) {
            throw fail("expected a " + where(location) + " array, got a " + where(array.location()) + " array");
        }
        if (!array.isAlive()) {
            throw new IllegalStateException(prefix() + "its arena is already closed");
        }
        if (array.elementType() != elementType) {
            throw fail("expected element type " + elementType.displayName() + ", got "
                    + array.elementType().displayName());
        }
        if (rank >= 0 && array.rank() != rank) {
            throw fail("expected rank " + rank + ", got " + array.rank());
        }
        if (minExtents != null) {
            for (int d = 0; d < rank; d++) {
                long extent = array.shape(d);
                if (minExtents[d] >= 0 && extent < minExtents[d]) {
                    throw fail("expected extent >= " + minExtents[d] + " in dimension " + d + ", got " + extent);
                }
            }
        }
        if (order != null && !(order == Order.C ? array.isCContiguous() : array.isFortranContiguous())) {
            throw fail("expected " + order.label() + ", got " + layoutOf(array));
        }
        if (array instanceof NdArray host) {
            if (!host.segment().isAccessibleBy(Thread.currentThread())) {
                // The downcall would throw this too, but without saying which argument.
                throw new WrongThreadException(prefix() + "its memory belongs to a confined arena of another thread; "
                        + "call from that thread, or allocate it in Arena.ofShared() to use it from several threads");
            }
            if (host.isHeap() && !allowHeap) {
                throw fail("got a heap array (ofHeap), which only critical downcalls accept; "
                        + "copy it off-heap with copy(arena)");
            }
            if (writable && host.isReadOnly()) {
                throw fail("the routine writes to it, but the array is read-only (e.g. a .npy file mapped "
                        + "READ_ONLY); map it READ_WRITE or pass copy(arena)");
            }
            if (host.byteOrder() != ByteOrder.nativeOrder()) {
                throw fail("expected native byte order (" + ByteOrder.nativeOrder() + "), got "
                        + host.byteOrder() + "; convert it with copy(arena)");
            }
        }
    }

    /**
     * Narrows a value computed from array shapes (an extent inferred from an array, {@code size(a)}) to the
     * native {@code int} a routine takes; generated bindings call it instead of {@link Math#toIntExact}.
     *
     * @param parameter the native parameter that receives the value
     * @param value     the value
     * @param what      where the value comes from, for the message (for example {@code "the extent of 'a'"})
     * @return {@code value} as an int
     * @throws IllegalArgumentException if {@code value} does not fit in an int; the message names the parameter
     */
    public static int toInt(String parameter, long value, String what) {
        if (value != (int) value) {
            throw new IllegalArgumentException("parameter '" + parameter + "': " + what + " is " + value
                    + ", but the routine takes a C int (at most " + Integer.MAX_VALUE + "); pass the array in slices");
        }
        return (int) value;
    }

    private static String layoutOf(StridedArray array) {
        if (array.isCContiguous()) {
            return "C order";
        }
        if (array.isFortranContiguous()) {
            return "Fortran order";
        }
        return "a non-contiguous view (strides " + Layout.format(array.strides()) + "); copy it with copy(arena)";
    }

    private static String where(Location location) {
        return location == Location.HOST ? "host" : "device";
    }

    private String describe() {
        return (rank >= 0 ? "a rank-" + rank + " " : "an ") + elementType.displayName() + " array";
    }

    private String prefix() {
        return "parameter '" + parameter + "': ";
    }

    private IllegalArgumentException fail(String problem) {
        return new IllegalArgumentException(prefix() + problem);
    }

    /** {@return whether {@code other} is a requirement with equal components, extents compared by value} */
    @Override
    public boolean equals(Object other) {
        return other instanceof ArrayRequirement that
                && parameter.equals(that.parameter) && elementType == that.elementType
                && rank == that.rank && order == that.order && location == that.location
                && writable == that.writable && Arrays.equals(minExtents, that.minExtents);
    }

    /** {@return a hash code consistent with {@link #equals(Object)}} */
    @Override
    public int hashCode() {
        return Objects.hash(parameter, elementType, rank, order, location, writable) * 31 + Arrays.hashCode(minExtents);
    }

    /** {@return the components, extents written out} */
    @Override
    public String toString() {
        return "ArrayRequirement[parameter=" + parameter + ", elementType=" + elementType + ", rank=" + rank
                + ", order=" + order + ", minExtents=" + (minExtents == null ? "null" : Arrays.toString(minExtents))
                + ", location=" + location + ", writable=" + writable + "]";
    }
}
