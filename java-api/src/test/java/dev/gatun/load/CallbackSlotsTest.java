// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The slots of a routine's shim: distinct lock-free slots, then the shared one under a reentrant lock. */
class CallbackSlotsTest {

    @Test
    void concurrentCallsGetDistinctSlotsThenTheSharedOne() throws Exception {
        var slots = new CallbackSlots(3);
        var taken = new HashSet<Integer>();
        for (int i = 0; i < 3; i++) {
            taken.add(slots.acquire());
        }
        assertEquals(java.util.Set.of(0, 1, 2), taken);
        // All lock-free slots are taken: this thread gets the shared slot, reentrantly (a callback calling again).
        assertEquals(3, slots.acquire());
        assertEquals(3, slots.acquire());
        // Another thread waits for the shared slot until both holds are released.
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> {
            int s = slots.acquire();
            slots.release(s);
            return s;
        });
        assertThrows(TimeoutException.class, () -> other.get(200, TimeUnit.MILLISECONDS));
        slots.release(3);
        assertFalse(other.isDone());
        slots.release(1); // a lock-free slot comes free; the waiting thread still waits for the shared lock it asked for
        slots.release(3);
        assertEquals(3, other.get(10, TimeUnit.SECONDS));
        assertEquals(1, slots.acquire(), "the freed lock-free slot is handed out again");
    }

    @Test
    void noLockFreeSlotsMeansOneCallAtATime() {
        var slots = new CallbackSlots(0);
        assertEquals(0, slots.acquire());
        slots.release(0);
        assertTrue(slots.slots() == 0);
        assertThrows(IllegalArgumentException.class, () -> new CallbackSlots(32));
    }
}
