// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench;

import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What launching a kernel costs from Java: the same empty kernel (one cubin, one primary context)
 * launched through Gatun ({@code CudaKernel.launch} with a reused {@code KernelArguments}) and through
 * JCuda ({@code cuLaunchKernel}), each on its own non-blocking stream.
 *
 * <p>Two shapes per peer: {@code *Synchronized} launches and waits for the stream each operation (the
 * round trip a dependent launch pays); {@code *Queued} launches {@value #BATCH} times and synchronises
 * once, reported per launch (the host-side cost, as {@code cuda/scripts/launch_latency.cu} measures C).
 *
 * <p>How to run, on a machine with a GPU, after {@code ./mvnw -B -q package -DskipTests}:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp 'examples/target/classes:examples/target/lib/*' \
 *     org.openjdk.jmh.Main KernelLaunch -f 1 -wi 3 -i 5
 * </pre>
 * Without JMH, {@link KernelLaunchComparison} prints the same four numbers and the C program's in one table.
 * What you should see on an H200: Gatun within a few percent of C (about 3.5-4 us per queued launch),
 * JCuda 1.5-2 us more. Without a GPU the setup fails with the reason.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class KernelLaunchBenchmark {

    /** Launches per synchronisation in the queued benchmarks. */
    public static final int BATCH = 1000;

    private EmptyKernelLaunches launches;

    /** Creates the state (JMH does). */
    public KernelLaunchBenchmark() {
    }

    /** Compiles the empty kernel and loads it through Gatun and JCuda. */
    @Setup(Level.Trial)
    public void setUp() {
        launches = EmptyKernelLaunches.open();
    }

    /**
     * Makes the primary context current for JCuda in the thread that runs the next iteration (Gatun does
     * this itself on every call; JCuda relies on the thread's current context).
     */
    @Setup(Level.Iteration)
    public void shareContextWithThisThread() {
        launches.shareContext();
    }

    /** Unloads both modules and destroys both streams. */
    @TearDown(Level.Trial)
    public void tearDown() {
        launches.close();
    }

    /** Gatun: launch, then wait for the stream. */
    @Benchmark
    public void gatunSynchronized() {
        launches.gatunLaunch();
        launches.gatunSync();
    }

    /** JCuda: launch, then wait for the stream. */
    @Benchmark
    public void jcudaSynchronized() {
        launches.jcudaLaunch();
        launches.jcudaSync();
    }

    /** Gatun: {@value #BATCH} launches back to back, one wait; per launch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void gatunQueued() {
        for (int i = 0; i < BATCH; i++) {
            launches.gatunLaunch();
        }
        launches.gatunSync();
    }

    /** JCuda: {@value #BATCH} launches back to back, one wait; per launch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void jcudaQueued() {
        for (int i = 0; i < BATCH; i++) {
            launches.jcudaLaunch();
        }
        launches.jcudaSync();
    }
}
