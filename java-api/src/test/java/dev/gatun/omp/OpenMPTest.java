// SPDX-License-Identifier: Apache-2.0
package dev.gatun.omp;

import dev.gatun.load.NativeLibrary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenMP settings through FFM, checked against a real {@code gcc -fopenmp} kernel: a setting made on one
 * Java thread reaches kernels called from that thread only.
 */
class OpenMPTest {
    private static final String KERNEL = """
            #include <omp.h>
            int probe_max_threads(void) { return omp_get_max_threads(); }
            /* The real size of the team a parallel region gets when started from the calling thread. */
            int probe_team_size(void) {
                int size = 0;
                #pragma omp parallel
                {
                    #pragma omp single
                    size = omp_get_num_threads();
                }
                return size;
            }
            """;

    @TempDir
    static Path build;
    static MethodHandle kernelMaxThreads;
    static MethodHandle kernelTeamSize;

    @BeforeAll
    static void buildKernel() throws Exception {
        Files.writeString(build.resolve("probe.c"), KERNEL);
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-fopenmp", "-shared", "-fPIC", "-O2", "-o", "libompprobe.so", "probe.c")
                    .directory(build.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("gcc is not available: " + e.getMessage());
            return;
        }
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(120, TimeUnit.SECONDS) && gcc.exitValue() == 0, output);
        NativeLibrary kernel = NativeLibrary.load(build.resolve("libompprobe.so"));
        kernelMaxThreads = kernel.downcall("probe_max_threads", FunctionDescriptor.of(ValueLayout.JAVA_INT));
        kernelTeamSize = kernel.downcall("probe_team_size", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    }

    /** What a thread that never changed a setting gets: OMP_NUM_THREADS, else the processor count. */
    private static int defaultThreads() {
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null && !env.isBlank()) {
            return Integer.parseInt(env.split(",")[0].trim());
        }
        return OpenMP.numProcs();
    }

    /** Runs {@code body} on a new platform thread, so ICVs of other tests cannot leak in. */
    private static <T> T onFreshThread(Callable<T> body) throws Exception {
        FutureTask<T> task = new FutureTask<>(body);
        Thread thread = Thread.ofPlatform().start(task);
        T result = task.get(60, TimeUnit.SECONDS);
        thread.join();
        return result;
    }

    private static int maxThreadsSeenByKernel() {
        try {
            return (int) kernelMaxThreads.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static int teamSizeSeenByKernel() {
        try {
            return (int) kernelTeamSize.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void runtimeIsTheCopyTheKernelPulledIn() throws Exception {
        assertTrue(OpenMP.isAvailable());
        Path runtime = OpenMP.runtimeLibrary().path();
        // /proc/self/maps lists every mapped file: exactly one OpenMP runtime, and it is ours.
        var mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.contains("libgomp")).map(line -> line.substring(line.indexOf('/'))).distinct()
                .toList();
        assertEquals(1, mapped.size(), mapped.toString());
        assertEquals(Path.of(mapped.getFirst()).toRealPath(), runtime);
    }

    @Test
    void settingOnThreadAReachesKernelsCalledFromAButNotFromB() throws Exception {
        Assumptions.assumeTrue(System.getenv("OMP_DYNAMIC") == null, "OMP_DYNAMIC would let teams shrink");
        int defaults = defaultThreads();
        int chosen = defaults + 1; // differs from the default on any machine
        CountDownLatch aHasSet = new CountDownLatch(1);
        CountDownLatch bHasChecked = new CountDownLatch(1);

        FutureTask<int[]> threadA = new FutureTask<>(() -> {
            OpenMP.setNumThreads(chosen);
            aHasSet.countDown();
            assertTrue(bHasChecked.await(60, TimeUnit.SECONDS));
            // Checked after B ran: B's calls did not disturb A's setting either.
            return new int[] {OpenMP.maxThreads(), maxThreadsSeenByKernel(), teamSizeSeenByKernel()};
        });
        FutureTask<int[]> threadB = new FutureTask<>(() -> {
            assertTrue(aHasSet.await(60, TimeUnit.SECONDS));
            try {
                return new int[] {OpenMP.maxThreads(), maxThreadsSeenByKernel(), teamSizeSeenByKernel()};
            } finally {
                bHasChecked.countDown();
            }
        });
        Thread a = Thread.ofPlatform().name("omp-A").start(threadA);
        Thread b = Thread.ofPlatform().name("omp-B").start(threadB);

        int[] seenByB = threadB.get(60, TimeUnit.SECONDS);
        int[] seenByA = threadA.get(60, TimeUnit.SECONDS);
        a.join();
        b.join();
        assertEquals(chosen, seenByA[0], "A: OpenMP.maxThreads()");
        assertEquals(chosen, seenByA[1], "A: kernel's omp_get_max_threads()");
        assertEquals(chosen, seenByA[2], "A: kernel's parallel team size");
        assertEquals(defaults, seenByB[0], "B: OpenMP.maxThreads()");
        assertEquals(defaults, seenByB[1], "B: kernel's omp_get_max_threads()");
        assertEquals(defaults, seenByB[2], "B: kernel's parallel team size");
    }

    @Test
    void withThreadsAppliesToTheKernelAndRestoresEvenOnException() throws Exception {
        int[] seen = onFreshThread(() -> {
            OpenMP.setNumThreads(3);
            int inside = OpenMP.withThreads(1, OpenMPTest::teamSizeSeenByKernel);
            int[] insideFailing = new int[1];
            assertThrows(IllegalStateException.class, () -> OpenMP.withThreads(2, () -> {
                insideFailing[0] = teamSizeSeenByKernel();
                throw new IllegalStateException("kernel failed");
            }));
            return new int[] {inside, insideFailing[0], OpenMP.maxThreads(), teamSizeSeenByKernel()};
        });
        assertEquals(1, seen[0]);
        assertEquals(2, seen[1]);
        assertEquals(3, seen[2], "restored after an exception");
        assertEquals(3, seen[3]);
    }

    @Test
    void dynamicAndScheduleRoundTrip() throws Exception {
        onFreshThread(() -> {
            OpenMP.setDynamic(true);
            assertTrue(OpenMP.isDynamic());
            OpenMP.setDynamic(false);
            assertFalse(OpenMP.isDynamic());
            OpenMP.setSchedule(Schedule.DYNAMIC, 4);
            assertEquals(new LoopSchedule(Schedule.DYNAMIC, 4), OpenMP.schedule());
            OpenMP.setSchedule(Schedule.GUIDED, 16);
            assertEquals(new LoopSchedule(Schedule.GUIDED, 16), OpenMP.schedule());
            OpenMP.setSchedule(Schedule.STATIC, 0);
            assertEquals(new LoopSchedule(Schedule.STATIC, 0), OpenMP.schedule());
            OpenMP.setSchedule(Schedule.AUTO, 0);
            assertEquals(Schedule.AUTO, OpenMP.schedule().kind());
            return null;
        });
        assertTrue(OpenMP.numProcs() >= 1);
        assertTrue(OpenMP.threadLimit() >= 1);
    }

    @Test
    void badValuesNameTheParameter() {
        var n = assertThrows(IllegalArgumentException.class, () -> OpenMP.setNumThreads(0));
        assertEquals("n: expected at least 1 thread, got 0", n.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpenMP.withThreads(-2, () -> { }));
        var chunk = assertThrows(IllegalArgumentException.class, () -> OpenMP.setSchedule(Schedule.DYNAMIC, -1));
        assertTrue(chunk.getMessage().startsWith("chunk:"), chunk.getMessage());
    }

    @Test
    void threadCountsBeyondTheRuntimeLimitAreRefusedBeforeTheyReachIt() throws Exception {
        int max = OpenMP.maxSupportedThreads();
        assertTrue(max >= 1 && max <= OpenMP.threadLimit(), "maxSupportedThreads " + max);
        int before = OpenMP.maxThreads();
        // libgomp segfaults on 100000 threads and exits on Integer.MAX_VALUE: never handed to it.
        for (int n : new int[] {100_000, Integer.MAX_VALUE, max + 1}) {
            var e = assertThrows(IllegalArgumentException.class, () -> OpenMP.setNumThreads(n));
            assertTrue(e.getMessage().startsWith("n: expected at most " + max + " threads"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> OpenMP.withThreads(n, () -> { }));
        }
        assertEquals(before, OpenMP.maxThreads(), "a refused count changes nothing");
        OpenMP.withThreads(Math.min(max, 3), () -> assertEquals(Math.min(max, 3), OpenMP.maxThreads()));
        assertEquals(before, OpenMP.maxThreads());
    }

    @Test
    void virtualThreadsCannotChangeSettings() throws Exception {
        Thread virtual = Thread.ofVirtual().unstarted(() -> {
            var e = assertThrows(IllegalStateException.class, () -> OpenMP.setNumThreads(2));
            assertTrue(e.getMessage().contains("platform thread"), e.getMessage());
        });
        FutureTask<Void> wrapper = new FutureTask<>(virtual, null);
        Thread.ofVirtual().start(wrapper);
        wrapper.get(60, TimeUnit.SECONDS);
    }
}
