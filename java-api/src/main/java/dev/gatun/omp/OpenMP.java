// SPDX-License-Identifier: Apache-2.0
package dev.gatun.omp;

import dev.gatun.load.NativeLibrary;
import dev.gatun.load.NativeLoadException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Control of the OpenMP runtime that native kernels use, bound through FFM.
 *
 * <h2>Which runtime</h2>
 * The runtime is the one kernels link against: if a kernel already pulled in {@code libgomp.so.1}
 * (or LLVM's {@code libomp}, or Intel's {@code libiomp5}) that copy is used; otherwise
 * {@code libgomp.so.1} is loaded by soname, which is what the dynamic loader hands a kernel loaded
 * later. {@link #runtimeLibrary()} tells which file it is.
 *
 * <h2>Settings belong to the calling Java thread</h2>
 * The settings here are OpenMP internal control variables (ICVs), and OpenMP keeps them per thread.
 * <b>Each Java platform thread that calls into OpenMP is an OpenMP initial thread with its own ICVs.</b>
 * A setting made on Java thread A (for example {@code setNumThreads(4)}) applies to parallel regions
 * that kernels start when called from thread A, and <b>not</b> to kernels called from another thread B.
 * Thread B sees the process defaults, which come from the environment: {@code OMP_NUM_THREADS},
 * {@code OMP_DYNAMIC}, {@code OMP_SCHEDULE}, {@code OMP_THREAD_LIMIT}; without them the thread count is
 * the number of processors OpenMP sees ({@link #numProcs()}). So set the thread count on the thread that
 * calls the kernel, or use {@link #withThreads(int, Supplier)} around the call. The getters here read the
 * calling thread's values. A thread's own ICVs live until that thread ends.
 *
 * <p>Virtual threads move between carrier threads, so a setting would land on whichever carrier ran it:
 * the setters refuse to run on a virtual thread (use a platform thread for OpenMP work).
 *
 * <p>When no OpenMP runtime can be loaded, {@link #isAvailable()} is false and every other method throws
 * {@link NativeLoadException} saying what is missing.
 */
public final class OpenMP {
    private OpenMP() {
    }

    /** The runtime's bindings, resolved on first use. */
    private static final class Runtime {
        // Prefer a runtime already in the process: a kernel built with clang or icx brings its own.
        private static final String[] LOADED_CANDIDATES = {"libgomp.so.1", "libomp.so", "libomp.so.5", "libiomp5.so"};
        private static final String[] LOAD_CANDIDATES = {"libgomp.so.1", "libomp.so.5", "libomp.so", "libiomp5.so"};

        static final NativeLibrary LIBRARY;
        static final String FAILURE;
        static final MethodHandle SET_NUM_THREADS;
        static final MethodHandle GET_MAX_THREADS;
        static final MethodHandle GET_THREAD_LIMIT;
        static final MethodHandle GET_NUM_PROCS;
        static final MethodHandle SET_DYNAMIC;
        static final MethodHandle GET_DYNAMIC;
        static final MethodHandle SET_SCHEDULE;
        static final MethodHandle GET_SCHEDULE;

        static {
            NativeLibrary library = null;
            String failure = null;
            try {
                library = NativeLibrary.findLoadedSystem(LOADED_CANDIDATES)
                        .orElseGet(() -> NativeLibrary.requireSystem(LOAD_CANDIDATES));
            } catch (NativeLoadException e) {
                failure = "no OpenMP runtime could be loaded (" + e.getMessage()
                        + "); install gcc's OpenMP runtime (Debian/Ubuntu: libgomp1, Fedora: libgomp)";
            }
            LIBRARY = library;
            FAILURE = failure;
            SET_NUM_THREADS = handle("omp_set_num_threads", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
            GET_MAX_THREADS = handle("omp_get_max_threads", FunctionDescriptor.of(ValueLayout.JAVA_INT));
            GET_THREAD_LIMIT = handle("omp_get_thread_limit", FunctionDescriptor.of(ValueLayout.JAVA_INT));
            GET_NUM_PROCS = handle("omp_get_num_procs", FunctionDescriptor.of(ValueLayout.JAVA_INT));
            SET_DYNAMIC = handle("omp_set_dynamic", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
            GET_DYNAMIC = handle("omp_get_dynamic", FunctionDescriptor.of(ValueLayout.JAVA_INT));
            SET_SCHEDULE = handle("omp_set_schedule",
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            GET_SCHEDULE = handle("omp_get_schedule",
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        }

        private static MethodHandle handle(String symbol, FunctionDescriptor descriptor) {
            return LIBRARY == null ? null : LIBRARY.downcall(symbol, descriptor);
        }

        static void require() {
            if (LIBRARY == null) {
                throw new NativeLoadException(FAILURE);
            }
        }
    }

    /**
     * Whether an OpenMP runtime is loaded or could be loaded.
     *
     * @return true when the other methods work
     */
    public static boolean isAvailable() {
        return Runtime.LIBRARY != null;
    }

    /**
     * The OpenMP runtime library in use.
     *
     * @return the library, e.g. {@code libgomp.so.1} at {@code /usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0}
     * @throws NativeLoadException when no OpenMP runtime is available
     */
    public static NativeLibrary runtimeLibrary() {
        Runtime.require();
        return Runtime.LIBRARY;
    }

    /**
     * Sets the number of threads for parallel regions started from the calling thread
     * ({@code omp_set_num_threads}); other threads keep their own value.
     *
     * @param n threads per parallel region, from 1 to {@link #maxSupportedThreads()}
     * @throws IllegalArgumentException when {@code n < 1} or {@code n > maxSupportedThreads()}
     * @throws IllegalStateException on a virtual thread
     */
    public static void setNumThreads(int n) {
        requireThreadCount(n, "n");
        requirePlatformThread("setNumThreads");
        setNumThreadsUnchecked(n);
    }

    /** Sets the count without the bound: for restoring a count the runtime itself had. */
    private static void setNumThreadsUnchecked(int n) {
        Runtime.require();
        try {
            Runtime.SET_NUM_THREADS.invokeExact(n);
        } catch (Throwable t) {
            throw failed("omp_set_num_threads", t);
        }
    }

    /**
     * The number of threads a parallel region started from the calling thread would use
     * ({@code omp_get_max_threads}).
     *
     * @return the calling thread's {@code nthreads-var}
     */
    public static int maxThreads() {
        return callInt(Runtime.GET_MAX_THREADS, "omp_get_max_threads");
    }

    /**
     * The most threads {@link #setNumThreads(int)} and {@link #withThreads(int, Supplier)} accept: the
     * runtime's {@link #threadLimit()}, and at most the system property {@value #MAX_THREADS_PROPERTY} (default: the larger of
     * 1024 and 16 threads per processor). A team far beyond that does not make anything faster, and the
     * runtime cannot survive it: libgomp crashes the process when it cannot create the threads (100000
     * threads segfault, {@code Integer.MAX_VALUE} makes it exit).
     *
     * @return the largest thread count the setters accept, at least 1
     * @throws NativeLoadException when no OpenMP runtime is available
     */
    public static int maxSupportedThreads() {
        int limit = threadLimit();
        int cap = Integer.getInteger(MAX_THREADS_PROPERTY, Math.max(1024, 16 * numProcs()));
        return Math.max(1, Math.min(limit, cap));
    }

    /** The system property that caps thread counts (see {@link #maxSupportedThreads()}). */
    public static final String MAX_THREADS_PROPERTY = "gatun.omp.maxThreads";

    /**
     * The most threads OpenMP may use in total ({@code omp_get_thread_limit}, set by {@code OMP_THREAD_LIMIT}).
     *
     * @return the thread limit ({@link Integer#MAX_VALUE} when unlimited)
     */
    public static int threadLimit() {
        return callInt(Runtime.GET_THREAD_LIMIT, "omp_get_thread_limit");
    }

    /**
     * The processors OpenMP may use ({@code omp_get_num_procs}), which respects the CPU affinity mask.
     *
     * @return the processor count
     */
    public static int numProcs() {
        return callInt(Runtime.GET_NUM_PROCS, "omp_get_num_procs");
    }

    /**
     * Lets the runtime choose fewer threads than requested ({@code omp_set_dynamic}) for regions started
     * from the calling thread.
     *
     * @param dynamic true to allow dynamic adjustment
     * @throws IllegalStateException on a virtual thread
     */
    public static void setDynamic(boolean dynamic) {
        requirePlatformThread("setDynamic");
        Runtime.require();
        try {
            Runtime.SET_DYNAMIC.invokeExact(dynamic ? 1 : 0);
        } catch (Throwable t) {
            throw failed("omp_set_dynamic", t);
        }
    }

    /**
     * Whether dynamic adjustment is on for the calling thread ({@code omp_get_dynamic}).
     *
     * @return the calling thread's {@code dyn-var}
     */
    public static boolean isDynamic() {
        return callInt(Runtime.GET_DYNAMIC, "omp_get_dynamic") != 0;
    }

    /**
     * Sets the schedule of {@code schedule(runtime)} loops started from the calling thread
     * ({@code omp_set_schedule}).
     *
     * @param kind the schedule kind
     * @param chunk the chunk size, or 0 for the kind's default (static: even split; dynamic, guided: 1)
     * @throws IllegalArgumentException when {@code chunk < 0}
     * @throws IllegalStateException on a virtual thread
     */
    public static void setSchedule(Schedule kind, int chunk) {
        Objects.requireNonNull(kind, "kind");
        if (chunk < 0) {
            throw new IllegalArgumentException("chunk: expected >= 0 (0 = the kind's default), got " + chunk);
        }
        requirePlatformThread("setSchedule");
        Runtime.require();
        try {
            Runtime.SET_SCHEDULE.invokeExact(kind.code(), chunk);
        } catch (Throwable t) {
            throw failed("omp_set_schedule", t);
        }
    }

    /**
     * The schedule of {@code schedule(runtime)} loops for the calling thread ({@code omp_get_schedule}).
     *
     * @return the kind and chunk size as the runtime stores them
     */
    public static LoopSchedule schedule() {
        Runtime.require();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment kind = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment chunk = arena.allocate(ValueLayout.JAVA_INT);
            Runtime.GET_SCHEDULE.invokeExact(kind, chunk);
            return new LoopSchedule(Schedule.of(kind.get(ValueLayout.JAVA_INT, 0)), chunk.get(ValueLayout.JAVA_INT, 0));
        } catch (Throwable t) {
            throw failed("omp_get_schedule", t);
        }
    }

    /**
     * Runs {@code work} on the calling thread with {@code n} OpenMP threads, then restores the calling
     * thread's previous thread count, also when {@code work} throws.
     *
     * @param n threads per parallel region during {@code work}, from 1 to {@link #maxSupportedThreads()}
     * @param work the code that calls kernels
     * @param <T> the result type
     * @return what {@code work} returns
     * @throws IllegalArgumentException when {@code n < 1} or {@code n > maxSupportedThreads()}
     * @throws IllegalStateException on a virtual thread
     */
    public static <T> T withThreads(int n, Supplier<T> work) {
        requireThreadCount(n, "n");
        Objects.requireNonNull(work, "work");
        int previous = maxThreads();
        setNumThreads(n);
        try {
            return work.get();
        } finally {
            // The previous count came from the runtime (OMP_NUM_THREADS may exceed the cap): restore it as it was.
            setNumThreadsUnchecked(previous);
        }
    }

    /**
     * Runs {@code work} on the calling thread with {@code n} OpenMP threads, then restores the calling
     * thread's previous thread count, also when {@code work} throws.
     *
     * @param n threads per parallel region during {@code work}, from 1 to {@link #maxSupportedThreads()}
     * @param work the code that calls kernels
     * @throws IllegalArgumentException when {@code n < 1} or {@code n > maxSupportedThreads()}
     * @throws IllegalStateException on a virtual thread
     */
    public static void withThreads(int n, Runnable work) {
        Objects.requireNonNull(work, "work");
        withThreads(n, () -> {
            work.run();
            return null;
        });
    }

    private static int callInt(MethodHandle handle, String function) {
        Runtime.require();
        try {
            return (int) handle.invokeExact();
        } catch (Throwable t) {
            throw failed(function, t);
        }
    }

    private static void requireThreadCount(int n, String parameter) {
        if (n < 1) {
            throw new IllegalArgumentException(parameter + ": expected at least 1 thread, got " + n);
        }
        int max = maxSupportedThreads();
        if (n > max) {
            throw new IllegalArgumentException(parameter + ": expected at most " + max + " threads (the OpenMP thread limit "
                    + threadLimit() + ", capped by -D" + MAX_THREADS_PROPERTY + " at " + Integer.getInteger(MAX_THREADS_PROPERTY,
                    Math.max(1024, 16 * numProcs())) + "), got " + n);
        }
    }

    private static void requirePlatformThread(String method) {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("OpenMP." + method + " on a virtual thread: OpenMP settings belong to the"
                    + " OS thread, and a virtual thread changes carriers; call it from a platform thread");
        }
    }

    private static RuntimeException failed(String function, Throwable t) {
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(function + " failed", t);
    }
}
