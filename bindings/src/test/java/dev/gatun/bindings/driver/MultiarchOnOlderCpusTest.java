// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portability half of multiarch: the same library, run by qemu-user on emulated CPUs without
 * AVX-512 (Haswell) and without any AVX (Nehalem), takes the v3 and the baseline bodies, never
 * faults, and computes the exact kernel's bits as on this machine. Skips where qemu-x86_64 is missing.
 */
class MultiarchOnOlderCpusTest {

    @TempDir
    Path dir;

    /** Loads the library like a JVM would (dlopen) and prints the level, the exact kernel's bits and the sine sum. */
    private static final String HARNESS_C = """
            #include <dlfcn.h>
            #include <inttypes.h>
            #include <stdio.h>
            #include <string.h>
            int main(int argc, char **argv) {
                void *lib = dlopen(argv[1], RTLD_NOW);
                if (!lib) { puts(dlerror()); return 1; }
                int (*level)(void) = (int (*)(void)) dlsym(lib, "simd_level");
                void (*affine)(int, const double *, double *) = (void (*)(int, const double *, double *)) dlsym(lib, "affine_sqrt");
                double (*sum_sin)(int) = (double (*)(int)) dlsym(lib, "sum_sin");
                double x[101], y[101];
                for (int i = 0; i < 101; i++) x[i] = 0.37 * i + 1e-3;
                affine(101, x, y);
                uint64_t hash = 1469598103934665603u;
                for (int i = 0; i < 101; i++) { uint64_t b; memcpy(&b, &y[i], 8); hash = (hash ^ b) * 1099511628211u; }
                printf("level=%d bits=%016" PRIx64 " sum=%.17g\\n", level(), hash, sum_sin(100000));
                return 0;
            }
            """;

    private static final Pattern LINE = Pattern.compile("level=(\\d) bits=([0-9a-f]{16}) sum=(\\S+)");

    private static Matcher result(String output) {
        Matcher m = LINE.matcher(output);
        if (!m.find()) {
            throw new AssertionError("no result line in:\n" + output);
        }
        return m;
    }

    private static boolean qemuWithAvx2() {
        try {
            String version = CompilerDriverTest.run("qemu-x86_64", "--version");
            Matcher m = Pattern.compile("version (\\d+)\\.(\\d+)").matcher(version);
            // qemu's TCG emulates AVX2 since 7.2.
            return m.find() && (Integer.parseInt(m.group(1)) > 7 || (m.group(1).equals("7") && Integer.parseInt(m.group(2)) >= 2));
        } catch (Exception | AssertionError e) {
            return false;
        }
    }

    @Test
    void olderCpusRunTheirOwnLevelWithTheSameExactResults() throws Exception {
        Assumptions.assumeTrue(CompilerDriverTest.x86Toolchain(), "needs gfortran targeting x86-64, cc, nm and objcopy");
        Assumptions.assumeTrue(qemuWithAvx2(), "needs qemu-x86_64 7.2 or later (qemu-user) to emulate older CPUs");
        Path levels = Files.writeString(dir.resolve("levels.F90"), CompilerDriverTest.LEVELS_F90);
        CompilerDriverTest.build(dir, "multi", true, List.of(levels));
        Path harness = dir.resolve("harness");
        CompilerDriverTest.run("cc", "-O2", "-o", harness.toString(), Files.writeString(dir.resolve("harness.c"), HARNESS_C).toString());
        String lib = dir.resolve("libmulti.so").toString();

        Matcher here = result(CompilerDriverTest.run(harness.toString(), lib));
        assertEquals(CompilerDriverTest.cpuLevel(), Integer.parseInt(here.group(1)));
        for (var cpu : List.of(new Object[] {"Nehalem", 1}, new Object[] {"Haswell", 3})) {
            Matcher there = result(CompilerDriverTest.run("qemu-x86_64", "-cpu", (String) cpu[0], harness.toString(), lib));
            assertEquals(cpu[1], Integer.parseInt(there.group(1)), (String) cpu[0]);
            assertEquals(here.group(2), there.group(2), cpu[0] + ": affine_sqrt's bits");
            double sum = Double.parseDouble(here.group(3));
            assertEquals(sum, Double.parseDouble(there.group(3)), 1e-12 * Math.abs(sum), cpu[0] + ": sum_sin");
        }
    }
}
