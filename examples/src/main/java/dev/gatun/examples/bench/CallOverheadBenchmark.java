// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

import dev.gatun.examples.bench.peers.Callpeers;
import dev.gatun.examples.bench.peers.JavaCppPeer;
import dev.gatun.examples.bench.peers.JnaDirectPeer;
import dev.gatun.examples.bench.peers.JnaInterfacePeer;
import dev.gatun.examples.bench.peers.JniPeer;
import dev.gatun.examples.bench.peers.PeerLibraries;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one native call costs, every way Java can make it, in one JMH run: a no-op and
 * {@code int add(int, int)} through Gatun's generated binding ({@link Callpeers}), a raw FFM
 * downcall, an FFM critical downcall, hand-written JNI, JNA (direct and interface mapping) and
 * JavaCPP; then a callback from native code into Java (per upcall): Gatun, raw FFM, JNI, JNA.
 *
 * <p>Every peer calls the same exported functions of {@code libcallpeers.so}
 * ({@code examples/src/main/c}); the JNI and JavaCPP glue is built in {@link #setUp()}.
 * Two Gatun upcall rows: the generated binding of the same C function the raw FFM row calls
 * ({@code gatun_apply_many(int (*)(int), int)}), and of a Fortran routine with a callback dummy, which
 * goes through a generated shim (module-level procedure pointers and adapters, one copy per concurrent
 * call: callback slots). Both reuse the upcall stub of a callback object they were given before (a field here), as
 * generated bindings do; {@code UPCALLS} callbacks per call spread the cost of the native call itself.
 *
 * <p>How to run (after {@code ./mvnw -B -q package -DskipTests}):
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp 'examples/target/classes:examples/target/lib/*' \
 *     org.openjdk.jmh.Main CallOverhead -f 1 -wi 3 -i 5
 * </pre>
 * What you should see: Gatun, FFM and JNI within a nanosecond or two of each other (a few ns),
 * critical a little below, JavaCPP close to JNI, JNA direct tens of ns and JNA interface more.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CallOverheadBenchmark {

    /** Callbacks per native call in the upcall rows; results are per callback. */
    public static final int UPCALLS = 100;

    private int a = 20;
    private int b = 22;
    private JnaInterfacePeer jnaInterface;
    private final Callpeers.ApplyManyF gatunCallback = i -> i + 1;
    private final Callpeers.GatunApplyManyF gatunCCallback = i -> i + 1;
    /** Each JMH thread's own callback object (it captures its state, so it is not a shared singleton). */
    private final Callpeers.ApplyManyF ownCallback = i -> i + b - 21;
    /** The lock of the "before" row: one call at a time per routine, as bindings did before callback slots. */
    private static final Object ONE_AT_A_TIME = new Object();
    private final JnaDirectPeer.IntOperator jnaCallback = i -> i + 1;

    /** Creates the state (JMH does). */
    public CallOverheadBenchmark() {
    }

    /**
     * Builds the JNI and JavaCPP glue and binds the JNA peers.
     *
     * @throws Exception when a compiler is missing or fails
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        PeerLibraries.loadJni();
        PeerLibraries.loadJavaCpp();
        PeerLibraries.registerJna();
        jnaInterface = PeerLibraries.loadJnaInterface();
    }

    /** Gatun's generated binding of {@code void gatun_noop(void)}. */
    @Benchmark
    public void noopGatun() {
        Callpeers.gatunNoop();
    }

    /** @throws Throwable never in practice */
    @Benchmark
    public void noopFfm() throws Throwable {
        RawFfm.NOOP.invokeExact();
    }

    /** @throws Throwable never in practice */
    @Benchmark
    public void noopFfmCritical() throws Throwable {
        RawFfm.NOOP_CRITICAL.invokeExact();
    }

    /** Hand-written JNI glue calling {@code gatun_noop}. */
    @Benchmark
    public void noopJni() {
        JniPeer.noop();
    }

    /** JNA direct mapping. */
    @Benchmark
    public void noopJnaDirect() {
        JnaDirectPeer.gatun_noop();
    }

    /** JNA interface mapping. */
    @Benchmark
    public void noopJnaInterface() {
        jnaInterface.gatun_noop();
    }

    /** JavaCPP's generated glue. */
    @Benchmark
    public void noopJavaCpp() {
        JavaCppPeer.noop();
    }

    /** @return a + b through Gatun's generated binding */
    @Benchmark
    public int addGatun() {
        return Callpeers.gatunAdd(a, b);
    }

    /** @return a + b @throws Throwable never in practice */
    @Benchmark
    public int addFfm() throws Throwable {
        return (int) RawFfm.ADD.invokeExact(a, b);
    }

    /** @return a + b @throws Throwable never in practice */
    @Benchmark
    public int addFfmCritical() throws Throwable {
        return (int) RawFfm.ADD_CRITICAL.invokeExact(a, b);
    }

    /** @return a + b through JNI */
    @Benchmark
    public int addJni() {
        return JniPeer.add(a, b);
    }

    /** @return a + b through JNA direct mapping */
    @Benchmark
    public int addJnaDirect() {
        return JnaDirectPeer.gatun_add(a, b);
    }

    /** @return a + b through JNA interface mapping */
    @Benchmark
    public int addJnaInterface() {
        return jnaInterface.gatun_add(a, b);
    }

    /** @return a + b through JavaCPP */
    @Benchmark
    public int addJavaCpp() {
        return JavaCppPeer.add(a, b);
    }

    /** @return the callbacks' sum; Gatun's generated binding of the Fortran routine (through its shim) */
    @Benchmark
    @OperationsPerInvocation(UPCALLS)
    public int upcallGatun() {
        return Callpeers.applyMany(gatunCallback, UPCALLS);
    }

    /**
     * Four threads calling the Fortran routine at once, each with its own callback object, one callback per
     * call: the shim's callback slots ({@code dev.gatun.load.CallbackSlots}) let the calls run together.
     *
     * @return the callback's result
     */
    @Benchmark
    @Threads(4)
    public int upcallGatunThreads() {
        return Callpeers.applyMany(ownCallback, 1);
    }

    /**
     * The same calls under one lock shared by the threads: what the binding did before the slots (one call
     * at a time per routine); the slot is still taken inside, so this is the old cost plus one free slot.
     *
     * @return the callback's result
     */
    @Benchmark
    @Threads(4)
    public int upcallGatunThreadsLocked() {
        synchronized (ONE_AT_A_TIME) {
            return Callpeers.applyMany(ownCallback, 1);
        }
    }

    /** @return the callbacks' sum; Gatun's generated binding of the C function the raw FFM row calls */
    @Benchmark
    @OperationsPerInvocation(UPCALLS)
    public int upcallGatunC() {
        return Callpeers.gatunApplyMany(gatunCCallback, UPCALLS);
    }

    /** @return the callbacks' sum; raw FFM downcall with an upcall stub made once @throws Throwable never */
    @Benchmark
    @OperationsPerInvocation(UPCALLS)
    public int upcallFfm() throws Throwable {
        return (int) RawFfm.APPLY_MANY.invokeExact(RawFfm.CALLBACK_STUB, UPCALLS);
    }

    /**
     * What Gatun's bindings did before stubs were reused: a raw FFM downcall with a new upcall stub made
     * (and freed) for each call.
     *
     * @return the callbacks' sum
     * @throws Throwable never
     */
    @Benchmark
    @OperationsPerInvocation(UPCALLS)
    @SuppressWarnings("restricted")
    public int upcallFfmStubPerCall() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stub = RawFfm.LINKER.upcallStub(RawFfm.PLUS_ONE, RawFfm.INT_INT, arena);
            return (int) RawFfm.APPLY_MANY.invokeExact(stub, UPCALLS);
        }
    }

    /** @return the callbacks' sum; JNI {@code CallStaticIntMethod} */
    @Benchmark
    @OperationsPerInvocation(UPCALLS)
    public int upcallJni() {
        return JniPeer.applyMany(UPCALLS);
    }

    /** @return the callbacks' sum; JNA {@code Callback} */
    @Benchmark
    @OperationsPerInvocation(UPCALLS)
    public int upcallJna() {
        return JnaDirectPeer.gatun_apply_many(jnaCallback, UPCALLS);
    }

    /** The raw FFM baselines: handles in static finals, as constant to the JIT as the generated binding's own. */
    private static final class RawFfm {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final SymbolLookup LOOKUP = SymbolLookup.libraryLookup(PeerLibraries.callpeers(), Arena.global());
        static final MethodHandle NOOP = LINKER.downcallHandle(LOOKUP.findOrThrow("gatun_noop"), FunctionDescriptor.ofVoid());
        static final MethodHandle NOOP_CRITICAL = LINKER.downcallHandle(LOOKUP.findOrThrow("gatun_noop"),
                FunctionDescriptor.ofVoid(), Linker.Option.critical(false));
        private static final FunctionDescriptor INT_INT_INT = FunctionDescriptor.of(
                JAVA_INT, JAVA_INT, JAVA_INT);
        static final MethodHandle ADD = LINKER.downcallHandle(LOOKUP.findOrThrow("gatun_add"), INT_INT_INT);
        static final MethodHandle ADD_CRITICAL = LINKER.downcallHandle(LOOKUP.findOrThrow("gatun_add"), INT_INT_INT,
                Linker.Option.critical(false));
        static final MethodHandle APPLY_MANY = LINKER.downcallHandle(LOOKUP.findOrThrow("gatun_apply_many"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS,
                        JAVA_INT));
        static final MemorySegment CALLBACK_STUB;
        static final MethodHandle PLUS_ONE;
        static final FunctionDescriptor INT_INT = FunctionDescriptor.of(JAVA_INT, JAVA_INT);

        static {
            try {
                MethodHandle target = MethodHandles.lookup().findStatic(RawFfm.class, "plusOne",
                        MethodType.methodType(int.class, int.class));
                PLUS_ONE = target;
                CALLBACK_STUB = LINKER.upcallStub(target, FunctionDescriptor.of(JAVA_INT,
                        JAVA_INT), Arena.global());
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private static int plusOne(int i) {
            return i + 1;
        }
    }
}
