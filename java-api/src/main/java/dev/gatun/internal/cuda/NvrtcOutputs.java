// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.gatun.load.NativeLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The three NVRTC calls the generator cannot bind yet: {@code nvrtcGetPTX}, {@code nvrtcGetCUBIN}
 * and {@code nvrtcGetProgramLog} fill a caller's buffer whose length another call returned, which no
 * directive can express ({@code dimension(...)} names only parameters and constants). Written by
 * hand, to be replaced when the generator can.
 */
public final class NvrtcOutputs {

    private static final FunctionDescriptor FILL = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GET_PTX;
    private static final MethodHandle GET_CUBIN;
    private static final MethodHandle GET_LOG;

    static {
        NativeLibrary nvrtc = NativeLibrary.requireSystem("libnvrtc.so.13");
        GET_PTX = nvrtc.downcall("nvrtcGetPTX", FILL);
        GET_CUBIN = nvrtc.downcall("nvrtcGetCUBIN", FILL);
        GET_LOG = nvrtc.downcall("nvrtcGetProgramLog", FILL);
    }

    private NvrtcOutputs() {
    }

    /** {@code nvrtcResult nvrtcGetPTX(nvrtcProgram prog, char *ptx)}. @param prog program @param out buffer @return status */
    public static int getPtx(MemorySegment prog, MemorySegment out) {
        return call(GET_PTX, prog, out);
    }

    /** {@code nvrtcResult nvrtcGetCUBIN(nvrtcProgram prog, char *cubin)}. @param prog program @param out buffer @return status */
    public static int getCubin(MemorySegment prog, MemorySegment out) {
        return call(GET_CUBIN, prog, out);
    }

    /** {@code nvrtcResult nvrtcGetProgramLog(nvrtcProgram prog, char *log)}. @param prog program @param out buffer @return status */
    public static int getLog(MemorySegment prog, MemorySegment out) {
        return call(GET_LOG, prog, out);
    }

    private static int call(MethodHandle handle, MemorySegment prog, MemorySegment out) {
        try {
            return (int) handle.invokeExact(prog, out);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("NVRTC call failed", t);
        }
    }
}
