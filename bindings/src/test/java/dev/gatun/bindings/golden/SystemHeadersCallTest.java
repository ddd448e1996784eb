// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.array.Complex;
import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.cli.GatunCli;
import dev.gatun.load.NativeLibrary;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four real headers the issue names, bound with {@code gatun build --link-system} (headers only: the
 * jars ship no native code and load the system library by its soname) and an include filter, then called:
 * cblas against Java loops, FFTW plans against a direct DFT, MPI's library version through a {@code .gatun}
 * signature file, and the CUDA driver API when {@code libcuda.so.1} loads.
 */
class SystemHeadersCallTest {

    static final Path SIGNATURES = Path.of("src/test/resources/kernels/c/system");

    @TempDir
    Path dir;

    private static Path firstExisting(String... candidates) {
        return Arrays.stream(candidates).map(Path::of).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    /** Runs {@code gatun build} for headers only, asserting the jar holds classes and no native library. */
    private Path build(String module, String... args) throws IOException {
        Path jar = dir.resolve(module + ".jar");
        var all = new ArrayList<>(List.of("build", "-m", module, "--package", "sys." + module, "-o", jar.toString()));
        all.addAll(List.of(args));
        assertEquals(0, GatunCli.run(all.toArray(String[]::new)), "gatun build " + all);
        try (var j = new JarFile(jar.toFile())) {
            assertTrue(j.stream().noneMatch(e -> e.getName().startsWith("META-INF/native/")), "a system library is not shipped");
        }
        return jar;
    }

    private static String mpicc(String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mpicc", "--showme:" + what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "mpicc --showme:" + what + ": " + out);
        return out;
    }

    @Test
    void cblasDdotAndDgemvFromOpenBlas() throws Exception {
        Path cblas = firstExisting("/usr/include/x86_64-linux-gnu/cblas.h", "/usr/include/cblas.h", "/usr/include/openblas/cblas.h");
        assumeTrue(cblas != null, "no cblas.h (install libopenblas-dev)");
        Path jar = build("blas", "--link-system", "openblas", "--include", "cblas_ddot,cblas_dgemv", cblas.toString());
        BuiltBinding blas = BuiltBinding.load(jar, "sys.blas.Blas");
        List<String> methods = Arrays.stream(blas.type().getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).distinct().sorted().toList();
        assertEquals(List.of("cblasDdot", "cblasDdot$address", "cblasDgemv", "cblasDgemv$address"), methods,
                "--include binds exactly the two functions (and their address accessors)");
        try (Arena arena = Arena.ofConfined()) {
            int n = 1000;
            double[] xs = new double[n];
            double[] ys = new double[n];
            double expected = 0;
            for (int i = 0; i < n; i++) {
                xs[i] = Math.sin(i);
                ys[i] = 1.0 / (i + 1);
                expected += xs[i] * ys[i];
            }
            DoubleArray x = DoubleArray.of(arena, Order.C, xs, n);
            DoubleArray y = DoubleArray.of(arena, Order.C, ys, n);
            assertEquals(expected, (double) blas.call("cblasDdot", n, x, 1, y, 1), 1e-12);

            int rows = 7;
            int cols = 5;
            double[] a = new double[rows * cols];
            Arrays.setAll(a, k -> k % 3 - 0.5 * k);
            double[] v = {1, -2, 3, 0.5, 4};
            double[] want = new double[rows];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    want[i] += 2.0 * a[i * cols + j] * v[j];
                }
            }
            DoubleArray out = DoubleArray.allocate(arena, rows);
            int rowMajor = 101;
            int noTrans = 111;
            blas.call("cblasDgemv", rowMajor, noTrans, rows, cols, 2.0, DoubleArray.of(arena, Order.C, a, a.length), cols,
                    DoubleArray.of(arena, Order.C, v, cols), 1, 0.0, out, 1);
            assertArrayEquals(want, out.toArray(), 1e-12);
        }
    }

    @Test
    void fftwPlansAgainstADirectDft() throws Exception {
        Path fftw = firstExisting("/usr/include/fftw3.h");
        assumeTrue(fftw != null, "no fftw3.h (install libfftw3-dev)");
        Path jar = build("fftw", "--link-system", "fftw3",
                "--include", "fftw_plan_dft_1d,fftw_plan_dft_2d,fftw_plan_dft_r2c_1d,fftw_execute,fftw_destroy_plan", fftw.toString());
        BuiltBinding lib = BuiltBinding.load(jar, "sys.fftw.Fftw");
        int forward = -1;
        int estimate = 1 << 6; // FFTW_ESTIMATE: plans without touching the arrays
        try (Arena arena = Arena.ofConfined()) {
            int n = 16;
            ComplexDoubleArray in = ComplexDoubleArray.allocate(arena, n);
            ComplexDoubleArray out = ComplexDoubleArray.allocate(arena, n);
            MemorySegment plan = (MemorySegment) lib.call("fftwPlanDft1d", n, in, out, forward, estimate);
            assertFalse(plan.equals(MemorySegment.NULL), "fftw_plan_dft_1d returned a plan");
            Complex[] signal = new Complex[n];
            for (int k = 0; k < n; k++) {
                signal[k] = new Complex(Math.cos(0.3 * k) + k % 4, Math.sin(0.7 * k));
                in.set(k, signal[k]);
            }
            lib.call("fftwExecute", plan);
            lib.call("fftwDestroyPlan", plan);
            assertSpectrum(dft(signal, 1, n), out.toArray());

            DoubleArray real = DoubleArray.allocate(arena, n);
            ComplexDoubleArray half = ComplexDoubleArray.allocate(arena, n / 2 + 1);
            MemorySegment r2c = (MemorySegment) lib.call("fftwPlanDftR2c1d", n, real, half, estimate);
            Complex[] realSignal = new Complex[n];
            for (int k = 0; k < n; k++) {
                real.set(k, Math.exp(-0.1 * k) - 0.25 * k);
                realSignal[k] = new Complex(real.get(k), 0);
            }
            lib.call("fftwExecute", r2c);
            lib.call("fftwDestroyPlan", r2c);
            assertSpectrum(Arrays.copyOf(dft(realSignal, 1, n), n / 2 + 1), half.toArray());

            int n0 = 4;
            int n1 = 6;
            ComplexDoubleArray grid = ComplexDoubleArray.allocate(arena, n0 * n1);
            ComplexDoubleArray spectrum = ComplexDoubleArray.allocate(arena, n0 * n1);
            MemorySegment plan2 = (MemorySegment) lib.call("fftwPlanDft2d", n0, n1, grid, spectrum, forward, estimate);
            Complex[] values = new Complex[n0 * n1];
            for (int k = 0; k < values.length; k++) {
                values[k] = new Complex(k % 5 - 2, 0.5 * (k % 3));
                grid.set(k, values[k]);
            }
            lib.call("fftwExecute", plan2);
            lib.call("fftwDestroyPlan", plan2);
            assertSpectrum(dft(values, n0, n1), spectrum.toArray());
        }
    }

    /** The forward DFT of a row-major n0 x n1 grid, summed directly. */
    private static Complex[] dft(Complex[] x, int n0, int n1) {
        Complex[] out = new Complex[n0 * n1];
        for (int k0 = 0; k0 < n0; k0++) {
            for (int k1 = 0; k1 < n1; k1++) {
                double re = 0;
                double im = 0;
                for (int j0 = 0; j0 < n0; j0++) {
                    for (int j1 = 0; j1 < n1; j1++) {
                        double angle = -2 * Math.PI * ((double) k0 * j0 / n0 + (double) k1 * j1 / n1);
                        Complex v = x[j0 * n1 + j1];
                        re += v.re() * Math.cos(angle) - v.im() * Math.sin(angle);
                        im += v.re() * Math.sin(angle) + v.im() * Math.cos(angle);
                    }
                }
                out[k0 * n1 + k1] = new Complex(re, im);
            }
        }
        return out;
    }

    private static void assertSpectrum(Complex[] expected, Complex[] actual) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k].re(), actual[k].re(), 1e-9, "re of bin " + k);
            assertEquals(expected[k].im(), actual[k].im(), 1e-9, "im of bin " + k);
        }
    }

    @Test
    void mpiLibraryVersionThroughASignatureFile() throws Exception {
        assumeTrue(BuiltBinding.onPath("mpicc"), "no mpicc on PATH (install libopenmpi-dev)");
        String include = mpicc("incdirs").split("\\s+")[0];
        List<String> link = List.of(mpicc("link").split("\\s+"));
        var args = new ArrayList<>(List.of("-I", include, "--link-system", "mpi", "--include", "MPI_Get_library_version,MPI_Get_version"));
        link.stream().filter(f -> f.startsWith("-L")).forEach(f -> args.addAll(List.of("-L", f.substring(2))));
        args.add(Path.of(include, "mpi.h").toString());
        args.add(SIGNATURES.resolve("mpi.gatun").toString());
        Path jar = build("mpi", args.toArray(String[]::new));
        BuiltBinding mpi = BuiltBinding.load(jar, "sys.mpi.Mpi");
        Object version = mpi.call("mpiGetLibraryVersion");
        assertEquals(0, BuiltBinding.component(version, "result"), "MPI_SUCCESS");
        String text = (String) BuiltBinding.component(version, "version");
        assertTrue(text.contains("Open MPI"), text);
        int length = (int) BuiltBinding.component(version, "resultlen");
        // The standard says "length of the string"; Open MPI counts the terminating NUL as well.
        assertTrue(length == text.length() || length == text.length() + 1, "resultlen " + length + " for " + text.length() + " characters");
        Object standard = mpi.call("mpiGetVersion");
        assertEquals(3, BuiltBinding.component(standard, "version"), "Open MPI 4 implements MPI 3.1");
    }

    @Test
    void cudaDriverApiIsBoundAndCalledWhereADriverExists() throws Exception {
        Path cuda = firstExisting("/usr/local/cuda/include/cuda.h");
        assumeTrue(cuda != null, "no CUDA toolkit headers at /usr/local/cuda/include");
        Path jar = build("cuda", "--link-system", "libcuda.so.1", "--include", "cuInit,cuDriverGetVersion,cuDeviceGetCount,cuGetErrorName",
                cuda.toString(), SIGNATURES.resolve("cuda.gatun").toString());
        // Load without initialising: the class must exist and compile here even where no driver is installed.
        var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        Class<?> type = Class.forName("sys.cuda.Cuda", false, loader);
        assertEquals(int.class, type.getMethod("cuInit", int.class).getReturnType());
        assertEquals(MemorySegment.class, type.getMethod("cuGetErrorName", int.class).getReturnType().getRecordComponents()[1].getType());
        assumeTrue(NativeLibrary.loadSystem("libcuda.so.1").isPresent(), "libcuda.so.1 does not load: no NVIDIA driver on this machine");
        BuiltBinding driver = BuiltBinding.load(jar, "sys.cuda.Cuda");
        assertEquals(0, driver.call("cuInit", 0), "CUDA_SUCCESS");
        Object version = driver.call("cuDriverGetVersion");
        assertEquals(0, BuiltBinding.component(version, "result"));
        assertTrue((int) BuiltBinding.component(version, "driverVersion") >= 11000, version.toString());
        Object count = driver.call("cuDeviceGetCount");
        assertTrue((int) BuiltBinding.component(count, "count") >= 1, count.toString());
        Object name = driver.call("cuGetErrorName", 2);
        String text = ((MemorySegment) BuiltBinding.component(name, "pStr")).reinterpret(64).getString(0);
        assertEquals("CUDA_ERROR_OUT_OF_MEMORY", text);
    }
}
