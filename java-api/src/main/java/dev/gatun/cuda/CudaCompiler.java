// SPDX-License-Identifier: Apache-2.0
package dev.gatun.cuda;

import dev.gatun.internal.cuda.Nvrtc;
import dev.gatun.internal.cuda.NvrtcOutputs;
import dev.gatun.internal.cuda.ToolkitLibraries;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compiles CUDA C++ source at run time with NVRTC ({@code libnvrtc.so.13}, found in the CUDA toolkit:
 * {@code $CUDA_HOME/lib64}, {@code /usr/local/cuda/lib64}, or the loader's path), then loads it, as
 * CuPy's {@code RawModule(code=...)}.
 * {@snippet :
 * CudaModule m = CudaCompiler.compile(gpu, """
 *     extern "C" __global__ void scale(double *x, double a, int n) {
 *         int i = blockIdx.x * blockDim.x + threadIdx.x;
 *         if (i < n) x[i] *= a;
 *     }""", "scale.cu");
 * }
 */
public final class CudaCompiler {

    private static final Optional<String> UNAVAILABLE = ToolkitLibraries.load("libnvrtc.so.13");

    private CudaCompiler() {
    }

    /** {@return why NVRTC cannot be used, or empty when it can} */
    public static Optional<String> unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * Compiles for {@code device}'s architecture to a cubin and loads it.
     *
     * @param device  the device
     * @param source  CUDA C++ source; kernels to look up by name should be {@code extern "C"}
     * @param name    the file name used in the log, e.g. {@code kernels.cu}
     * @param options more NVRTC options, e.g. {@code -use_fast_math}
     * @return the loaded module
     * @throws CudaCompilationException with the compiler log when the source does not compile
     */
    public static CudaModule compile(CudaDevice device, String source, String name, String... options) {
        return CudaModule.load(device, compileToCubin(device.computeCapability(), source, name, options));
    }

    /**
     * Compiles to a cubin for {@code sm_<computeCapability>}.
     *
     * @param computeCapability for example 90
     * @param source            the source
     * @param name              the file name for the log
     * @param options           more NVRTC options
     * @return the cubin image
     */
    public static byte[] compileToCubin(int computeCapability, String source, String name, String... options) {
        return compile(source, name, "--gpu-architecture=sm_" + computeCapability, options, true);
    }

    /**
     * Compiles to PTX for a virtual architecture, which the driver compiles for any newer device.
     *
     * @param computeCapability for example 80 for {@code compute_80}
     * @param source            the source
     * @param name              the file name for the log
     * @param options           more NVRTC options
     * @return the PTX text
     */
    public static String compileToPtx(int computeCapability, String source, String name, String... options) {
        byte[] ptx = compile(source, name, "--gpu-architecture=compute_" + computeCapability, options, false);
        int end = ptx.length;
        while (end > 0 && ptx[end - 1] == 0) {
            end--;
        }
        return new String(ptx, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] compile(String source, String name, String arch, String[] options, boolean cubin) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        UNAVAILABLE.ifPresent(reason -> {
            throw new IllegalStateException("NVRTC is not available: " + reason);
        });
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment progOut = arena.allocate(ValueLayout.ADDRESS);
            check(Nvrtc.nvrtcCreateProgram(progOut, source, name, 0, MemorySegment.NULL, MemorySegment.NULL),
                    "nvrtcCreateProgram(" + name + ")", "");
            MemorySegment prog = progOut.get(ValueLayout.ADDRESS, 0);
            try {
                List<String> all = new ArrayList<>();
                all.add(arch);
                all.addAll(List.of(options));
                MemorySegment argv = arena.allocate(ValueLayout.ADDRESS, all.size());
                for (int i = 0; i < all.size(); i++) {
                    argv.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(all.get(i)));
                }
                int status = Nvrtc.nvrtcCompileProgram(prog, all.size(), argv);
                String log = log(prog, arena);
                check(status, "nvrtcCompileProgram(" + name + ", " + all + ")", log);
                long size = cubin ? sizeOf(Nvrtc.nvrtcGetCUBINSize(prog)) : sizeOf(Nvrtc.nvrtcGetPTXSize(prog));
                MemorySegment out = arena.allocate(Math.max(1, size));
                check(cubin ? NvrtcOutputs.getCubin(prog, out) : NvrtcOutputs.getPtx(prog, out),
                        cubin ? "nvrtcGetCUBIN" : "nvrtcGetPTX", log);
                return out.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE);
            } finally {
                Nvrtc.nvrtcDestroyProgram(progOut);
            }
        }
    }

    private static long sizeOf(Object result) {
        return switch (result) {
            case Nvrtc.NvrtcGetCUBINSizeResult r -> { check(r.result(), "nvrtcGetCUBINSize", ""); yield r.cubinSizeRet(); }
            case Nvrtc.NvrtcGetPTXSizeResult r -> { check(r.result(), "nvrtcGetPTXSize", ""); yield r.ptxSizeRet(); }
            default -> throw new IllegalStateException("unexpected " + result);
        };
    }

    private static String log(MemorySegment prog, Arena arena) {
        var size = Nvrtc.nvrtcGetProgramLogSize(prog);
        if (size.result() != 0 || size.logSizeRet() <= 1) {
            return "";
        }
        MemorySegment text = arena.allocate(size.logSizeRet());
        return NvrtcOutputs.getLog(prog, text) == 0 ? text.getString(0) : "";
    }

    private static void check(int status, String call, String log) {
        if (status != 0) {
            String name = Nvrtc.nvrtcGetErrorString(status).reinterpret(256).getString(0);
            throw new CudaCompilationException(call + " failed: " + name + " (" + status + ")", log);
        }
    }
}
