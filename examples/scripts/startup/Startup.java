// SPDX-License-Identifier: Apache-2.0
import dev.gatun.array.DoubleArray;
import dev.gatun.load.NativeLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import startup.Fib;

/**
 * One Gatun kernel call in a fresh JVM, timed from inside: what examples/scripts/startup.sh compares
 * with python3 + an f2py module. Prints fib(8)'s last element and where the time went, as wall and as
 * this thread's CPU time (steadier on a busy machine): {@code load} is Gatun's NativeLibrary.load (find
 * the library in the jar, check the cached copy, ELF check, dlopen, and the JDK's first FFM downcall
 * handles that dlopen itself needs); {@code first_call} is the binding class's initialisation (the FFM
 * linker builds its downcall handles) plus the call. With {@code --ffm-first}, the JDK's own FFM start-up
 * (the first downcall handle of the process, {@code getpid}) is timed apart first, as {@code ffm}, so
 * that {@code load} is closer to Gatun's own share.
 *
 * <p>{@code --raw LIBFILE} is the baseline for that share: after the same {@code ffm} preamble, what a
 * hand-written FFM program pays for the same work, with no Gatun class loaded: {@code SymbolLookup.libraryLookup}
 * of the extracted {@code libfib.so}, one downcall handle for {@code fib_} (two pointers, no result) and one call on
 * an off-heap array of 8 doubles with n = 8, printed as {@code raw_ms} and {@code raw_cpu_ms}. Gatun's share is
 * {@code load + first_call} of an {@code --ffm-first} run minus {@code raw} (startup.sh and ab.sh print it).
 */
public final class Startup {
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean(); // loaded before the measured region
        String ffm = "";
        boolean raw = args.length == 2 && args[0].equals("--raw");
        if (args.length > 0 && (args[0].equals("--ffm-first") || raw)) {
            long f0 = System.nanoTime();
            long g0 = cpu.getCurrentThreadCpuTime();
            Linker linker = Linker.nativeLinker();
            linker.downcallHandle(linker.defaultLookup().findOrThrow("getpid"), FunctionDescriptor.of(ValueLayout.JAVA_INT));
            ffm = String.format(" ffm_ms=%.1f ffm_cpu_ms=%.1f", (System.nanoTime() - f0) / 1e6,
                    (cpu.getCurrentThreadCpuTime() - g0) / 1e6);
        }
        if (raw) {
            raw(cpu, Path.of(args[1]), ffm);
            return;
        }
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        NativeLibrary.load(Fib.class, "fib"); // what Fib's initialiser does first; it then gets this instance
        long t1 = System.nanoTime();
        long c1 = cpu.getCurrentThreadCpuTime();
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray a = DoubleArray.allocate(arena, 8);
            Fib.fib(a);
            long t2 = System.nanoTime();
            long c2 = cpu.getCurrentThreadCpuTime();
            System.out.printf("%.1f load_ms=%.1f load_cpu_ms=%.1f first_call_ms=%.1f first_call_cpu_ms=%.1f%s%n", a.get(7),
                    (t1 - t0) / 1e6, (c1 - c0) / 1e6, (t2 - t1) / 1e6, (c2 - c1) / 1e6, ffm);
        }
    }

    /** The same library opened, bound and called with the FFM API alone; {@code fib_} is gfortran's symbol. */
    private static void raw(ThreadMXBean cpu, Path library, String ffm) {
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        double last;
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
            MethodHandle fib = Linker.nativeLinker().downcallHandle(lookup.findOrThrow("fib_"),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            MemorySegment a = arena.allocate(ValueLayout.JAVA_DOUBLE, 8);
            MemorySegment n = arena.allocateFrom(ValueLayout.JAVA_INT, 8);
            fib.invokeExact(a, n);
            last = a.getAtIndex(ValueLayout.JAVA_DOUBLE, 7);
        } catch (Throwable t) {
            throw new IllegalStateException("raw FFM call of fib_ in " + library + " failed", t);
        }
        long t1 = System.nanoTime();
        long c1 = cpu.getCurrentThreadCpuTime();
        if (last != 13.0) {
            throw new IllegalStateException("raw FFM call of fib_: expected a(8) = 13.0, got " + last);
        }
        System.out.printf("%.1f raw_ms=%.1f raw_cpu_ms=%.1f%s%n", last, (t1 - t0) / 1e6, (c1 - c0) / 1e6, ffm);
    }
}
