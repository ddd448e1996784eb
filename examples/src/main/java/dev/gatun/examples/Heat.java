// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.cuda.DeviceArray;
import dev.gatun.examples.harness.AbsentBackends;
import dev.gatun.examples.harness.CudaBackend;
import dev.gatun.examples.harness.ExampleOptions;
import dev.gatun.examples.harness.Measurement;
import dev.gatun.examples.harness.ResultTable;
import dev.gatun.examples.harness.Variant;
import dev.gatun.examples.harness.VariantTimer;
import dev.gatun.examples.twins.HeatJava;
import dev.gatun.kernels.Kernels;
import dev.gatun.kernels.cuda.GpuKernels;
import dev.gatun.kernels.omp.KernelsOmp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * <b>heat</b>: the seeds' 2D heat equation du/dt = alpha (u_xx + u_yy) on the unit square, explicit
 * Euler steps of the 5-point stencil, zero temperature on the boundary.
 *
 * <p><b>What it shows.</b> A stencil reads five neighbours per point and step: Java, C and Fortran
 * compile it to nearly the same loop, SIMD and threads pay off because each step streams the grid
 * through the caches. The initial state {@code sin(pi x) sin(pi y)} decays as
 * {@code exp(-2 pi^2 alpha t)}, so every variant is checked against the exact solution. The C and
 * Fortran kernels work on the same off-heap grid: C sees {@code u[i * ny + j]}, Fortran
 * {@code u(j, i)}, the same memory without a copy.
 *
 * <p><b>How to run.</b> {@code bin/examples heat --n 1024 --steps 200}, or after
 * {@code ./mvnw -B -q package -DskipTests}:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
 *      -cp 'examples/target/classes:examples/target/lib/*' dev.gatun.examples.Heat
 * </pre>
 *
 * <p><b>What you should see.</b> {@code u(centre) is ..., Error is ...}: the same value for every
 * variant (the kernels compute the same operations in the same order) and an error of the
 * discretisation's size, about 1e-6, then the table.
 *
 * <p>With a GPU, the "CUDA" row runs {@code steps} launches of {@link GpuKernels#heatStep} (the same
 * arithmetic as the C kernel, without FMA contraction) on two device grids; the initial grid is uploaded
 * once and each run starts from a device-to-device copy of it, as the native rows start from a memcpy.
 * The time includes the kernels and copying u(centre) back to the host.
 */
@Command(name = "heat", mixinStandardHelpOptions = true,
        description = "Time the explicit 2D heat equation stencil in Java, C and Fortran.")
public final class Heat implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "512", description = "Grid points per direction, boundary included (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--steps", defaultValue = "300", description = "Time steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    ExampleOptions options;

    private static final double ALPHA = 1.0;
    // alpha dt (1/dx^2 + 1/dy^2) = 0.4 <= 1/2: the explicit scheme is stable.
    private static final double COURANT = 0.2;

    /** Creates the command; picocli fills the options. */
    public Heat() {
    }

    /**
     * Runs the example.
     *
     * @param args command-line options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Heat()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (n < 3) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--n: expected >= 3, got " + n);
        }
        if (steps < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--steps: expected >= 0, got " + steps);
        }
        int nx = n;
        int ny = n;
        double dx = 1.0 / (nx - 1);
        double dy = 1.0 / (ny - 1);
        double dt = COURANT * dx * dx / ALPHA;
        double[] initial = new double[nx * ny];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                initial[i * ny + j] = Math.sin(Math.PI * i * dx) * Math.sin(Math.PI * j * dy);
            }
        }
        int centre = (nx / 2) * ny + ny / 2;
        double exact = Math.exp(-2 * Math.PI * Math.PI * ALPHA * dt * steps) * initial[centre];
        HeatJava.Grid grid = new HeatJava.Grid(nx, ny, ALPHA * dt / (dx * dx), ALPHA * dt / (dy * dy), steps);

        double[] u = new double[nx * ny];
        double[] work = new double[nx * ny];
        try (Arena arena = Arena.ofConfined(); CudaBackend gpu = CudaBackend.open().orElse(null)) {
            // One off-heap grid seen two ways: flat C order for the C kernels, u(0:ny-1, 0:nx-1) for Fortran.
            DoubleArray uC = DoubleArray.allocate(arena, (long) nx * ny);
            DoubleArray workC = DoubleArray.allocate(arena, (long) nx * ny);
            DoubleArray uF = uC.reshape(Order.FORTRAN, ny, nx);
            DoubleArray workF = workC.reshape(Order.FORTRAN, ny, nx);
            // The C kernels take the grid as a row-major nx-by-ny array: the same memory again.
            DoubleArray uGrid = uC.reshape(Order.C, nx, ny);
            DoubleArray workGrid = workC.reshape(Order.C, nx, ny);
            MemorySegment start = MemorySegment.ofArray(initial);
            Runnable resetJava = () -> System.arraycopy(initial, 0, u, 0, u.length);
            Runnable resetNative = () -> MemorySegment.copy(start, 0, uC.segment(), 0, start.byteSize());

            List<Variant> variants = new ArrayList<>();
            variants.add(javaVariant("Java scalar", 1, resetJava, () -> HeatJava.scalar(u, work, grid), u, centre));
            variants.add(javaVariant("Java Vector API", 1, resetJava, () -> HeatJava.vectorApi(u, work, grid), u, centre));
            for (int t : options.threadCounts()) {
                variants.add(javaVariant("Java parallel streams", t, resetJava, () -> HeatJava.parallelStreams(u, work, grid, t), u, centre));
            }
            variants.add(Variant.of("C", 1, () -> {
                resetNative.run();
                Kernels.heatC(uGrid, workGrid, ALPHA, dt, dx, dy, steps, 0);
            }, () -> uC.getFlat(centre)));
            variants.add(Variant.of("Fortran", 1, () -> {
                resetNative.run();
                Kernels.heatF(uF, workF, ALPHA, dt, dx, dy, steps, 0);
            }, () -> uC.getFlat(centre)));
            variants.add(Variant.of("C SIMD", 1, () -> {
                resetNative.run();
                Kernels.heatCSimd(uGrid, workGrid, ALPHA, dt, dx, dy, steps, 0);
            }, () -> uC.getFlat(centre)));
            variants.add(Variant.of("Fortran SIMD", 1, () -> {
                resetNative.run();
                Kernels.heatFSimd(uF, workF, ALPHA, dt, dx, dy, steps, 0);
            }, () -> uC.getFlat(centre)));
            for (int t : options.threadCounts()) {
                variants.add(Variant.openMp("C+OpenMP", t, () -> {
                    resetNative.run();
                    KernelsOmp.heatCOmp(uGrid, workGrid, ALPHA, dt, dx, dy, steps, 0);
                    return 0.0;
                }, () -> uC.getFlat(centre)));
            }
            for (int t : options.threadCounts()) {
                variants.add(Variant.openMp("Fortran+OpenMP", t, () -> {
                    resetNative.run();
                    KernelsOmp.heatFOmp(uF, workF, ALPHA, dt, dx, dy, steps, 0);
                    return 0.0;
                }, () -> uC.getFlat(centre)));
            }
            if (gpu == null) {
                variants.add(AbsentBackends.cuda());
            } else {
                MemorySegment.copy(start, 0, uC.segment(), 0, start.byteSize());
                variants.add(cudaVariant(gpu, arena, uGrid, grid, centre));
            }
            variants.add(AbsentBackends.mpi());
            variants = options.select(variants);

            VariantTimer timer = new VariantTimer(options.warmups(), options.repetitions(), System.out);
            List<Measurement> measured = timer.run("u(centre)", variants, v -> Math.abs(v - exact));
            String problem = "%d x %d grid, %d steps".formatted(nx, ny, steps);
            options.report(ResultTable.of("heat", problem, "Java scalar", variants, measured), System.out);
        }
        return 0;
    }

    /** Explicit steps on the GPU, ping-ponging between two device grids; {@code initial} holds the start state. */
    private static Variant cudaVariant(CudaBackend gpu, Arena arena, DoubleArray initial, HeatJava.Grid grid, int centre) {
        DeviceArray start = gpu.keep(DeviceArray.copyOf(gpu.device(), initial));
        DeviceArray a = gpu.keep(DeviceArray.allocate(gpu.device(), initial.elementType(), initial.order(), initial.shape()));
        DeviceArray b = gpu.keep(DeviceArray.allocate(gpu.device(), initial.elementType(), initial.order(), initial.shape()));
        // After an even number of steps the state is back in a, after an odd number in b.
        DeviceArray last = grid.steps() % 2 == 0 ? a : b;
        DeviceArray centreValue = gpu.keep(CudaBackend.element(last, centre));
        DoubleArray host = DoubleArray.allocate(arena, 1);
        return gpu.variant("CUDA", () -> {
            a.copyFrom(start, gpu.stream());
            for (int s = 0; s < grid.steps(); s++) {
                GpuKernels.heatStep(s % 2 == 0 ? a : b, s % 2 == 0 ? b : a, grid.cx(), grid.cy(), false, gpu.stream());
            }
            centreValue.copyToAsync(host, gpu.stream());
        }, () -> host.getFlat(0));
    }

    private static Variant javaVariant(String name, int threads, Runnable reset, Runnable run, double[] u, int centre) {
        return Variant.of(name, threads, () -> {
            reset.run();
            run.run();
        }, () -> u[centre]);
    }
}
