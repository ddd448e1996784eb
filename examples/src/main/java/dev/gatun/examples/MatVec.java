// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.cuda.Cublas;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.examples.harness.AbsentBackends;
import dev.gatun.examples.harness.CudaBackend;
import dev.gatun.examples.harness.Checksum;
import dev.gatun.examples.harness.ExampleOptions;
import dev.gatun.examples.harness.Measurement;
import dev.gatun.examples.harness.ResultTable;
import dev.gatun.examples.harness.Variant;
import dev.gatun.examples.harness.VariantTimer;
import dev.gatun.examples.twins.MatVecJava;
import dev.gatun.kernels.Kernels;
import dev.gatun.kernels.cuda.GpuKernels;
import dev.gatun.kernels.omp.KernelsOmp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <b>matvec</b>: the seeds' {@code np.dot(A, x)}, y = A x for an n-by-n matrix, with the matrix in C
 * (row-major) and in Fortran (column-major) order.
 *
 * <p><b>What it shows.</b> Memory order matters more than language: each kernel walks memory
 * contiguously for its order (dot products of rows in C order, sums of columns in Fortran order),
 * and the same off-heap matrix is handed to C and Fortran without a copy. A matrix-vector product
 * reads every element once, so it is bound by memory bandwidth: SIMD helps a little, threads help
 * until the memory bus is full.
 *
 * <p><b>How to run.</b> {@code bin/examples matvec --n 4000}, or after
 * {@code ./mvnw -B -q package -DskipTests}:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
 *      -cp 'examples/target/classes:examples/target/lib/*' dev.gatun.examples.MatVec
 * </pre>
 *
 * <p><b>What you should see.</b> {@code sum(y) is ..., Error is ...} per variant (the distance of
 * the checksum from the scalar Java loop's: summation order only, about 1e-12), then the table.
 *
 * <p>With a GPU: "CUDA" is the hand-written warp-per-row kernel ({@link GpuKernels#matvec}, row-major),
 * "CUDA cuBLAS" is {@code cublasDgemv} on the column-major matrix. A and x are uploaded once before the
 * timed runs; the time includes the kernel and copying y back to the host.
 */
@Command(name = "matvec", mixinStandardHelpOptions = true,
        description = "Time y = A x in Java and through C and Fortran kernels, row- and column-major.")
public final class MatVec implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "3000", description = "Rows and columns of A (default: ${DEFAULT-VALUE}).")
    int n;

    @Mixin
    ExampleOptions options;

    /** Creates the command; picocli fills the options. */
    public MatVec() {
    }

    /**
     * Runs the example.
     *
     * @param args command-line options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new MatVec()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--n: expected 1..46340 (n^2 elements in a Java array), got " + n);
        }
        int m = n;
        double[] a = new double[m * n];
        double[] x = new double[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = 1.0 / (i + j + 1); // the Hilbert matrix: no two rows alike
            }
        }
        for (int j = 0; j < n; j++) {
            x[j] = Math.sin(j);
        }
        double[] y = new double[m];
        MatVecJava.scalar(a, x, y, m, n);
        double reference = Checksum.of(y);
        try (Arena arena = Arena.ofConfined(); CudaBackend gpu = CudaBackend.open().orElse(null)) {
            // The same matrix twice: row-major for the C-order kernels, column-major (a(i, j)) for the others.
            DoubleArray rowMajor = DoubleArray.of(arena, Order.C, a, m, n);
            DoubleArray colMajor = DoubleArray.allocate(arena, Order.FORTRAN, m, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    colMajor.set(i, j, a[i * n + j]);
                }
            }
            DoubleArray xOff = DoubleArray.of(arena, Order.C, x, n);
            DoubleArray yOff = DoubleArray.allocate(arena, m);

            List<Variant> variants = new ArrayList<>();
            variants.add(Variant.of("Java scalar", 1, () -> MatVecJava.scalar(a, x, y, m, n), () -> Checksum.of(y)));
            variants.add(Variant.of("Java Vector API", 1, () -> MatVecJava.vectorApi(a, x, y, m, n), () -> Checksum.of(y)));
            for (int t : options.threadCounts()) {
                variants.add(Variant.of("Java parallel streams", t, () -> MatVecJava.parallelStreams(a, x, y, m, n, t), () -> Checksum.of(y)));
            }
            variants.add(Variant.of("C row-major", 1, () -> Kernels.matvecCRowmajor(rowMajor, xOff, yOff), () -> Checksum.of(yOff)));
            variants.add(Variant.of("C column-major", 1, () -> Kernels.matvecCColmajor(colMajor, xOff, yOff), () -> Checksum.of(yOff)));
            variants.add(Variant.of("Fortran", 1, () -> Kernels.matvecF(colMajor, xOff, yOff), () -> Checksum.of(yOff)));
            variants.add(Variant.of("C SIMD row-major", 1, () -> Kernels.matvecCRowmajorSimd(rowMajor, xOff, yOff), () -> Checksum.of(yOff)));
            variants.add(Variant.of("C SIMD column-major", 1, () -> Kernels.matvecCColmajorSimd(colMajor, xOff, yOff), () -> Checksum.of(yOff)));
            variants.add(Variant.of("Fortran SIMD", 1, () -> Kernels.matvecFSimd(colMajor, xOff, yOff), () -> Checksum.of(yOff)));
            for (int t : options.threadCounts()) {
                variants.add(Variant.openMp("C+OpenMP row-major", t, () -> {
                    KernelsOmp.matvecCRowmajorOmp(rowMajor, xOff, yOff);
                    return 0.0;
                }, () -> Checksum.of(yOff)));
            }
            for (int t : options.threadCounts()) {
                variants.add(Variant.openMp("Fortran+OpenMP", t, () -> {
                    KernelsOmp.matvecFOmp(colMajor, xOff, yOff);
                    return 0.0;
                }, () -> Checksum.of(yOff)));
            }
            if (gpu == null) {
                variants.add(AbsentBackends.cuda());
            } else {
                addCudaVariants(variants, gpu, arena, rowMajor, colMajor, xOff);
            }
            variants.add(AbsentBackends.mpi());
            variants = options.select(variants);

            VariantTimer timer = new VariantTimer(options.warmups(), options.repetitions(), System.out);
            List<Measurement> measured = timer.run("sum(y)", variants, v -> Math.abs(v - reference));
            options.report(ResultTable.of("matvec", "n = " + n, "Java scalar", variants, measured), System.out);
        }
        return 0;
    }

    /** The hand-written kernel on the row-major copy and cuBLAS dgemv on the column-major one; inputs uploaded once. */
    private static void addCudaVariants(List<Variant> variants, CudaBackend gpu, Arena arena, DoubleArray rowMajor,
                                        DoubleArray colMajor, DoubleArray x) {
        DeviceArray aRows = gpu.keep(DeviceArray.copyOf(gpu.device(), rowMajor));
        DeviceArray aCols = gpu.keep(DeviceArray.copyOf(gpu.device(), colMajor));
        DeviceArray xDev = gpu.keep(DeviceArray.copyOf(gpu.device(), x));
        DeviceArray yDev = gpu.keep(DeviceArray.allocate(gpu.device(), x.elementType(), Order.C, rowMajor.shape(0)));
        DoubleArray y = DoubleArray.allocate(arena, rowMajor.shape(0));
        variants.add(gpu.variant("CUDA", () -> {
            GpuKernels.matvec(aRows, xDev, yDev, gpu.stream());
            yDev.copyToAsync(y, gpu.stream());
        }, () -> Checksum.of(y)));
        if (Cublas.unavailableReason().isPresent()) {
            variants.add(Variant.unavailable("CUDA cuBLAS", Cublas.unavailableReason().get()));
            return;
        }
        Cublas blas = gpu.keep(Cublas.create(gpu.device()));
        blas.setStream(gpu.stream());
        variants.add(gpu.variant("CUDA cuBLAS", () -> {
            blas.dgemv(1.0, aCols, xDev, 0.0, yDev);
            yDev.copyToAsync(y, gpu.stream());
        }, () -> Checksum.of(y)));
    }
}
