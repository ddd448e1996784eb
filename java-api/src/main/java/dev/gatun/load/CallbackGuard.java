// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps an exception thrown by a Java callback from killing the JVM, and rethrows it once the
 * native call that invoked the callback has returned.
 *
 * <p>An exception must never unwind through native frames: the FFM runtime answers one escaping
 * an upcall by terminating the process. Generated bindings therefore wrap each callback with
 * {@link #protect(MethodHandle)}: when the callback throws, the guard records the first throwable,
 * the native code receives zero (or {@code false}, or {@code NULL}) for that call and runs to its
 * end, and {@link #close()} rethrows the recorded throwable to the Java caller. A callback invoked
 * from native worker threads (an OpenMP loop, say) is covered too: the record is shared.
 * {@snippet :
 * try (Arena arena = Arena.ofConfined(); CallbackGuard guard = CallbackGuard.open()) {
 *     MemorySegment stub = linker.upcallStub(guard.protect(target), descriptor, arena);
 *     nativeIntegrate(stub, 0.0, 1.0);
 * } // rethrows here what the callback threw
 * }
 */
public final class CallbackGuard implements AutoCloseable {

    private static final MethodHandle RECORD;
    private static final MethodHandle RECORD_SHARED;

    static {
        try {
            RECORD = MethodHandles.lookup().findVirtual(CallbackGuard.class, "record",
                    MethodType.methodType(void.class, Throwable.class));
            RECORD_SHARED = MethodHandles.lookup().findStatic(CallbackGuard.class, "recordShared",
                    MethodType.methodType(void.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The guard of the native call in progress on this thread ({@link #enter()}), innermost first. */
    private static final ThreadLocal<CallbackGuard> CURRENT = new ThreadLocal<>();

    /** What a shared-stub callback threw on a thread with no open guard (a native worker thread). */
    private static final AtomicReference<Throwable> STRAY = new AtomicReference<>();

    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private final CallbackGuard outer;
    private final boolean entered;

    private CallbackGuard(CallbackGuard outer, boolean entered) {
        this.outer = outer;
        this.entered = entered;
    }

    /**
     * Opens a guard for one native call.
     *
     * @return a new guard with nothing recorded
     */
    public static CallbackGuard open() {
        return new CallbackGuard(null, false);
    }

    /**
     * Opens a guard for one native call whose callbacks use stubs made once with {@link #protectShared}
     * (see {@link UpcallStubs}): until {@link #close()}, what such a callback throws on this thread is
     * recorded here. Guards nest: a callback that calls a binding again opens an inner one.
     *
     * @return a new guard, current on this thread until closed
     */
    public static CallbackGuard enter() {
        CallbackGuard g = new CallbackGuard(CURRENT.get(), true);
        CURRENT.set(g);
        return g;
    }

    /**
     * Wraps a callback's method handle once, for an upcall stub that serves many native calls: a
     * throwable it raises is recorded in the guard the running thread has {@linkplain #enter() entered}
     * (the Java thread that made the native call), and the native caller receives the zero value of the
     * return type. A callback run on a thread with no guard (a worker thread the native code started)
     * leaves its throwable for the next guard closed on any thread; with several native calls in flight
     * at once, that may be another one than the call that ran it.
     *
     * @param target the callback, with the signature the upcall stub needs
     * @return a handle of the same type that never throws
     */
    public static MethodHandle protectShared(MethodHandle target) {
        MethodType type = target.type();
        MethodHandle zero = MethodHandles.zero(type.returnType());
        MethodHandle handler = MethodHandles.dropArguments(zero, 0, type.insertParameterTypes(0, Throwable.class).parameterList());
        handler = MethodHandles.foldArguments(handler, RECORD_SHARED);
        return MethodHandles.catchException(target, Throwable.class, handler);
    }

    private static void recordShared(Throwable t) {
        CallbackGuard g = CURRENT.get();
        if (g != null) {
            g.record(t);
        } else if (!STRAY.compareAndSet(null, t)) {
            Throwable kept = STRAY.get();
            if (kept != null && kept != t) {
                kept.addSuppressed(t);
            }
        }
    }

    /**
     * Wraps a callback's method handle so that a throwable it raises is recorded here and the native
     * caller receives the zero value of the return type instead.
     *
     * @param target the callback, with the signature the upcall stub needs
     * @return a handle of the same type that never throws
     */
    public MethodHandle protect(MethodHandle target) {
        MethodType type = target.type();
        // handler(Throwable, args...) -> zero of the return type, after recording the throwable.
        MethodHandle zero = MethodHandles.zero(type.returnType());
        MethodHandle handler = MethodHandles.dropArguments(zero, 0, type.insertParameterTypes(0, Throwable.class).parameterList());
        handler = MethodHandles.foldArguments(handler, RECORD.bindTo(this));
        return MethodHandles.catchException(target, Throwable.class, handler);
    }

    /** Records the first throwable a protected callback raised; later ones are added as suppressed. */
    private void record(Throwable t) {
        if (!first.compareAndSet(null, t)) {
            Throwable kept = first.get();
            if (kept != t) {
                kept.addSuppressed(t);
            }
        }
    }

    /**
     * Rethrows what a protected callback threw during the call, if anything.
     *
     * @throws RuntimeException the callback's unchecked exception, as thrown; a checked one (which a
     *                          callback can only raise by sneaky throwing) is wrapped
     * @throws Error            the callback's error, as thrown
     */
    @Override
    public void close() {
        if (entered) {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
        Throwable t = first.getAndSet(null);
        if (t == null && entered && STRAY.get() != null) {
            t = STRAY.getAndSet(null);
        }
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a callback threw " + t, t);
    }
}
