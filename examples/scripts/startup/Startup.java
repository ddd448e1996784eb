// SPDX-License-Identifier: Apache-2.0
import dev.gatun.array.DoubleArray;
import dev.gatun.load.NativeLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
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
 */
public final class Startup {
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean(); // loaded before the measured region
        String ffm = "";
        if (args.length > 0 && args[0].equals("--ffm-first")) {
            long f0 = System.nanoTime();
            long g0 = cpu.getCurrentThreadCpuTime();
            Linker linker = Linker.nativeLinker();
            linker.downcallHandle(linker.defaultLookup().findOrThrow("getpid"), FunctionDescriptor.of(ValueLayout.JAVA_INT));
            ffm = String.format(" ffm_ms=%.1f ffm_cpu_ms=%.1f", (System.nanoTime() - f0) / 1e6,
                    (cpu.getCurrentThreadCpuTime() - g0) / 1e6);
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
}
