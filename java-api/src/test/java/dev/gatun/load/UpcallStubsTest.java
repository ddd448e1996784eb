// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link UpcallStubs} and {@link CallbackGuard#enter()}: one stub per callback object, called through a
 * real downcall of the stub itself (the native code calling Java), and exceptions rethrown by the guard of
 * the call that ran the callback, also when calls nest.
 */
class UpcallStubsTest {

    private static final FunctionDescriptor INT_INT = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    private static final MethodHandle APPLY;

    static {
        try {
            APPLY = MethodHandles.publicLookup().findVirtual(IntUnaryOperator.class, "applyAsInt",
                    MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final UpcallStubs stubs = new UpcallStubs(APPLY, INT_INT);

    /** Calls a function pointer {@code int f(int)} as native code would. */
    @SuppressWarnings("restricted")
    private static int callNative(MemorySegment f, int x) throws Throwable {
        return (int) Linker.nativeLinker().downcallHandle(f, INT_INT).invokeExact(x);
    }

    @Test
    void oneStubPerCallbackObject() throws Throwable {
        IntUnaryOperator plusOne = x -> x + 1;
        MemorySegment s = stubs.stub(plusOne);
        assertEquals(s.address(), stubs.stub(plusOne).address());
        IntUnaryOperator twice = x -> 2 * x;
        MemorySegment t = stubs.stub(twice);
        assertNotEquals(s.address(), t.address());
        assertEquals(42, callNative(s, 41));
        assertEquals(82, callNative(t, 41));
    }

    @Test
    void severalCallbacksInTurnKeepTheirStubs() throws Throwable {
        // Threads calling at once with their own callbacks alternate objects: each keeps its stub, also two whose
        // identity hashes share a table entry. Twelve callbacks (fewer than the 16 entries), the last one chosen to
        // share its entry with an earlier one.
        var ops = new java.util.ArrayList<IntUnaryOperator>();
        var entries = new java.util.HashMap<Integer, Integer>();
        for (int k = 0; ops.size() < 12 || entries.values().stream().noneMatch(c -> c > 1); k++) {
            int add = k;
            IntUnaryOperator op = x -> x + add;
            int entry = System.identityHashCode(op) & 15;
            boolean collides = entries.containsKey(entry);
            if (ops.size() < 11 || collides) {
                ops.add(op);
                entries.merge(entry, 1, Integer::sum);
            }
        }
        var first = new java.util.ArrayList<MemorySegment>();
        ops.forEach(op -> first.add(stubs.stub(op)));
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < ops.size(); k++) {
                MemorySegment again = stubs.stub(ops.get(k));
                assertEquals(first.get(k).address(), again.address(), "callback " + k + " kept its stub");
                assertEquals(ops.get(k).applyAsInt(10), callNative(again, 10));
            }
        }
    }

    @Test
    void theGuardOfTheCallRethrows() throws Throwable {
        var boom = new IllegalArgumentException("boom");
        MemorySegment s = stubs.stub((IntUnaryOperator) x -> {
            throw boom;
        });
        CallbackGuard guard = CallbackGuard.enter();
        assertEquals(0, callNative(s, 1), "the native side receives zero");
        assertSame(boom, assertThrows(IllegalArgumentException.class, guard::close));
        // Nothing left behind for the next call.
        CallbackGuard next = CallbackGuard.enter();
        assertEquals(3, callNative(stubs.stub((IntUnaryOperator) x -> x + 2), 1));
        next.close();
    }

    @Test
    void nestedCallsEachGetTheirOwnException() throws Throwable {
        var inner = new IllegalStateException("inner");
        MemorySegment throwing = stubs.stub((IntUnaryOperator) x -> {
            throw inner;
        });
        var innerStubs = new UpcallStubs(APPLY, INT_INT);
        MemorySegment outer = innerStubs.stub((IntUnaryOperator) x -> {
            CallbackGuard g = CallbackGuard.enter();
            try {
                return callNative(throwing, x);
            } catch (Throwable t) {
                throw new AssertionError(t);
            } finally {
                assertSame(inner, assertThrows(IllegalStateException.class, g::close));
            }
        });
        CallbackGuard guard = CallbackGuard.enter();
        assertEquals(0, callNative(outer, 5));
        guard.close(); // the inner call's exception was its own
    }
}
