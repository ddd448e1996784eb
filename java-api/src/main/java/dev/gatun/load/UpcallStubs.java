// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The upcall stubs of one callback parameter of a generated binding, made once per callback object
 * instead of once per native call.
 *
 * <p>Making an upcall stub costs microseconds (the JVM generates code for it), far more than the
 * native call it serves. A binding keeps the stubs of the 16 callback objects it was last given, in a
 * small table probed from the object's identity hash: calling a routine again and again with the same callback
 * object (a field, a method reference kept in a variable, a non-capturing lambda) makes one stub, and so
 * do several threads each calling with its own object. A new object makes a new stub, which takes a free
 * entry, or once all are taken replaces each in turn. A stub lives in an automatic arena: it is freed once no binding refers to it and no
 * native call is using it (a native call keeps the memory of its arguments alive until it returns). Each
 * stub wraps the callback with {@link CallbackGuard#protectShared}, so an exception it throws is rethrown
 * by the {@link CallbackGuard#enter() guard} of the native call that ran it.
 *
 * <p>One stub per object means a stub must not depend on the call: callers that need a different
 * behaviour per call pass a different object. Thread-safe: concurrent calls with different callbacks
 * each get a correct stub.
 */
public final class UpcallStubs {

    private record Entry(Object callback, MemorySegment stub) {
    }

    /** Entries in the table: a power of two, enough for a node's threads each with its own callback. */
    private static final int ENTRIES = 16;

    private final MethodHandle target;
    private final FunctionDescriptor descriptor;
    private final AtomicReferenceArray<Entry> entries = new AtomicReferenceArray<>(ENTRIES);
    /** Which entry a new stub replaces once all are taken: each in turn. */
    private final java.util.concurrent.atomic.AtomicInteger victim = new java.util.concurrent.atomic.AtomicInteger();
    /** The stubs of callbacks native code keeps, one per callback object, never freed. */
    private final Map<Object, MemorySegment> retained = new IdentityHashMap<>();

    /**
     * Creates the stub cache of one callback parameter.
     *
     * @param target     the upcall target: its first parameter is the callback object, the others
     *                   match {@code descriptor}
     * @param descriptor the native signature of the callback
     */
    public UpcallStubs(MethodHandle target, FunctionDescriptor descriptor) {
        this.target = target;
        this.descriptor = descriptor;
    }

    /**
     * Returns the upcall stub calling {@code callback}: the remembered one when it is the same object,
     * else a new one (which is then remembered).
     *
     * @param callback the Java callback object, not null
     * @return a native function pointer valid at least while a native call given it runs
     */
    @SuppressWarnings("restricted") // upcall stubs are what this class is for
    public MemorySegment stub(Object callback) {
        int home = System.identityHashCode(callback) & (ENTRIES - 1);
        Entry e = entries.get(home); // a plain load on x86: final fields make the entry safe to share
        if (e != null && e.callback() == callback) {
            return e.stub();
        }
        // Two callbacks in use whose hashes share an entry must not evict each other on every call.
        for (int i = 1; i < ENTRIES; i++) {
            e = entries.get((home + i) & (ENTRIES - 1));
            if (e != null && e.callback() == callback) {
                return e.stub();
            }
        }
        MemorySegment stub = Linker.nativeLinker().upcallStub(CallbackGuard.protectShared(target.bindTo(callback)), descriptor,
                Arena.ofAuto());
        int slot = home;
        for (int i = 0; i < ENTRIES; i++) {
            if (entries.get((home + i) & (ENTRIES - 1)) == null) {
                slot = (home + i) & (ENTRIES - 1);
                break;
            }
        }
        if (entries.get(slot) != null) {
            slot = (home + victim.getAndIncrement()) & (ENTRIES - 1);
        }
        entries.set(slot, new Entry(callback, stub));
        return stub;
    }

    /**
     * Returns an upcall stub calling {@code callback} that is never freed, for a function that keeps the pointer after
     * it returns (a {@code retain} directive: {@code gsl_set_error_handler}, registration APIs). The stub lives in the
     * global arena, made once per callback object: passing the same object again reuses it, so only distinct
     * callbacks cost memory. The callback object stays reachable for as long as the process runs.
     *
     * @param callback the Java callback object, not null
     * @return a native function pointer valid until the process exits
     */
    @SuppressWarnings("restricted") // upcall stubs are what this class is for
    public MemorySegment retained(Object callback) {
        synchronized (retained) {
            return retained.computeIfAbsent(callback, c -> Linker.nativeLinker().upcallStub(
                    CallbackGuard.protectShared(target.bindTo(c)), descriptor, Arena.global()));
        }
    }
}
