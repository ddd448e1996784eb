// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the friendly layer costs: a generated binding ({@link ByRefNoop}, checked in as
 * {@code gatun wrap} wrote it from {@code by_ref_noop.f90}) calling a no-op with two scalars
 * passed by reference, against a hand-made {@code MethodHandle} downcall of the same symbol with
 * segments allocated once. The target is friendly within 1.2x of raw: the friendly layer reuses
 * per-thread scratch, so it allocates nothing per call.
 *
 * <p>The examples build cannot run the generator yet, so {@link #build()} compiles the Fortran
 * with gfortran into a temporary directory and points {@code gatun.library.path} at it before
 * the binding class is first touched.
 *
 * <p>How to run (after {@code ./mvnw -B -q package -DskipTests}):
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp 'examples/target/classes:examples/target/lib/*' \
 *     org.openjdk.jmh.Main ByRefCall -f 1 -wi 3 -i 5
 * </pre>
 * You should see {@code friendly} and {@code raw} a few nanoseconds each, within 20% of each other.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ByRefCallBenchmark {

    private Path work;
    private Arena arena;
    /** Set by {@link #build()} before {@link Direct} is first touched. */
    private static volatile Path libraryFile;
    private MemorySegment n;
    private MemorySegment x;
    private int counter;

    /** Creates the benchmark state (JMH does). */
    public ByRefCallBenchmark() {
    }

    /**
     * Compiles the no-op and binds it both ways.
     *
     * @throws IOException          when the source cannot be copied
     * @throws InterruptedException when interrupted while gfortran runs
     */
    @Setup(Level.Trial)
    public void build() throws IOException, InterruptedException {
        work = Files.createTempDirectory("gatun-bench-");
        Path source = work.resolve("by_ref_noop.f90");
        try (InputStream in = ByRefCallBenchmark.class.getResourceAsStream("by_ref_noop.f90")) {
            if (in == null) {
                throw new IllegalStateException("by_ref_noop.f90 is missing from the class path; rebuild the examples module");
            }
            Files.copy(in, source);
        }
        Path library = work.resolve(System.mapLibraryName("by_ref_noop"));
        // Same portable flags as gatun's compiler driver.
        Process gfortran = new ProcessBuilder(List.of("gfortran", "-O2", "-fPIC", "-shared", "-o", library.toString(), source.toString()))
                .inheritIO().start();
        if (gfortran.waitFor() != 0) {
            throw new IllegalStateException("gfortran failed on " + source + "; install gfortran to run this benchmark");
        }
        System.setProperty("gatun.library.path", work.toString());
        arena = Arena.ofConfined();
        libraryFile = library;
        n = arena.allocate(ValueLayout.JAVA_INT);
        x = arena.allocate(ValueLayout.JAVA_DOUBLE);
        ByRefNoop.byRefNoop(1, 1.0); // loads the library through NativeLibrary now, not in the first measured call
    }

    /** Removes the temporary library. @throws IOException when it cannot be deleted */
    @TearDown(Level.Trial)
    public void clean() throws IOException {
        arena.close();
        try (var files = Files.list(work)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(work);
    }

    /** The generated friendly method: values in, scratch written, downcall. */
    @Benchmark
    public void friendly() {
        ByRefNoop.byRefNoop(counter++, 2.5);
    }

    /**
     * The baseline: the downcall of the same symbol with segments allocated once, values stored as the friendly layer does.
     *
     * @throws Throwable never in practice (the no-op cannot fail)
     */
    @Benchmark
    public void raw() throws Throwable {
        n.set(ValueLayout.JAVA_INT, 0, counter++);
        x.set(ValueLayout.JAVA_DOUBLE, 0, 2.5);
        Direct.HANDLE.invokeExact(n, x);
    }

    /** The baseline handle in a static final field, as constant to the JIT as the generated binding's own. */
    private static final class Direct {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(
                SymbolLookup.libraryLookup(libraryFile, Arena.global()).findOrThrow("by_ref_noop"),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }
}
