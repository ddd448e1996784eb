// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The upcall stubs of one callback parameter of a generated binding, made once per callback object
 * instead of once per native call.
 *
 * <p>Making an upcall stub costs microseconds (the JVM generates code for it), far more than the
 * native call it serves. A binding keeps the stub of the callback object it was last given: calling
 * a routine again and again with the same callback object (a field, a method reference kept in a
 * variable, a non-capturing lambda) makes one stub. A new object makes a new stub, as before. The stub
 * lives in an automatic arena: it is freed once no binding refers to it and no native call is using it
 * (a native call keeps the memory of its arguments alive until it returns). Each stub wraps the
 * callback with {@link CallbackGuard#protectShared}, so an exception it throws is rethrown by the
 * {@link CallbackGuard#enter() guard} of the native call that ran it.
 *
 * <p>One stub per object means a stub must not depend on the call: callers that need a different
 * behaviour per call pass a different object. Thread-safe: concurrent calls with different callbacks
 * each get a correct stub (the one remembered is whichever was made last).
 */
public final class UpcallStubs {

    private record Entry(Object callback, MemorySegment stub) {
    }

    private final MethodHandle target;
    private final FunctionDescriptor descriptor;
    private volatile Entry last;

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
        Entry e = last;
        if (e != null && e.callback() == callback) {
            return e.stub();
        }
        MemorySegment stub = Linker.nativeLinker().upcallStub(CallbackGuard.protectShared(target.bindTo(callback)), descriptor,
                Arena.ofAuto());
        last = new Entry(callback, stub);
        return stub;
    }
}
