// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.badinput;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Test arrays with canary-filled guard segments on both sides: a native write (or, for a guard the
 * kernel reads, nothing) outside the array changes a guard byte, and {@link #verify()} names the array
 * and the first changed offset. Guards are 4 KiB: a kernel that runs past an array by a few rows of a
 * small grid lands in them rather than in someone else's memory.
 */
final class Guarded {

    private static final long GUARD_BYTES = 4096;
    private static final long CANARY = 0xDEADBEEFCAFEF00DL;

    private record Block(String name, MemorySegment before, MemorySegment after) {
    }

    private final Arena arena;
    private final List<Block> blocks = new ArrayList<>();

    Guarded(Arena arena) {
        this.arena = arena;
    }

    /** A zero-filled double array of {@code shape} in {@code order}, between two guards. */
    DoubleArray doubles(String name, Order order, long... shape) {
        long size = 1;
        for (long extent : shape) {
            size *= extent;
        }
        long bytes = size * Double.BYTES;
        MemorySegment all = arena.allocate(GUARD_BYTES + bytes + GUARD_BYTES, 64);
        MemorySegment before = all.asSlice(0, GUARD_BYTES);
        MemorySegment after = all.asSlice(GUARD_BYTES + bytes, GUARD_BYTES);
        fill(before);
        fill(after);
        blocks.add(new Block(name, before, after));
        return DoubleArray.wrap(all.asSlice(GUARD_BYTES, bytes), order, shape);
    }

    DoubleArray doubles(String name, long... shape) {
        return doubles(name, Order.C, shape);
    }

    private static void fill(MemorySegment guard) {
        for (long at = 0; at < guard.byteSize(); at += Long.BYTES) {
            guard.set(ValueLayout.JAVA_LONG_UNALIGNED, at, CANARY);
        }
    }

    /** Throws naming the array and guard when any canary changed. */
    void verify() {
        for (Block b : blocks) {
            check(b.name(), "before", b.before());
            check(b.name(), "after", b.after());
        }
    }

    private static void check(String name, String side, MemorySegment guard) {
        for (long at = 0; at < guard.byteSize(); at += Long.BYTES) {
            long value = guard.get(ValueLayout.JAVA_LONG_UNALIGNED, at);
            if (value != CANARY) {
                long distance = side.equals("after") ? at : guard.byteSize() - at;
                throw new AssertionError("native write outside array '" + name + "': guard " + side + " it changed "
                        + distance + " bytes " + side + " the array (0x" + Long.toHexString(value) + ")");
            }
        }
    }
}
