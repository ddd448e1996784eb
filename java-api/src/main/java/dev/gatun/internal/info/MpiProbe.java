// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.info;

import dev.gatun.info.ReportItem;
import dev.gatun.load.NativeLibrary;
import dev.gatun.load.NativeLoadException;
import dev.gatun.mpi.Mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reports the MPI libraries present. {@code MPI_Get_library_version} and {@code MPI_Get_version} are
 * among the few MPI calls allowed before {@code MPI_Init}, so the probe starts no MPI runtime.
 */
public final class MpiProbe {
    // Soname to implementation: the two ABIs Gatun's MPI shim supports.
    private static final Map<String, String> SONAMES = Map.of("libmpi.so.40", "Open MPI", "libmpi.so.12", "MPICH");
    private static final int MAX_LIBRARY_VERSION_STRING = 8192; // MPICH's; Open MPI's is 256

    private MpiProbe() {
    }

    /** One line per MPI ABI. */
    public static List<ReportItem> report() {
        List<ReportItem> items = new ArrayList<>();
        for (String soname : List.of("libmpi.so.40", "libmpi.so.12")) {
            String key = SONAMES.get(soname) + " (" + soname + ")";
            NativeLibrary mpi;
            try {
                mpi = NativeLibrary.requireSystem(soname);
            } catch (NativeLoadException e) {
                items.add(ReportItem.absent(key, e.getMessage()));
                continue;
            }
            try {
                items.add(new ReportItem(key, describe(mpi) + " in " + mpi.path()));
            } catch (Throwable t) {
                items.add(new ReportItem(key, mpi.path() + ": query failed: " + t));
            }
        }
        try {
            items.add(new ReportItem("Gatun MPI shim", Mpi.shimPath() + " (from dev.gatun:gatun-mpi-shim)"));
        } catch (NativeLoadException e) {
            items.add(ReportItem.absent("Gatun MPI shim", e.getMessage()));
        }
        return items;
    }

    private static String describe(NativeLibrary mpi) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(MAX_LIBRARY_VERSION_STRING);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            int rc = (int) mpi.downcall("MPI_Get_library_version", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS)).invokeExact(text, length);
            String library = rc == 0 ? text.getString(0).lines().findFirst().orElse("").trim()
                    : "MPI_Get_library_version returned " + rc;
            MemorySegment major = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment minor = arena.allocate(ValueLayout.JAVA_INT);
            rc = (int) mpi.downcall("MPI_Get_version", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS)).invokeExact(major, minor);
            String standard = rc == 0 ? "MPI " + major.get(ValueLayout.JAVA_INT, 0) + "." + minor.get(ValueLayout.JAVA_INT, 0)
                    : "standard version unknown";
            return library.replaceAll(",\\s*$", "") + ", " + standard;
        }
    }
}
