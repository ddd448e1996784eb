// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.info;

import dev.gatun.info.ReportItem;
import dev.gatun.load.NativeLibrary;
import dev.gatun.load.NativeLoadException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports the CUDA driver ({@code libcuda.so.1}): version and each device's name, memory and compute
 * capability, with failures as the driver's own error names ({@code cuGetErrorName}).
 */
public final class CudaDriverProbe {
    private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    private static final FunctionDescriptor INT_OUT = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS);

    private final NativeLibrary cuda;

    private CudaDriverProbe(NativeLibrary cuda) {
        this.cuda = cuda;
    }

    /** The report lines; {@code driver: absent (why)} when there is no driver. */
    public static List<ReportItem> report() {
        NativeLibrary cuda;
        try {
            cuda = NativeLibrary.requireSystem("libcuda.so.1");
        } catch (NativeLoadException e) {
            return List.of(ReportItem.absent("driver", "no NVIDIA driver: " + e.getMessage()));
        }
        try {
            return new CudaDriverProbe(cuda).describe();
        } catch (Throwable t) {
            return List.of(new ReportItem("driver", cuda.path().toString()),
                    ReportItem.absent("devices", "query failed: " + t));
        }
    }

    private List<ReportItem> describe() throws Throwable {
        List<ReportItem> items = new ArrayList<>();
        items.add(new ReportItem("driver", cuda.path().toString()));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment intOut = arena.allocate(ValueLayout.JAVA_INT);
            int rc = (int) handle("cuDriverGetVersion", INT_OUT).invokeExact(intOut);
            int version = intOut.get(ValueLayout.JAVA_INT, 0);
            items.add(new ReportItem("driver version", rc == 0
                    ? version / 1000 + "." + version % 1000 / 10 + " (CUDA API " + version + ")" : "unknown (" + errorName(rc) + ")"));
            rc = (int) handle("cuInit", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)).invokeExact(0);
            if (rc != 0) {
                items.add(ReportItem.absent("devices", "cuInit failed: " + errorName(rc)));
                return items;
            }
            rc = (int) handle("cuDeviceGetCount", INT_OUT).invokeExact(intOut);
            if (rc != 0) {
                items.add(ReportItem.absent("devices", "cuDeviceGetCount failed: " + errorName(rc)));
                return items;
            }
            int count = intOut.get(ValueLayout.JAVA_INT, 0);
            items.add(new ReportItem("devices", Integer.toString(count)));
            for (int ordinal = 0; ordinal < count; ordinal++) {
                items.add(new ReportItem("device " + ordinal, device(arena, ordinal)));
            }
        }
        return items;
    }

    private String device(Arena arena, int ordinal) throws Throwable {
        MemorySegment intOut = arena.allocate(ValueLayout.JAVA_INT);
        int rc = (int) handle("cuDeviceGet", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT)).invokeExact(intOut, ordinal);
        if (rc != 0) {
            return "cuDeviceGet failed: " + errorName(rc);
        }
        int device = intOut.get(ValueLayout.JAVA_INT, 0);
        MemorySegment name = arena.allocate(256);
        rc = (int) handle("cuDeviceGetName", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)).invokeExact(name, (int) name.byteSize(), device);
        String deviceName = rc == 0 ? name.getString(0) : "name unknown (" + errorName(rc) + ")";
        MemorySegment bytes = arena.allocate(ValueLayout.JAVA_LONG);
        rc = (int) handle("cuDeviceTotalMem_v2", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT)).invokeExact(bytes, device);
        String memory = rc == 0 ? String.format("%.1f GiB", bytes.get(ValueLayout.JAVA_LONG, 0) / (double) (1L << 30))
                : "memory unknown (" + errorName(rc) + ")";
        MethodHandle attribute = handle("cuDeviceGetAttribute", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        int rcMajor = (int) attribute.invokeExact(intOut, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        int major = intOut.get(ValueLayout.JAVA_INT, 0);
        int rcMinor = (int) attribute.invokeExact(intOut, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
        int minor = intOut.get(ValueLayout.JAVA_INT, 0);
        String capability = rcMajor == 0 && rcMinor == 0 ? "compute capability " + major + "." + minor
                : "compute capability unknown (" + errorName(rcMajor != 0 ? rcMajor : rcMinor) + ")";
        return deviceName + ", " + memory + ", " + capability;
    }

    /** The driver's name for a status code, e.g. {@code CUDA_ERROR_NO_DEVICE (100)}. */
    private String errorName(int status) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            int rc = (int) handle("cuGetErrorName", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS)).invokeExact(status, out);
            String name = rc == 0 ? CStrings.read(out.get(ValueLayout.ADDRESS, 0)) : null;
            return (name == null ? "CUresult" : name) + " (" + status + ")";
        } catch (Throwable t) {
            return "CUresult " + status;
        }
    }

    private MethodHandle handle(String symbol, FunctionDescriptor descriptor) {
        return cuda.downcall(symbol, descriptor);
    }
}
