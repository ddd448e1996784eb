// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.ElementType;
import dev.gatun.array.Order;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.examples.harness.AbsentBackends;
import dev.gatun.examples.harness.CudaBackend;
import dev.gatun.examples.harness.Checksum;
import dev.gatun.examples.harness.ExampleOptions;
import dev.gatun.examples.harness.Measurement;
import dev.gatun.examples.harness.ResultTable;
import dev.gatun.examples.harness.Variant;
import dev.gatun.examples.harness.VariantTimer;
import dev.gatun.examples.twins.MySqrtJava;
import dev.gatun.kernels.Kernels;
import dev.gatun.kernels.cuda.GpuKernels;
import dev.gatun.kernels.omp.KernelsOmp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <b>my_sqrt</b>: the seeds' Cython/numba loop {@code a[i] = sqrt(i)}, in Java, C and Fortran.
 *
 * <p><b>What it shows.</b> Where the JIT is already enough: a square root is one instruction and
 * the loop is bound by writing memory, so scalar Java, C and Fortran land close together; SIMD and
 * threads help until memory bandwidth is the limit. Every variant computes correctly rounded square
 * roots, so the checksums agree to the last bit.
 *
 * <p><b>How to run.</b> {@code bin/examples my_sqrt --n 20000000}, or after
 * {@code ./mvnw -B -q package -DskipTests}:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
 *      -cp 'examples/target/classes:examples/target/lib/*' dev.gatun.examples.MySqrt
 * </pre>
 *
 * <p><b>What you should see.</b> {@code sum(a) is ..., Error is 0.000000e+00} for each serial variant
 * (sums reordered by threads may differ in the last bits), then the table. With a GPU, the "CUDA" row
 * runs {@link GpuKernels#mySqrt}; its time includes the kernel and copying the whole array back to the
 * host (the checksum is taken there, untimed). The copy dominates: the GPU writes 8n bytes in microseconds.
 */
@Command(name = "my_sqrt", mixinStandardHelpOptions = true,
        description = "Time a[i] = sqrt(i) in Java, C and Fortran, serial, SIMD and OpenMP.")
public final class MySqrt implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "10000000", description = "Array length (default: ${DEFAULT-VALUE}).")
    int n;

    @Mixin
    ExampleOptions options;

    /** Creates the command; picocli fills the options. */
    public MySqrt() {
    }

    /**
     * Runs the example.
     *
     * @param args command-line options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new MySqrt()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (n < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--n: expected >= 1, got " + n);
        }
        double reference = 0.0;
        for (int i = 0; i < n; i++) {
            reference += StrictMath.sqrt(i);
        }
        double[] heap = new double[n];
        try (Arena arena = Arena.ofConfined(); CudaBackend gpu = CudaBackend.open().orElse(null)) {
            DoubleArray a = DoubleArray.allocate(arena, n);
            List<Variant> variants = new ArrayList<>();
            variants.add(Variant.of("Java scalar", 1, () -> MySqrtJava.scalar(heap), () -> Checksum.of(heap)));
            variants.add(Variant.of("Java Vector API", 1, () -> MySqrtJava.vectorApi(heap), () -> Checksum.of(heap)));
            for (int t : options.threadCounts()) {
                variants.add(Variant.of("Java parallel streams", t, () -> MySqrtJava.parallelStreams(heap, t), () -> Checksum.of(heap)));
            }
            variants.add(Variant.of("C", 1, () -> Kernels.mySqrtC(a), () -> Checksum.of(a)));
            variants.add(Variant.of("Fortran", 1, () -> Kernels.mySqrtF(a), () -> Checksum.of(a)));
            variants.add(Variant.of("C SIMD", 1, () -> Kernels.mySqrtCSimd(a), () -> Checksum.of(a)));
            variants.add(Variant.of("Fortran SIMD", 1, () -> Kernels.mySqrtFSimd(a), () -> Checksum.of(a)));
            for (int t : options.threadCounts()) {
                variants.add(Variant.openMp("C+OpenMP", t, () -> {
                    KernelsOmp.mySqrtCOmp(a);
                    return 0.0;
                }, () -> Checksum.of(a)));
            }
            for (int t : options.threadCounts()) {
                variants.add(Variant.openMp("Fortran+OpenMP", t, () -> {
                    KernelsOmp.mySqrtFOmp(a);
                    return 0.0;
                }, () -> Checksum.of(a)));
            }
            if (gpu == null) {
                variants.add(AbsentBackends.cuda());
            } else {
                DeviceArray d = gpu.keep(DeviceArray.allocate(gpu.device(), ElementType.DOUBLE, Order.C, n));
                DoubleArray fromGpu = DoubleArray.allocate(arena, n);
                variants.add(gpu.variant("CUDA", () -> {
                    GpuKernels.mySqrt(d, gpu.stream());
                    d.copyToAsync(fromGpu, gpu.stream());
                }, () -> Checksum.of(fromGpu)));
            }
            variants.add(AbsentBackends.mpi());
            variants = options.select(variants);

            double exact = reference;
            VariantTimer timer = new VariantTimer(options.warmups(), options.repetitions(), System.out);
            List<Measurement> measured = timer.run("sum(a)", variants, v -> Math.abs(v - exact));
            options.report(ResultTable.of("my_sqrt", "n = " + n, "Java scalar", variants, measured), System.out);
        }
        return 0;
    }
}
