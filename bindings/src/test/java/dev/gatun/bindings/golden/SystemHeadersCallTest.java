// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.array.Complex;
import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.array.ComplexFloatArray;
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
 * The four real headers the issue names, each bound WHOLE with {@code gatun build --link-system} (headers only:
 * the jars ship no native code and load the system library by its soname; no include filter), then called:
 * cblas against Java loops, FFTW plans against a direct DFT, MPI collectives under {@code mpirun}, and the CUDA
 * driver API when {@code libcuda.so.1} loads. Each header is generated once per run.
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

    /** The public static methods named {@code *$address}: one per bound function and global. */
    private static long addressAccessors(Class<?> binding) {
        return Arrays.stream(binding.getMethods()).filter(m -> Modifier.isStatic(m.getModifiers()) && m.getName().endsWith("$address"))
                .map(Method::getName).distinct().count();
    }

    private static int constant(BuiltBinding lib, String name) throws ReflectiveOperationException {
        return (int) lib.type().getField(name).get(null);
    }

    /**
     * The whole of OpenBLAS's {@code cblas.h}, no filter: about 200 functions and the header's own enums, then
     * {@code cblas_ddot}, {@code cblas_dgemv} and {@code cblas_dgemm} against Java loops, with {@code CblasRowMajor},
     * {@code CblasNoTrans} and {@code CblasTrans} from the header; {@code cblas_zdotu/zdotc/cdotu/cdotc}, which return a
     * complex number by value, against Java sums.
     */
    @Test
    void cblasWholeHeaderDdotDgemvDgemm() throws Exception {
        Path cblas = firstExisting("/usr/include/x86_64-linux-gnu/cblas.h", "/usr/include/cblas.h", "/usr/include/openblas/cblas.h");
        assumeTrue(cblas != null, "no cblas.h (install libopenblas-dev)");
        BuiltBinding blas = BuiltBinding.load(build("blas", "--link-system", "openblas", cblas.toString()), "sys.blas.Blas");
        assertTrue(addressAccessors(blas.type()) >= 200, "cblas.h binds all 200 functions (the complex dot products too), got "
                + addressAccessors(blas.type()));
        int rowMajor = constant(blas, "CblasRowMajor");
        int noTrans = constant(blas, "CblasNoTrans");
        int trans = constant(blas, "CblasTrans");
        assertEquals(List.of(101, 111, 112), List.of(rowMajor, noTrans, trans), "CBLAS_ORDER and CBLAS_TRANSPOSE from the header");
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
            assertEquals(expected, (double) blas.call("cblasDdot", n, xs, 1, ys, 1), 1e-12, "heap arrays");

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
            blas.call("cblasDgemv", rowMajor, noTrans, rows, cols, 2.0, DoubleArray.of(arena, Order.C, a, a.length), cols,
                    DoubleArray.of(arena, Order.C, v, cols), 1, 0.0, out, 1);
            assertArrayEquals(want, out.toArray(), 1e-12);

            // C = 1.5 * A^T B + 0.5 * C with A 7x5 (so A^T is 5x7), B 7x3, C 5x3, all row-major.
            int k = 3;
            double[] b = new double[rows * k];
            Arrays.setAll(b, i -> Math.cos(i) - 0.25 * (i % 4));
            double[] c = new double[cols * k];
            Arrays.setAll(c, i -> i - 7.0);
            double[] product = new double[cols * k];
            for (int i = 0; i < cols; i++) {
                for (int j = 0; j < k; j++) {
                    double sum = 0;
                    for (int l = 0; l < rows; l++) {
                        sum += a[l * cols + i] * b[l * k + j];
                    }
                    product[i * k + j] = 1.5 * sum + 0.5 * c[i * k + j];
                }
            }
            blas.call("cblasDgemm", rowMajor, trans, noTrans, cols, k, rows, 1.5, a, cols, b, k, 0.5, c, k);
            assertArrayEquals(product, c, 1e-12, "dgemm on heap arrays");

            // The four dot products returning a complex number by value (openblas_complex_double is double _Complex).
            Complex[] zx = {new Complex(1, 2), new Complex(-0.5, 4), new Complex(3, 0), new Complex(0.25, -1)};
            Complex[] zy = {new Complex(2, -1), new Complex(1.5, 0.25), new Complex(-2, 6), new Complex(8, 0.5)};
            Complex dotu = Complex.ZERO;
            Complex dotc = Complex.ZERO;
            for (int i = 0; i < zx.length; i++) {
                dotu = dotu.plus(new Complex(zx[i].re() * zy[i].re() - zx[i].im() * zy[i].im(), zx[i].re() * zy[i].im() + zx[i].im() * zy[i].re()));
                dotc = dotc.plus(new Complex(zx[i].re() * zy[i].re() + zx[i].im() * zy[i].im(), zx[i].re() * zy[i].im() - zx[i].im() * zy[i].re()));
            }
            MemorySegment zxs = ComplexDoubleArray.of(arena, Order.C, zx, zx.length).segment();
            MemorySegment zys = ComplexDoubleArray.of(arena, Order.C, zy, zy.length).segment();
            assertEquals(dotu, blas.call("cblasZdotu", zx.length, zxs, 1, zys, 1), "sum x[i] y[i]");
            assertEquals(dotc, blas.call("cblasZdotc", zx.length, zxs, 1, zys, 1), "sum conj(x[i]) y[i]");
            MemorySegment cxs = ComplexFloatArray.of(arena, Order.C, zx, zx.length).segment();
            MemorySegment cys = ComplexFloatArray.of(arena, Order.C, zy, zy.length).segment();
            assertEquals(dotu, blas.call("cblasCdotu", zx.length, cxs, 1, cys, 1), "float _Complex: the values are exact in float");
            assertEquals(dotc, blas.call("cblasCdotc", zx.length, cxs, 1, cys, 1));
            assertEquals(new Complex(zx[1].re() * zy[0].re() - zx[1].im() * zy[0].im() + zx[3].re() * zy[1].re() - zx[3].im() * zy[1].im(),
                    zx[1].re() * zy[0].im() + zx[1].im() * zy[0].re() + zx[3].re() * zy[1].im() + zx[3].im() * zy[1].re()),
                    blas.call("cblasZdotu", 2, zxs.asSlice(16), 2, zys, 1), "strides: x[1], x[3] against y[0], y[1]");
        }
    }

    /**
     * The whole of {@code fftw3.h}, no filter (the double, float and long-double APIs; the {@code __float128} one is
     * skipped with its reason), then plans made with the header's {@code FFTW_FORWARD} and {@code FFTW_ESTIMATE},
     * executed and destroyed, each spectrum checked against a direct DFT; {@code fftw_malloc}/{@code fftw_free} too.
     */
    @Test
    void fftwWholeHeaderPlansAgainstADirectDft() throws Exception {
        Path fftw = firstExisting("/usr/include/fftw3.h");
        assumeTrue(fftw != null, "no fftw3.h (install libfftw3-dev)");
        BuiltBinding lib = BuiltBinding.load(build("fftw", "--link-system", "fftw3", fftw.toString()), "sys.fftw.Fftw");
        assertTrue(addressAccessors(lib.type()) >= 250, "fftw3.h binds about 244 functions and 12 globals, got "
                + addressAccessors(lib.type()));
        int forward = constant(lib, "FFTW_FORWARD");
        int estimate = constant(lib, "FFTW_ESTIMATE"); // plans without touching the arrays
        assertEquals(-1, forward);
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
        MemorySegment block = (MemorySegment) lib.call("fftwMalloc", 1024L);
        assertFalse(block.equals(MemorySegment.NULL), "fftw_malloc");
        assertEquals(0, block.address() % 16, "fftw_malloc aligns for SIMD");
        lib.call("fftwFree", block);
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

    /**
     * The whole of Open MPI's {@code mpi.h}, no filter, plus {@code mpi.gatun} (the text buffer of
     * {@code MPI_Get_library_version}): the library version is read in this JVM (it needs no {@code MPI_Init}), then
     * {@link WholeMpiHeaderProgram} runs as two ranks under {@code mpirun}: {@code MPI_Init}, {@code MPI_Comm_rank},
     * {@code MPI_Comm_size}, {@code MPI_Allreduce} of doubles with {@code MPI_SUM}, {@code MPI_Finalize}, all through
     * the generated binding of the header.
     */
    @Test
    void mpiWholeHeaderInitRankAllreduceFinalizeUnderMpirun() throws Exception {
        assumeTrue(BuiltBinding.onPath("mpicc"), "no mpicc on PATH (install libopenmpi-dev)");
        String include = mpicc("incdirs").split("\\s+")[0];
        List<String> link = List.of(mpicc("link").split("\\s+"));
        var args = new ArrayList<>(List.of("-I", include, "--link-system", "mpi"));
        link.stream().filter(f -> f.startsWith("-L")).forEach(f -> args.addAll(List.of("-L", f.substring(2))));
        args.add(Path.of(include, "mpi.h").toString());
        args.add(SIGNATURES.resolve("mpi.gatun").toString());
        Path jar = build("mpi", args.toArray(String[]::new));
        BuiltBinding mpi = BuiltBinding.load(jar, "sys.mpi.Mpi");
        assertTrue(addressAccessors(mpi.type()) >= 850, "mpi.h binds about 782 functions and 104 globals, got "
                + addressAccessors(mpi.type()));
        Object version = mpi.call("mpiGetLibraryVersion");
        assertEquals(0, BuiltBinding.component(version, "result"), "MPI_SUCCESS");
        String text = (String) BuiltBinding.component(version, "version");
        assertTrue(text.contains("Open MPI"), text);
        int length = (int) BuiltBinding.component(version, "resultlen");
        // The standard says "length of the string"; Open MPI counts the terminating NUL as well.
        assertTrue(length == text.length() || length == text.length() + 1, "resultlen " + length + " for " + text.length() + " characters");
        Object standard = mpi.call("mpiGetVersion");
        assertEquals(3, BuiltBinding.component(standard, "version"), "Open MPI 4 implements MPI 3.1");

        assumeTrue(BuiltBinding.onPath("mpirun"), "no mpirun on PATH (install openmpi-bin)");
        String output = mpirun(2, WholeMpiHeaderProgram.class, jar.toString(), "sys.mpi.Mpi");
        for (int rank = 0; rank < 2; rank++) {
            assertTrue(output.contains("[" + rank + "] size=2 sum=3.0 squares=1.0 version=3.1"), output);
        }
    }

    /** Runs {@code program} as {@code ranks} processes under Open MPI's {@code mpirun} with this test's class path. */
    private static String mpirun(int ranks, Class<?> program, String... args) throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path");
        var command = new ArrayList<>(List.of("mpirun", "-np", Integer.toString(ranks), "--allow-run-as-root", "--oversubscribe",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-cp", cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path"),
                program.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new java.io.ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                p.getInputStream().transferTo(output);
            } catch (IOException e) {
                // the process died; what was read is reported below
            }
        });
        if (!p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        reader.join();
        String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "mpirun " + command + ":\n" + text);
        return text;
    }

    /**
     * The whole of {@code cuda.h} (CUDA toolkit headers), no filter: the class compiles and loads everywhere; where
     * {@code libcuda.so.1} loads (an NVIDIA driver), {@code cuInit}, {@code cuDriverGetVersion},
     * {@code cuDeviceGetCount} and {@code cuGetErrorName} are called, else that part skips with the reason.
     */
    @Test
    void cudaWholeHeaderIsBoundAndCalledWhereADriverExists() throws Exception {
        Path cuda = firstExisting("/usr/local/cuda/include/cuda.h");
        assumeTrue(cuda != null, "no CUDA toolkit headers at /usr/local/cuda/include");
        Path jar = build("cuda", "--link-system", "libcuda.so.1", cuda.toString(), SIGNATURES.resolve("cuda.gatun").toString());
        // Load without initialising: the class must exist and compile here even where no driver is installed.
        var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        Class<?> type = Class.forName("sys.cuda.Cuda", false, loader);
        assertTrue(addressAccessors(type) >= 440, "cuda.h binds about 445 functions, got " + addressAccessors(type));
        assertEquals(int.class, type.getMethod("cuInit", int.class).getReturnType());
        assertEquals(MemorySegment.class, type.getMethod("cuGetErrorName", int.class).getReturnType().getRecordComponents()[1].getType());
        assumeTrue(NativeLibrary.loadSystem("libcuda.so.1").isPresent(), "libcuda.so.1 does not load: no NVIDIA driver on this machine");
        BuiltBinding driver = BuiltBinding.load(jar, "sys.cuda.Cuda");
        assertEquals(2, constant(driver, "CUDA_ERROR_OUT_OF_MEMORY"), "the header's CUresult enumerators are constants");
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
