// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.load;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The C library's dynamic-loading calls ({@code <dlfcn.h>}) bound through FFM.
 *
 * <p>Gatun calls {@code dlopen} itself instead of {@link SymbolLookup#libraryLookup(java.nio.file.Path,
 * Arena)} because it needs three things the JDK does not expose: the loader's own error text
 * ({@code dlerror}, e.g. "failed to map segment from shared object" on a noexec mount), the path
 * the loader actually chose for a soname ({@code dlinfo}), and {@code RTLD_NOLOAD} to find a
 * library some kernel already pulled in. Handles are never closed: libraries live as long as the JVM.
 *
 * <p>A library linked with {@code -z now} (what Gatun builds) is opened by the JDK instead
 * ({@code NativeLibrary}); this class's downcall handles are then made only when that fails and its
 * message is needed, or for system libraries. Each new downcall shape costs milliseconds of start-up.
 */
// Binding libc and reading loader-owned strings are restricted FFM operations; the module is
// documented to need native access (module-info), so the lint warnings are expected here.
@SuppressWarnings("restricted")
public final class Dlfcn {
    // Values from glibc's <bits/dlfcn.h> and <dlfcn.h>.
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_NOLOAD = 0x4;
    private static final int RTLD_DI_LINKMAP = 2;
    /** {@code struct link_map { ElfW(Addr) l_addr; char *l_name; ... }}: l_name follows one pointer. */
    private static final long LINK_MAP_NAME_OFFSET = ValueLayout.ADDRESS.byteSize();

    /** The handles every {@code dlopen} needs, made on the first one. */
    private static final class Handles {
        static final MethodHandle DLOPEN;
        static final MethodHandle DLERROR;
        static final MethodHandle DLSYM;

        static {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            DLOPEN = linker.downcallHandle(libc.findOrThrow("dlopen"),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            DLERROR = linker.downcallHandle(libc.findOrThrow("dlerror"),
                    FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(
                            MemoryLayout.sequenceLayout(Long.MAX_VALUE, ValueLayout.JAVA_BYTE))));
            DLSYM = linker.downcallHandle(libc.findOrThrow("dlsym"),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        }
    }

    private Dlfcn() {
    }

    /** Handles only some callers need, made on first use: each new downcall shape costs milliseconds. */
    private static final class Rare {
        static final MethodHandle DLINFO = Linker.nativeLinker().defaultLookup().find("dlinfo")
                .map(address -> Linker.nativeLinker().downcallHandle(address, FunctionDescriptor.of(
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS)))
                .orElse(null);
        static final MethodHandle GETUID = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().findOrThrow("getuid"), FunctionDescriptor.of(ValueLayout.JAVA_INT));
    }

    /** The outcome of one {@code dlopen}: a handle, or the loader's error text. */
    public record Result(MemorySegment handle, String error) {
        /** Whether the library was opened. */
        public boolean ok() {
            return handle != null;
        }
    }

    /**
     * Opens a library with {@code RTLD_NOW | RTLD_LOCAL}: every undefined symbol is resolved now, so a
     * missing dependency fails here with the loader's message instead of later at a call.
     *
     * @param file a path (contains '/') or a soname searched the way the dynamic loader searches
     * @param onlyIfLoaded when true, {@code RTLD_NOLOAD}: succeed only if the process already has it
     */
    public static synchronized Result open(String file, boolean onlyIfLoaded) {
        // synchronized: dlerror's message is per thread, but keeping open+dlerror atomic per JVM
        // also keeps the message paired with this call when callers share a thread pool.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) Handles.DLOPEN.invokeExact(arena.allocateFrom(file),
                    RTLD_NOW | (onlyIfLoaded ? RTLD_NOLOAD : 0));
            if (!handle.equals(MemorySegment.NULL)) {
                return new Result(handle, null);
            }
            return new Result(null, lastError().orElse("dlopen failed without a message"));
        } catch (Throwable t) {
            throw new IllegalStateException("dlopen(" + file + ") could not be called", t);
        }
    }

    /** Address of {@code symbol} in the library {@code handle}, or empty when it is not defined there. */
    public static Optional<MemorySegment> symbol(MemorySegment handle, String symbol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = (MemorySegment) Handles.DLSYM.invokeExact(handle, arena.allocateFrom(symbol));
            return address.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(address);
        } catch (Throwable t) {
            throw new IllegalStateException("dlsym(" + symbol + ") could not be called", t);
        }
    }

    /**
     * The file the dynamic loader mapped for {@code handle} ({@code dlinfo RTLD_DI_LINKMAP}); empty where
     * {@code dlinfo} does not exist or names no file.
     */
    public static Optional<String> fileOf(MemorySegment handle) {
        if (Rare.DLINFO == null) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment linkMapOut = arena.allocate(ValueLayout.ADDRESS);
            int rc = (int) Rare.DLINFO.invokeExact(handle, RTLD_DI_LINKMAP, linkMapOut);
            if (rc != 0) {
                return Optional.empty();
            }
            MemorySegment linkMap = linkMapOut.get(ValueLayout.ADDRESS, 0)
                    .reinterpret(LINK_MAP_NAME_OFFSET + ValueLayout.ADDRESS.byteSize());
            MemorySegment name = linkMap.get(ValueLayout.ADDRESS, LINK_MAP_NAME_OFFSET);
            if (name.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            String file = name.reinterpret(Long.MAX_VALUE).getString(0);
            return file.isEmpty() ? Optional.empty() : Optional.of(file);
        } catch (Throwable t) {
            throw new IllegalStateException("dlinfo could not be called", t);
        }
    }

    /**
     * The real user id of this process ({@code getuid}); {@code LibraryCache} asks this only where it cannot read
     * the owner of {@code /proc/self}.
     */
    public static int getuid() {
        try {
            return (int) Rare.GETUID.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("getuid could not be called", t);
        }
    }

    private static Optional<String> lastError() throws Throwable {
        MemorySegment message = (MemorySegment) Handles.DLERROR.invokeExact();
        return message.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(message.getString(0));
    }
}
