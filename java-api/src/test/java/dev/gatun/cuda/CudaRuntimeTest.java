// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.array.ArrayRequirement;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.ElementType;
import dev.gatun.array.FloatArray;
import dev.gatun.array.Location;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CUDA runtime on a real device: copies, kernels from NVRTC, streams and events, pinned arrays,
 * the pool, errors as exceptions. Skips with the reason where there is no driver or device.
 */
class CudaRuntimeTest {

    static final String SCALE = """
            extern "C" __global__ void scale(double *x, double a, int n) {
                int i = blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) x[i] *= a;
            }
            extern "C" __global__ void empty() {}
            """;

    private static CudaDevice gpu;

    @BeforeAll
    static void device() {
        assumeTrue(Cuda.isAvailable(), () -> "no CUDA: " + Cuda.unavailableReason().orElse(""));
        gpu = Cuda.device(0);
        System.out.println("CUDA driver " + Cuda.driverVersion() + ", " + Cuda.deviceCount() + " device(s)");
        for (CudaDevice d : Cuda.devices()) {
            System.out.println(d.describe());
        }
    }

    @Test
    void hostDeviceRoundTripKeepsEveryElementTypeAndOrder() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.allocate(arena, Order.FORTRAN, 3, 5);
            for (int k = 0; k < 15; k++) {
                a.setFlat(k, k * 1.5 - 3);
            }
            try (DeviceArray d = DeviceArray.copyOf(gpu, a)) {
                assertEquals(Location.DEVICE, d.location());
                assertEquals(Order.FORTRAN, d.order());
                assertArrayEquals(new long[] {1, 3}, d.strides());
                DoubleArray back = DoubleArray.allocate(arena, Order.FORTRAN, 3, 5);
                d.copyTo(back);
                assertArrayEquals(a.toArray(), back.toArray());
            }
            FloatArray f = FloatArray.of(arena, Order.C, new float[] {1, 2, 3, 4}, 2, 2);
            try (DeviceArray d = DeviceArray.copyOf(gpu, f); DeviceArray e = DeviceArray.allocate(gpu, ElementType.FLOAT, Order.C, 2, 2)) {
                e.copyFrom(d, null);
                FloatArray back = FloatArray.allocate(arena, Order.C, 2, 2);
                e.copyTo(back);
                assertArrayEquals(f.toArray(), back.toArray());
            }
        }
    }

    @Test
    void deviceArraysAreRefusedWhereHostMemoryIsRequired() {
        try (DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 10)) {
            var requirement = ArrayRequirement.host("x", ElementType.DOUBLE, 1, Order.C);
            var e = assertThrows(IllegalArgumentException.class, () -> requirement.check(d));
            assertTrue(e.getMessage().contains("x"), e.getMessage());
        }
    }

    @Test
    void nvrtcKernelRunsOnAStreamAndEventsTimeIt() {
        int n = 1000;
        try (Arena arena = Arena.ofConfined(); CudaModule module = CudaCompiler.compile(gpu, SCALE, "scale.cu");
             CudaStream stream = CudaStream.create(gpu); CudaEvent start = CudaEvent.create(gpu);
             CudaEvent end = CudaEvent.create(gpu); PinnedArena pinned = PinnedArena.open(gpu)) {
            DoubleArray x = DoubleArray.allocate(pinned, n);
            for (int i = 0; i < n; i++) {
                x.set(i, i);
            }
            try (DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, n)) {
                d.copyFromAsync(x, stream);
                start.record(stream);
                module.kernel("scale").launch(new LaunchConfig(Dim3.covering(n, 128), Dim3.of(128), 0, stream), d, 2.5, n);
                end.record(stream);
                d.copyToAsync(x, stream);
                stream.synchronize();
                assertTrue(stream.isComplete());
                for (int i = 0; i < n; i++) {
                    assertEquals(2.5 * i, x.get(i), 0.0, "x[" + i + "]");
                }
                float ms = CudaEvent.elapsedMillis(start, end);
                assertTrue(ms >= 0 && ms < 1000, "elapsed " + ms + " ms");
            }
            // The PTX path: compiled for compute_80, JIT-compiled by the driver.
            String ptx = CudaCompiler.compileToPtx(80, SCALE, "scale.cu");
            assertTrue(ptx.contains(".entry scale"), ptx);
            try (CudaModule fromPtx = CudaModule.load(gpu, ptx.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                assertEquals("scale", fromPtx.kernel("scale").name());
            }
        }
    }

    @Test
    void aRecordingHoldsEveryLaunchAndCopyWithItsGpuTime() throws Exception {
        int n = 1 << 20;
        java.nio.file.Path jfr = java.nio.file.Files.createTempFile("gpu-profile", ".jfr");
        try (Arena arena = Arena.ofConfined(); CudaModule module = CudaCompiler.compile(gpu, SCALE, "scale.cu");
             CudaStream stream = CudaStream.create(gpu); jdk.jfr.Recording recording = new jdk.jfr.Recording();
             DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, n)) {
            DoubleArray x = DoubleArray.allocate(arena, n);
            x.fill(1.0);
            LaunchConfig config = new LaunchConfig(Dim3.covering(n, 256), Dim3.of(256), 0, stream);
            module.kernel("scale").launch(config, d, 2.0, n); // before the recording: not counted
            stream.synchronize();
            recording.enable(dev.gatun.profile.GpuWorkEvent.NAME).withThreshold(java.time.Duration.ZERO);
            recording.start();
            d.copyFrom(x);
            for (int i = 0; i < 5; i++) {
                module.kernel("scale").launch(config, d, 2.0, n);
            }
            d.copyToAsync(x, stream);
            stream.synchronize();
            recording.stop();
            recording.dump(jfr);
            assertEquals(32.0, x.get(n - 1), "the profiled work still ran");
        }
        dev.gatun.profile.ProfileReport report = dev.gatun.profile.ProfileReport.read(jfr);
        System.out.print(report.format());
        var kernel = report.gpuRows().stream().filter(r -> r.kind().equals("kernel")).findFirst().orElseThrow();
        assertEquals("scale", kernel.name(), report::format);
        assertEquals(5, kernel.calls(), report::format);
        assertTrue(kernel.gpuNanos() > 0, report::format);
        var in = report.gpuRows().stream().filter(r -> r.kind().equals("copy HtoD")).findFirst().orElseThrow();
        assertEquals(1, in.calls(), report::format);
        assertEquals(8L * n, in.bytes(), report::format);
        var out = report.gpuRows().stream().filter(r -> r.kind().equals("copy DtoH")).findFirst().orElseThrow();
        assertEquals(8L * n, out.bytes(), report::format);
        // 8 MiB over PCIe or NVLink takes more than a microsecond and less than a second.
        assertTrue(in.gpuNanos() > 1_000 && in.gpuNanos() < 1_000_000_000L, report::format);
        java.nio.file.Files.deleteIfExists(jfr);
    }

    @Test
    void compilerErrorsCarryTheLog() {
        var e = assertThrows(CudaCompilationException.class,
                () -> CudaCompiler.compile(gpu, "extern \"C\" __global__ void k() { undeclared = 1; }", "broken.cu"));
        assertTrue(e.log().contains("broken.cu") && e.log().contains("undeclared"), e.getMessage());
        assertTrue(e.getMessage().contains("NVRTC_ERROR_COMPILATION"), e.getMessage());
    }

    @Test
    void driverErrorsBecomeExceptionsWithTheDriversNames() {
        try (CudaModule module = CudaCompiler.compile(gpu, SCALE, "scale.cu")) {
            var missing = assertThrows(CudaException.class, () -> module.kernel("nope"));
            assertEquals("CUDA_ERROR_NOT_FOUND", missing.statusName(), missing.getMessage());
            try (CudaStream stream = CudaStream.create(gpu)) {
                var tooBig = assertThrows(CudaException.class, () -> module.kernel("empty")
                        .launch(new LaunchConfig(Dim3.of(1), Dim3.of(gpu.maxThreadsPerBlock() + 1), 0, stream)));
                assertEquals("CUDA_ERROR_INVALID_VALUE", tooBig.statusName(), tooBig.getMessage());
                stream.synchronize(); // the context is still usable
            }
        }
        assertThrows(CudaException.class, () -> CudaModule.load(gpu, "not PTX".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @Test
    void outOfMemoryLeavesTheProcessUsable() {
        long tooMuch = gpu.totalMemory() * 2;
        var e = assertThrows(CudaOutOfMemoryException.class,
                () -> DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, tooMuch / 8));
        assertEquals("CUDA_ERROR_OUT_OF_MEMORY", e.statusName());
        try (DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 1024)) {
            d.zero();
            gpu.synchronize();
        }
    }

    @Test
    void useAfterFreeAndClosedObjectsAreExceptions() {
        DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 16);
        d.close();
        d.close(); // idempotent
        assertFalse(d.isAlive());
        assertThrows(IllegalStateException.class, d::address);
        assertThrows(IllegalStateException.class, d::zero);
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(IllegalStateException.class, () -> d.copyTo(DoubleArray.allocate(arena, 16)));
        }
        KernelArguments args = KernelArguments.allocate(1);
        try (DeviceArray live = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 16)) {
            args.set(0, live);
        }
        try (CudaModule module = CudaCompiler.compile(gpu, SCALE, "scale.cu"); CudaStream stream = CudaStream.create(gpu)) {
            CudaKernel k = module.kernel("scale");
            KernelArguments three = KernelArguments.of(DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 1), 1.0, 1);
            var e = assertThrows(IllegalStateException.class, () -> k.launch(LaunchConfig.of(1, 1, stream),
                    KernelArguments.allocate(3).set(0, closedArray()).set(1, 1.0).set(2, 1)));
            assertTrue(e.getMessage().contains("argument 0"), e.getMessage());
            module.close();
            assertThrows(IllegalStateException.class, () -> k.launch(LaunchConfig.of(1, 1, stream), three));
        }
        CudaStream closed = CudaStream.create(gpu);
        closed.close();
        assertThrows(IllegalStateException.class, closed::synchronize);
    }

    private static DeviceArray closedArray() {
        DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 1);
        KernelArguments hold = KernelArguments.allocate(1).set(0, d);
        d.close();
        assertEquals(1, hold.count());
        return d;
    }

    @Test
    void hostArraysMustMatchTheDeviceArray() {
        try (Arena arena = Arena.ofConfined(); DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, 4, 4)) {
            var wrongType = assertThrows(IllegalArgumentException.class, () -> d.copyFrom(FloatArray.allocate(arena, 16)));
            assertTrue(wrongType.getMessage().contains("double"), wrongType.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.copyFrom(DoubleArray.allocate(arena, 15)));
            assertThrows(IllegalArgumentException.class, () -> d.copyFrom(DoubleArray.allocate(arena, Order.FORTRAN, 4, 4)));
            assertThrows(IllegalArgumentException.class, () -> d.copyFrom(DoubleArray.ofHeap(new double[16]).reshape(4, 4)));
        }
    }

    @Test
    void everyJavaThreadGetsTheContext() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                final double value = t;
                results.add(pool.submit(() -> {
                    try (Arena arena = Arena.ofConfined();
                         DeviceArray d = DeviceArray.copyOf(gpu, DoubleArray.of(arena, Order.C, new double[] {value}, 1))) {
                        DoubleArray back = DoubleArray.allocate(arena, 1);
                        d.copyTo(back);
                        return back.get(0);
                    }
                }));
            }
            for (int t = 0; t < 16; t++) {
                assertEquals(t, results.get(t).get(), 0.0);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void thePoolReusesBlocksAndReleasesThem() {
        DeviceMemoryPool pool = gpu.memoryPool();
        pool.releaseCached();
        long hits = pool.hits();
        CudaStream stream = CudaStream.legacyDefault(gpu);
        for (int i = 0; i < 10; i++) {
            try (DeviceArray d = DeviceArray.allocate(pool, stream, ElementType.DOUBLE, Order.C, 1000)) {
                d.zero();
            }
        }
        assertEquals(hits + 9, pool.hits(), "9 of 10 same-size allocations come from the cache");
        assertEquals(8192, pool.cachedBytes(), "8000 bytes rounded up to 512");
        assertEquals(8192, pool.releaseCached());
        assertEquals(0, pool.cachedBytes());
    }

    /**
     * A block freed while a slow kernel on stream A still writes it, reused at once on stream B: B's copy must
     * wait for A's kernel, or A's late stores would overwrite what B wrote.
     */
    @Test
    void aBlockReusedOnAnotherStreamWaitsForTheWorkOfItsLastStream() {
        String slowFill = """
                extern "C" __global__ void slow_fill(double *a, int n, long long cycles, double v) {
                    long long start = clock64();
                    while (clock64() - start < cycles) { }
                    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) a[i] = v;
                }
                """;
        int n = 1 << 16;
        DeviceMemoryPool pool = gpu.memoryPool();
        pool.releaseCached();
        try (Arena arena = Arena.ofConfined(); CudaModule module = CudaCompiler.compile(gpu, slowFill, "slow_fill.cu");
             CudaStream a = CudaStream.create(gpu); CudaStream b = CudaStream.create(gpu)) {
            long address;
            try (DeviceArray first = DeviceArray.allocate(pool, a, ElementType.DOUBLE, Order.C, n)) {
                address = first.address();
                // About 0.1 s of spinning at GPU clocks before the stores of 1.0.
                module.kernel("slow_fill").launch(new LaunchConfig(Dim3.of(64), Dim3.of(256), 0, a), first, n, 200_000_000L, 1.0);
            }
            DoubleArray zeros = DoubleArray.allocate(arena, n);
            try (DeviceArray second = DeviceArray.allocate(pool, b, ElementType.DOUBLE, Order.C, n)) {
                assertEquals(address, second.address(), "the block is reused");
                second.copyFromAsync(zeros, b);
                b.synchronize();
                a.synchronize();
                // Without the wait, B's zeros land first and A's late stores of 1.0 overwrite them.
                DoubleArray back = DoubleArray.allocate(arena, n);
                second.copyToAsync(back, b);
                b.synchronize();
                for (int i = 0; i < n; i++) {
                    assertEquals(0.0, back.get(i), 0.0, "x[" + i + "]: B's zeros, written after A's kernel");
                }
            }
        }
        pool.releaseCached();
    }

    @Test
    void cublasDgemmAgreesInBothOrders() {
        int m = 5, k = 3, n = 4;
        try (Arena arena = Arena.ofConfined(); Cublas blas = Cublas.create(gpu)) {
            assertTrue(blas.version() > 0);
            for (Order order : Order.values()) {
                DoubleArray a = DoubleArray.allocate(arena, order, m, k);
                DoubleArray b = DoubleArray.allocate(arena, order, k, n);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < k; j++) {
                        a.set(i, j, i - 2.0 * j);
                    }
                }
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < n; j++) {
                        b.set(i, j, 0.5 * i + j);
                    }
                }
                try (var da = DeviceArray.copyOf(gpu, a); var db = DeviceArray.copyOf(gpu, b);
                     var dc = DeviceArray.allocate(gpu, ElementType.DOUBLE, order, m, n)) {
                    blas.dgemm(1.0, da, db, 0.0, dc);
                    DoubleArray c = DoubleArray.allocate(arena, order, m, n);
                    dc.copyTo(c);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double ref = 0;
                            for (int l = 0; l < k; l++) {
                                ref += a.get(i, l) * b.get(l, j);
                            }
                            assertEquals(ref, c.get(i, j), 1e-12, order + " c[" + i + "," + j + "]");
                        }
                    }
                }
            }
        }
    }
}
