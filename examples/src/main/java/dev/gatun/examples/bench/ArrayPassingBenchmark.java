// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Memory;
import dev.gatun.array.DoubleArray;
import dev.gatun.examples.bench.peers.Callpeers;
import dev.gatun.examples.bench.peers.JnaDirectPeer;
import dev.gatun.examples.bench.peers.JniPeer;
import dev.gatun.examples.bench.peers.PeerLibraries;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Zero copy: the cost of handing an array of n doubles to {@code double gatun_first(const double *a,
 * long n)}, which reads one element, for n = 10^2 ... 10^8. Whatever grows with n is a copy.
 *
 * <p>Rows: an off-heap Gatun {@link DoubleArray} through the generated binding; a heap
 * {@code double[]} through the generated binding's critical downcall; JNI with
 * {@code GetPrimitiveArrayCritical} and with {@code GetDoubleArrayElements}; JNA with a
 * {@code double[]} and with its own native {@code Memory}.
 *
 * <p>How to run (after {@code ./mvnw -B -q package -DskipTests}; 10^8 doubles are 800 MB per
 * array, so give the fork a heap; the JVM flag is passed through JMH):
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp 'examples/target/classes:examples/target/lib/*' \
 *     org.openjdk.jmh.Main ArrayPassing -f 1 -wi 2 -i 3 -jvmArgsAppend -Xmx3g
 * </pre>
 * What you should see: the Gatun and critical rows flat (nanoseconds at every n); the
 * {@code GetDoubleArrayElements} and JNA {@code double[]} rows growing linearly with n (they copy).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx3g"})
public class ArrayPassingBenchmark {

    /** Elements in the array. */
    @Param({"100", "10000", "1000000", "100000000"})
    public int n;

    private Arena arena;
    private DoubleArray offHeap;
    private double[] heap;
    private Memory jnaMemory;

    /** Creates the state (JMH does). */
    public ArrayPassingBenchmark() {
    }

    /**
     * Allocates the arrays and builds the JNI glue.
     *
     * @throws Exception when gcc is missing or fails
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        PeerLibraries.loadJni();
        PeerLibraries.registerJna();
        arena = Arena.ofConfined();
        offHeap = DoubleArray.allocate(arena, n);
        offHeap.set(0, 1.5);
        heap = new double[n];
        heap[0] = 1.5;
        jnaMemory = new Memory(8L * n);
        jnaMemory.setDouble(0, 1.5);
    }

    /** Frees the off-heap memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
        jnaMemory.close();
    }

    /** @return a[0]; Gatun's generated binding, off-heap array */
    @Benchmark
    public double gatunOffHeap() {
        return Callpeers.gatunFirst(offHeap, n);
    }

    /** @return a[0]; Gatun's generated binding, heap array through its critical downcall */
    @Benchmark
    public double gatunHeapCritical() {
        return Callpeers.gatunFirst(heap, n);
    }

    /** @return a[0]; JNI GetPrimitiveArrayCritical */
    @Benchmark
    public double jniCritical() {
        return JniPeer.firstCritical(heap);
    }

    /** @return a[0]; JNI GetDoubleArrayElements */
    @Benchmark
    public double jniArrayElements() {
        return JniPeer.firstElements(heap);
    }

    /** @return a[0]; JNA direct mapping with a heap array */
    @Benchmark
    public double jnaHeapArray() {
        return JnaDirectPeer.gatun_first(heap, n);
    }

    /** @return a[0]; JNA direct mapping with JNA-owned native memory */
    @Benchmark
    public double jnaMemory() {
        return JnaDirectPeer.gatun_first(jnaMemory, n);
    }
}
