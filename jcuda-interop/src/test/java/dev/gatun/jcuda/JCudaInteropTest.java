// SPDX-License-Identifier: Apache-2.0
package dev.gatun.jcuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.ElementType;
import dev.gatun.array.Order;
import dev.gatun.cuda.Cuda;
import dev.gatun.cuda.CudaCompiler;
import dev.gatun.cuda.CudaDevice;
import dev.gatun.cuda.CudaKernel;
import dev.gatun.cuda.CudaModule;
import dev.gatun.cuda.CudaStream;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.cuda.KernelArguments;
import dev.gatun.cuda.LaunchConfig;
import java.lang.foreign.Arena;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.junit.jupiter.api.Test;

/**
 * Both directions of the JCuda interop on a real GPU, in the primary context both libraries share: JCuda
 * writes a Gatun array, a Gatun kernel fills a JCuda allocation, and neither side frees the other's memory.
 * Without a GPU only the pointer arithmetic and argument checks run; the rest skip with the reason.
 */
class JCudaInteropTest {

    private static final int N = 1000;

    private static CudaDevice gpu() {
        assumeTrue(Cuda.isAvailable(), () -> "needs a GPU: " + Cuda.unavailableReason().orElse(""));
        return Cuda.device(0);
    }

    @Test
    void pointerAddressesSurviveTheRoundTrip() {
        CUdeviceptr p = new CUdeviceptr().withByteOffset(0x7f00_1234_5000L);
        assertEquals(0x7f00_1234_5000L, JCudaInterop.address(p));
        assertEquals(0x7f00_1234_5040L, JCudaInterop.address(p.withByteOffset(0x40)));
        assertEquals(0L, JCudaInterop.address(new CUdeviceptr()));
    }

    @Test
    void missingArgumentsAreNamed() {
        var e = assertThrows(NullPointerException.class, () -> JCudaInterop.devicePointer(null));
        assertEquals("array", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> JCudaInterop.address(null));
        assertEquals("pointer", e.getMessage());
    }

    @Test
    void jcudaSeesGatunsPrimaryContext() {
        CudaDevice gpu = gpu();
        CUcontext shared = JCudaInterop.shareContext(gpu);
        assertNotEquals(null, shared);
        // JCuda retaining the primary context itself gets the same handle Gatun uses.
        CUdevice device = new CUdevice();
        assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuDeviceGet(device, gpu.ordinal()));
        CUcontext retained = new CUcontext();
        assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuDevicePrimaryCtxRetain(retained, device));
        try {
            assertEquals(shared.toString(), retained.toString(), "JCuda's primary context vs Gatun's");
            assertTrue(retained.toString().contains(Long.toHexString(gpu.contextHandle().address())),
                    retained + " vs Gatun's 0x" + Long.toHexString(gpu.contextHandle().address()));
        } finally {
            JCudaDriver.cuDevicePrimaryCtxRelease(device);
        }
    }

    @Test
    void aGatunArrayWrittenByJCudaIsReadByGatun() {
        CudaDevice gpu = gpu();
        JCudaInterop.shareContext(gpu);
        double[] values = ramp(3.0);
        try (Arena arena = Arena.ofConfined();
             DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, N)) {
            CUdeviceptr p = JCudaInterop.devicePointer(d);
            assertEquals(d.address(), JCudaInterop.address(p));
            assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuMemcpyHtoD(p, Pointer.to(values), 8L * N));
            DoubleArray host = DoubleArray.allocate(arena, N);
            d.copyTo(host);
            assertArrayEquals(values, host.toArray());

            // And the other way: Gatun writes, JCuda reads.
            double[] other = ramp(-1.5);
            d.copyFrom(DoubleArray.of(arena, Order.C, other, N));
            double[] back = new double[N];
            assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuMemcpyDtoH(Pointer.to(back), p, 8L * N));
            assertArrayEquals(other, back);
        }
    }

    @Test
    void aJCudaAllocationIsFilledByAGatunKernelAndNotFreedByGatun() {
        CudaDevice gpu = gpu();
        assumeTrue(CudaCompiler.unavailableReason().isEmpty(),
                () -> "needs NVRTC for the kernel: " + CudaCompiler.unavailableReason().orElse(""));
        JCudaInterop.shareContext(gpu);
        CUdeviceptr p = new CUdeviceptr();
        assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuMemAlloc(p, 8L * N));
        try (CudaModule module = CudaCompiler.compile(gpu, """
                extern "C" __global__ void affine(double *a, int n) {
                    int i = blockIdx.x * blockDim.x + threadIdx.x;
                    if (i < n) a[i] = 2.0 * i + 1.0;
                }""", "affine.cu");
             CudaStream stream = CudaStream.create(gpu)) {
            CudaKernel affine = module.kernel("affine");
            DeviceArray wrapped = JCudaInterop.wrap(gpu, p, ElementType.DOUBLE, Order.C, N);
            assertFalse(wrapped.ownsMemory(), "a wrapped JCuda allocation belongs to JCuda");
            assertEquals(JCudaInterop.address(p), wrapped.address());
            affine.launch(LaunchConfig.of((N + 127) / 128, 128, stream), KernelArguments.of(wrapped, N));
            stream.synchronize();
            wrapped.close();

            // Closing the Gatun view freed nothing: JCuda still reads the kernel's values, then frees its memory.
            double[] back = new double[N];
            assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuMemcpyDtoH(Pointer.to(back), p, 8L * N));
            for (int i = 0; i < N; i++) {
                assertEquals(2.0 * i + 1.0, back[i], "a[" + i + "]");
            }
        } finally {
            assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuMemFree(p), "JCuda frees its own allocation exactly once");
        }
    }

    @Test
    void closingTheGatunArrayFreesItsMemoryAndThePointerIsRefusedAfterwards() {
        CudaDevice gpu = gpu();
        JCudaInterop.shareContext(gpu);
        DeviceArray d = DeviceArray.allocate(gpu, ElementType.DOUBLE, Order.C, N);
        CUdeviceptr p = JCudaInterop.devicePointer(d);
        long[] size = {0};
        assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuMemGetAddressRange(new CUdeviceptr(), size, p));
        assertTrue(size[0] >= 8L * N, "allocation size " + size[0]);
        d.close();
        assertNotEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuMemGetAddressRange(new CUdeviceptr(), size, p),
                "Gatun's close should have freed the allocation");
        var e = assertThrows(IllegalStateException.class, () -> JCudaInterop.devicePointer(d));
        assertTrue(e.getMessage().startsWith("array: "), e.getMessage());
    }

    @Test
    void wrapChecksTheAllocationAndTheDevice() {
        CudaDevice gpu = gpu();
        JCudaInterop.shareContext(gpu);
        CUdeviceptr p = new CUdeviceptr();
        assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuMemAlloc(p, 8L * N));
        try {
            var tooBig = assertThrows(IllegalArgumentException.class,
                    () -> JCudaInterop.wrap(gpu, p.withByteOffset(8), ElementType.DOUBLE, Order.C, N));
            assertTrue(tooBig.getMessage().contains("got " + 8L * (N - 1)), tooBig.getMessage());
            try (DeviceArray tail = JCudaInterop.wrap(gpu, p.withByteOffset(8), ElementType.DOUBLE, Order.C, N - 1)) {
                assertEquals(JCudaInterop.address(p) + 8, tail.address());
            }
            try (Arena arena = Arena.ofConfined()) {
                long host = arena.allocate(64).address();
                var notDevice = assertThrows(IllegalArgumentException.class,
                        () -> JCudaInterop.wrap(gpu, new CUdeviceptr().withByteOffset(host), ElementType.DOUBLE, Order.C, 8));
                assertTrue(notDevice.getMessage().contains("not CUDA device memory"), notDevice.getMessage());
            }
        } finally {
            assertEquals(CUresult.CUDA_SUCCESS, JCudaDriver.cuMemFree(p));
        }
    }

    private static double[] ramp(double scale) {
        double[] a = new double[N];
        for (int i = 0; i < N; i++) {
            a[i] = scale * i + 0.25;
        }
        return a;
    }
}
