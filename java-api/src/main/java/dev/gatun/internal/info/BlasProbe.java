// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.info;

import dev.gatun.info.ReportItem;
import dev.gatun.load.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports the BLAS libraries the dynamic loader finds, and which implementation each one is: OpenBLAS
 * answers {@code openblas_get_config}, MKL answers {@code MKL_Get_Version_String}.
 */
public final class BlasProbe {
    // Sonames in order of preference: an optimised library first, then the generic alternative.
    private static final List<String> SONAMES = List.of("libopenblas.so.0", "libmkl_rt.so.2", "libmkl_rt.so",
            "libblas.so.3");

    private BlasProbe() {
    }

    /** One line per candidate soname. */
    public static List<ReportItem> report() {
        List<ReportItem> items = new ArrayList<>();
        for (String soname : SONAMES) {
            Optional<NativeLibrary> blas = NativeLibrary.loadSystem(soname);
            if (blas.isEmpty()) {
                items.add(ReportItem.absent(soname, "not found by the dynamic loader"));
                continue;
            }
            try {
                items.add(new ReportItem(soname, describe(blas.get()) + " in " + blas.get().path()));
            } catch (Throwable t) {
                items.add(new ReportItem(soname, blas.get().path() + ": query failed: " + t));
            }
        }
        return items;
    }

    private static String describe(NativeLibrary blas) throws Throwable {
        Optional<MemorySegment> openblasConfig = blas.lookup("openblas_get_config");
        if (openblasConfig.isPresent()) {
            MemorySegment config = (MemorySegment) blas.downcall("openblas_get_config",
                    FunctionDescriptor.of(ValueLayout.ADDRESS)).invokeExact();
            int threads = (int) blas.downcall("openblas_get_num_threads",
                    FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
            return "OpenBLAS (" + CStrings.read(config).trim() + ", " + threads + " threads)";
        }
        if (blas.lookup("MKL_Get_Version_String").isPresent()) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buffer = arena.allocate(256);
                blas.downcall("MKL_Get_Version_String", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT)).invokeExact(buffer, (int) buffer.byteSize());
                return "Intel MKL (" + buffer.getString(0).trim() + ")";
            }
        }
        return blas.lookup("dgemm_").isPresent() ? "BLAS of unknown vendor (reference BLAS or another)"
                : "no dgemm_ symbol: not a BLAS";
    }
}
