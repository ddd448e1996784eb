// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Does element access through {@link DoubleArray} cost more than a Java {@code double[]}?
 *
 * <p>Sums 10<sup>7</sup> doubles four ways: {@code double[]}, a raw {@link MemorySegment} read
 * with a {@code static final} layout, {@code DoubleArray.get(i)} and {@code DoubleArray.getFlat(k)}.
 * A plain sum is bound by the latency of the floating-point adds (the JIT keeps their order, so it
 * does not vectorise them); all four should land within a few percent of each other.
 *
 * <p>How to run:
 * <pre>
 * ./mvnw -B -q -pl examples -am package -DskipTests
 * java --enable-native-access=ALL-UNNAMED -cp 'examples/target/classes:examples/target/lib/*' \
 *     org.openjdk.jmh.Main ArraySum -f 1 -wi 3 -i 5
 * </pre>
 * What you should see: the off-heap / {@code double[]} ratio at or below about 1.1. Measured on
 * the project's 2-core AMD EPYC (JDK 25, best of 10 to 15 one-second iterations, because other
 * work shared the machine): {@code double[]} 4.94 ms, {@code MemorySegment} 4.88 ms,
 * {@code getFlat} 5.00 ms, {@code get(i)} 5.07 ms. C2 inlines {@code get(i)} down to one
 * unaligned load behind the index checks ({@code -XX:+PrintInlining} shows it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ArraySumBenchmark {

    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE;

    /** Number of elements summed. */
    @Param("10000000")
    public int n;

    /** {@code confined}: the usual arena for a kernel call; {@code auto}: GC-owned memory. */
    @Param({"confined", "auto"})
    public String arenaKind;

    private Arena arena;
    private double[] javaArray;
    private MemorySegment segment;
    private DoubleArray array;

    /** Fills all three with the same values. */
    @Setup(Level.Trial)
    public void setUp() {
        arena = arenaKind.equals("confined") ? Arena.ofConfined() : Arena.ofAuto();
        javaArray = new double[n];
        array = DoubleArray.allocate(arena, Order.C, n);
        for (int i = 0; i < n; i++) {
            javaArray[i] = i % 1000 * 0.5;
            array.set(i, javaArray[i]);
        }
        segment = array.segment();
    }

    /** Frees the confined arena; an automatic one is left to the garbage collector. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (arenaKind.equals("confined")) {
            arena.close();
        }
    }

    /**
     * The baseline: a Java array.
     *
     * @return the sum
     */
    @Benchmark
    public double javaArray() {
        double[] a = javaArray;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i];
        }
        return sum;
    }

    /**
     * A raw segment, the lower bound for off-heap access.
     *
     * @return the sum
     */
    @Benchmark
    public double memorySegment() {
        MemorySegment s = segment;
        long count = s.byteSize() / Double.BYTES;
        double sum = 0;
        for (long i = 0; i < count; i++) {
            sum += s.getAtIndex(DOUBLE, i);
        }
        return sum;
    }

    /**
     * {@code DoubleArray.get(long i)}: checked rank-1 access.
     *
     * @return the sum
     */
    @Benchmark
    public double doubleArrayGet() {
        DoubleArray a = array;
        long count = a.shape(0);
        double sum = 0;
        for (long i = 0; i < count; i++) {
            sum += a.get(i);
        }
        return sum;
    }

    /**
     * {@code DoubleArray.getFlat(long k)}: memory-order access.
     *
     * @return the sum
     */
    @Benchmark
    public double doubleArrayGetFlat() {
        DoubleArray a = array;
        long count = a.size();
        double sum = 0;
        for (long k = 0; k < count; k++) {
            sum += a.getFlat(k);
        }
        return sum;
    }
}
