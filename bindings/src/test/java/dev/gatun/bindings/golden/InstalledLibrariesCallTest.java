package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.cli.GatunCli;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numerical libraries as a user finds them on Debian: {@code gatun build -l LIB} of the installed headers (no sources,
 * so the jar loads the system library by its soname), then real calls with checked results. Each test skips, naming the
 * package, where the library's {@code -dev} package is absent ({@code bin/setup-system} installs them).
 */
class InstalledLibrariesCallTest {

    @TempDir
    Path dir;

    /** Runs {@code gatun build} and loads the binding class {@code sys.<module>.<Class>}. */
    private BuiltBinding build(String module, String className, String... args) throws Exception {
        Path jar = dir.resolve(module + ".jar");
        var all = new ArrayList<>(List.of("build", "-m", module, "--package", "sys." + module, "-o", jar.toString()));
        all.addAll(List.of(args));
        assertEquals(0, GatunCli.run(all.toArray(String[]::new)), "gatun " + all);
        return BuiltBinding.load(jar, "sys." + module + "." + className);
    }

    private static Path header(String path, String debianPackage) {
        Path h = Path.of(path);
        assumeTrue(Files.isRegularFile(h), path + " is absent (install " + debianPackage + ")");
        return h;
    }

    private static Object constant(BuiltBinding lib, String name) throws ReflectiveOperationException {
        return lib.type().getField(name).get(null);
    }

    /**
     * The whole of {@code lapacke.h} (about 1800 functions bound: the class must stay within the JVM's limits), then
     * {@code LAPACKE_dgesv} solving a 3x3 system in row-major order with the header's own {@code LAPACK_ROW_MAJOR},
     * a singular system reported through LAPACK's {@code info}, and {@code LAPACKE_dsyev}'s eigenvalues.
     */
    @Test
    void lapackeWholeHeaderSolvesAndDiagonalises() throws Exception {
        Path h = header("/usr/include/lapacke.h", "liblapacke-dev");
        BuiltBinding lapacke = build("lapacke", "Lapacke", "-l", "lapacke", h.toString());
        int rowMajor = (int) constant(lapacke, "LAPACK_ROW_MAJOR");
        assertEquals(101, rowMajor);
        double[] a = {2, 1, 1, 1, 3, 2, 1, 0, 0};
        double[] x = {1.5, -2, 0.25};
        double[] b = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                b[i] += a[3 * i + j] * x[j];
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray matrix = DoubleArray.of(arena, Order.C, a, 9);
            DoubleArray rhs = DoubleArray.of(arena, Order.C, b, 3);
            IntArray pivots = IntArray.allocate(arena, 3);
            assertEquals(0, lapacke.call("lapackeDgesv", rowMajor, 3, 1, matrix, 3, pivots, rhs, 1), "info of a regular system");
            assertArrayEquals(x, rhs.toArray(), 1e-12);
            // Heap arrays go through the critical downcall, no copy.
            double[] heapRhs = b.clone();
            assertEquals(0, lapacke.call("lapackeDgesv", rowMajor, 3, 1, a.clone(), 3, new int[3], heapRhs, 1));
            assertArrayEquals(x, heapRhs, 1e-12);

            double[] singular = {1, 2, 3, 2, 4, 6, 1, 0, 1};
            int info = (int) lapacke.call("lapackeDgesv", rowMajor, 3, 1, singular, 3, new int[3], b.clone(), 1);
            assertTrue(info > 0, "LAPACK reports a zero pivot U(i,i) with info = i > 0, got " + info);

            double[] symmetric = {2, -1, 0, -1, 2, -1, 0, -1, 2};
            double[] w = new double[3];
            assertEquals(0, lapacke.call("lapackeDsyev", rowMajor, (byte) 'N', (byte) 'U', 3, symmetric, 3, w));
            assertArrayEquals(new double[] {2 - Math.sqrt(2), 2, 2 + Math.sqrt(2)}, w, 1e-12, "eigenvalues of the 1-D Laplacian");
        }
    }
}
