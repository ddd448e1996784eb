// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler driver's flags: portable by default, a CPU target only when asked; and multiarch
 * Fortran, built with the real gfortran, nm, objcopy and cc and loaded through FFM.
 */
class CompilerDriverTest {

    @TempDir
    Path dir;

    private String compileCommand(String march, boolean fastMath) throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("cc", "--version").start().waitFor() == 0, "no C compiler (cc)");
        Path c = Files.writeString(dir.resolve("twice.c"), "double twice(double x) { return 2 * x; }\n");
        var log = new ByteArrayOutputStream();
        var request = march == null
                ? new CompilerDriver.Request(List.of(new CompilerDriver.Source(c, false)), dir.resolve("libtwice.so"), List.of(), List.of(),
                        List.of(), false, fastMath)
                : new CompilerDriver.Request(List.of(new CompilerDriver.Source(c, false)), dir.resolve("libtwice.so"), List.of(), List.of(),
                        List.of(), false, fastMath, march);
        new CompilerDriver(new PrintStream(log, true, StandardCharsets.UTF_8), Map.of()).build(request, dir.resolve("obj"));
        assertTrue(Files.size(dir.resolve("libtwice.so")) > 0);
        return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" -c ")).findFirst().orElseThrow();
    }

    @Test
    void portableBaselineByDefaultWithoutFmaContraction() throws Exception {
        String cmd = compileCommand(null, false);
        assertFalse(cmd.contains("-march"), cmd);
        assertTrue(cmd.contains("-ffp-contract=off"), cmd);
        assertFalse(cmd.contains("-ffast-math"), cmd);
    }

    @Test
    void nativeTargetAndFastMathWhenAsked() throws Exception {
        String cmd = compileCommand("native", true);
        assertTrue(cmd.contains(" -march=native "), cmd);
        assertTrue(cmd.contains("-ffast-math"), cmd);
        assertFalse(cmd.contains("-ffp-contract=off"), cmd);
    }

    @Test
    void aTargetThatIsNoTargetNameIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CompilerDriver.Request(List.of(), dir.resolve("x.so"), List.of(),
                List.of(), List.of(), false, false, "native; rm -rf"));
        assertEquals("march 'native; rm -rf': expected a target such as native or x86-64-v3", e.getMessage());
    }

    /** A kernel that reports the level it was compiled for, an exact elementwise kernel, and a vectorised sum of sines. */
    static final String LEVELS_F90 = """
            module levels
              use iso_c_binding, only: c_int, c_double
              implicit none
            contains
              integer(c_int) function simd_level() bind(C)
            #if GATUN_X86_64_LEVEL == 4
                simd_level = 4
            #elif GATUN_X86_64_LEVEL == 3
                simd_level = 3
            #else
                simd_level = 1
            #endif
              end function simd_level

              ! Correctly rounded operations only (no FMA contraction in the driver's flags): every level gives the same bits.
              subroutine affine_sqrt(n, x, y) bind(C)
                integer(c_int), value :: n
                real(c_double), intent(in) :: x(n)
                real(c_double), intent(out) :: y(n)
                y = 2.5d0 * sqrt(x) + x / 3.0d0
              end subroutine affine_sqrt

              ! Calls libmvec's SIMD sin (an undefined symbol that must keep its name) in the vectorised levels.
              real(c_double) function sum_sin(n) bind(C)
                integer(c_int), value :: n
                integer :: j
                sum_sin = 0
                !$omp simd reduction(+:sum_sin)
                do j = 1, n
                  sum_sin = sum_sin + sin(j * 1.0d-3)
                end do
              end function sum_sin
            end module levels
            """;

    /** A second source that uses the first one's module: its .mod must be there for every level's compile. */
    private static final String CALLER_F90 = """
            integer(c_int) function level_via_module() bind(C)
              use levels, only: simd_level
              use iso_c_binding, only: c_int
              level_via_module = 10 * simd_level()
            end function level_via_module
            """;

    /** A C source calling the Fortran kernel through its exported name, i.e. through the ifunc. */
    private static final String CALLER_C = """
            int simd_level(void);
            int level_from_c(void) { return 100 * simd_level(); }
            """;

    static boolean x86Toolchain() throws Exception {
        for (String tool : List.of("gfortran", "cc", "nm", "objcopy")) {
            try {
                if (new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        var p = new ProcessBuilder("gfortran", "-dumpmachine").start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).startsWith("x86_64") && p.waitFor() == 0;
    }

    /** The level this CPU runs, read from /proc/cpuinfo: an oracle independent of __builtin_cpu_supports. */
    static int cpuLevel() throws IOException {
        Set<String> flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags")).findFirst()
                .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))).orElseThrow();
        boolean v2 = flags.containsAll(Set.of("cx16", "lahf_lm", "popcnt", "pni", "sse4_1", "sse4_2", "ssse3"));
        // LZCNT ("abm") belongs to v3 too, but some hypervisors hide the flag in /proc/cpuinfo while CPUID (which gcc's
        // __builtin_cpu_supports reads) reports it; every CPU with AVX2 and BMI2 has LZCNT.
        boolean v3 = v2 && flags.containsAll(Set.of("avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "movbe", "xsave"));
        boolean v4 = v3 && flags.containsAll(Set.of("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"));
        return v4 ? 4 : v3 ? 3 : 1;
    }

    private String build(String name, boolean multiarch, List<Path> sources) throws Exception {
        return build(dir, name, multiarch, sources);
    }

    /** Builds {@code dir/lib<name>.so} from free-form sources and returns the driver's log. */
    static String build(Path dir, String name, boolean multiarch, List<Path> sources) throws Exception {
        var log = new ByteArrayOutputStream();
        var request = new CompilerDriver.Request(sources.stream().map(f -> new CompilerDriver.Source(f, true)).toList(),
                dir.resolve("lib" + name + ".so"), List.of(), List.of(), List.of(), false, false).withMultiarch(multiarch);
        new CompilerDriver(new PrintStream(log, true, StandardCharsets.UTF_8), Map.of()).build(request, dir.resolve(name + "-obj"));
        return log.toString(StandardCharsets.UTF_8);
    }

    static String run(String... command) throws Exception {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    private static MethodHandle function(SymbolLookup lib, String name, FunctionDescriptor signature) {
        return Linker.nativeLinker().downcallHandle(lib.findOrThrow(name), signature);
    }

    @Test
    void multiarchExportsTheOriginalNamesAndRunsTheBestLevelWithTheBaselinesResults() throws Throwable {
        Assumptions.assumeTrue(x86Toolchain(), "needs gfortran targeting x86-64, cc, nm and objcopy");
        Path levels = Files.writeString(dir.resolve("levels.F90"), LEVELS_F90);
        Path caller = Files.writeString(dir.resolve("caller.f90"), CALLER_F90);
        Path c = Files.writeString(dir.resolve("caller.c"), CALLER_C);
        String log = build("multi", true, List.of(levels, caller, c));
        build("base", false, List.of(levels, caller, c));

        // Three compiles per Fortran source, each told its level; the C source once, as always.
        for (String flags : List.of("-march=x86-64-v4 -DGATUN_X86_64_LEVEL=4", "-march=x86-64-v3 -DGATUN_X86_64_LEVEL=3",
                "-DGATUN_X86_64_LEVEL=1")) {
            assertEquals(2, log.lines().filter(l -> l.contains(" " + flags + " ") && l.contains(" -c ")).count(), flags + "\n" + log);
        }
        assertEquals(1, log.lines().filter(l -> l.contains("caller.c -o")).count(), log);

        // The library exports the original names as ifuncs and nothing of the per-level bodies.
        String exported = run("nm", "-D", dir.resolve("libmulti.so").toString());
        for (String f : List.of("simd_level", "affine_sqrt", "sum_sin", "level_via_module")) {
            assertTrue(exported.lines().anyMatch(l -> l.endsWith(" i " + f)), f + " is no ifunc:\n" + exported);
        }
        assertTrue(exported.lines().anyMatch(l -> l.endsWith(" T level_from_c")), exported);
        assertFalse(exported.contains(".gatun_"), exported);
        // The undefined references kept their names: each level calls its own width of libmvec's sine (SSE, AVX2, AVX-512).
        for (String sine : List.of("_ZGVbN2v_sin", "_ZGVdN4v_sin", "_ZGVeN8v_sin")) {
            assertTrue(exported.lines().anyMatch(l -> l.trim().matches("U " + sine + "(@.*)?")), sine + "\n" + exported);
        }

        int expected = cpuLevel();
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup multi = SymbolLookup.libraryLookup(dir.resolve("libmulti.so"), arena);
            SymbolLookup base = SymbolLookup.libraryLookup(dir.resolve("libbase.so"), arena);
            var intOfVoid = FunctionDescriptor.of(ValueLayout.JAVA_INT);
            assertEquals(expected, (int) function(multi, "simd_level", intOfVoid).invokeExact());
            assertEquals(10 * expected, (int) function(multi, "level_via_module", intOfVoid).invokeExact());
            assertEquals(100 * expected, (int) function(multi, "level_from_c", intOfVoid).invokeExact());
            assertEquals(1, (int) function(base, "simd_level", intOfVoid).invokeExact());

            int n = 1003;
            MemorySegment x = arena.allocate(ValueLayout.JAVA_DOUBLE, n);
            for (int i = 0; i < n; i++) {
                x.setAtIndex(ValueLayout.JAVA_DOUBLE, i, 0.37 * i + 1e-3);
            }
            var affine = FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS);
            MemorySegment yMulti = arena.allocate(ValueLayout.JAVA_DOUBLE, n);
            MemorySegment yBase = arena.allocate(ValueLayout.JAVA_DOUBLE, n);
            function(multi, "affine_sqrt", affine).invokeExact(n, x, yMulti);
            function(base, "affine_sqrt", affine).invokeExact(n, x, yBase);
            assertTrue(Arrays.equals(yBase.toArray(ValueLayout.JAVA_DOUBLE), yMulti.toArray(ValueLayout.JAVA_DOUBLE)),
                    "affine_sqrt differs between the levels");
            assertEquals(2.5 * Math.sqrt(x.getAtIndex(ValueLayout.JAVA_DOUBLE, 7)) + x.getAtIndex(ValueLayout.JAVA_DOUBLE, 7) / 3.0,
                    yMulti.getAtIndex(ValueLayout.JAVA_DOUBLE, 7));

            // A reduction sums in another order per vector width, and libmvec's sines agree to a few ulp.
            var doubleOfInt = FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_INT);
            double sMulti = (double) function(multi, "sum_sin", doubleOfInt).invokeExact(100_000);
            double sBase = (double) function(base, "sum_sin", doubleOfInt).invokeExact(100_000);
            assertEquals(sBase, sMulti, 1e-12 * Math.abs(sBase));
        }
    }

    @Test
    void aSourceWithModuleDataStaysOnTheBaselineAndSaysWhy() throws Throwable {
        Assumptions.assumeTrue(x86Toolchain(), "needs gfortran targeting x86-64, cc, nm and objcopy");
        Path counter = Files.writeString(dir.resolve("counter.f90"), """
                module counter
                  use iso_c_binding, only: c_int
                  implicit none
                  integer(c_int) :: calls = 0
                contains
                  integer(c_int) function bump() bind(C)
                    calls = calls + 1
                    bump = calls
                  end function bump
                end module counter
                """);
        Path levels = Files.writeString(dir.resolve("levels.F90"), LEVELS_F90);
        String log = build("data", true, List.of(counter, levels));

        assertTrue(log.contains("gatun: multiarch: counter.f90 stays on the x86-64 baseline only: it defines global data"
                + " (__counter_MOD_calls (B)), and each x86-64 level would get its own copy"), log);
        assertFalse(log.lines().anyMatch(l -> l.contains("-march=") && l.contains("counter.f90")), log);
        String exported = run("nm", "-D", dir.resolve("libdata.so").toString());
        assertTrue(exported.lines().anyMatch(l -> l.endsWith(" T bump")), exported);
        assertTrue(exported.lines().anyMatch(l -> l.endsWith(" i simd_level")), exported);
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup lib = SymbolLookup.libraryLookup(dir.resolve("libdata.so"), arena);
            MethodHandle bump = function(lib, "bump", FunctionDescriptor.of(ValueLayout.JAVA_INT));
            assertEquals(1, (int) bump.invokeExact());
            assertEquals(2, (int) bump.invokeExact());
            assertEquals(cpuLevel(), (int) function(lib, "simd_level", FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact());
        }
    }

    @Test
    void multiarchWithAMarchTargetIsRejected() {
        var request = new CompilerDriver.Request(List.of(), dir.resolve("x.so"), List.of(), List.of(), List.of(), false, false, "native");
        var e = assertThrows(IllegalArgumentException.class, () -> request.withMultiarch(true));
        assertEquals("march 'native': multiarch compiles its own x86-64-v4, x86-64-v3 and baseline variants; leave march empty"
                + " or turn multiarch off", e.getMessage());
    }
}
