package dev.gatun.kernels.omp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.gatun.load.NativeLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Test-only downcalls into the C kernels of {@code libkernels_omp.so}, which the plugin compiles and
 * links but cannot bind until the C frontend lands in the generator. Not part of the module's API;
 * the tests move to {@code KernelsOmp}'s C methods once they are generated.
 */
final class COmpKernels {

    private static final NativeLibrary LIBRARY;

    static {
        // Load through the binding class, as users do, so libgomp is the kernels' own.
        KernelsOmp.class.getName();
        LIBRARY = NativeLibrary.load(KernelsOmp.class, "kernels_omp");
    }

    private static final MethodHandle INTEGRATION2D = handle("integration2d_c_omp", FunctionDescriptor.of(JAVA_DOUBLE, JAVA_INT));
    private static final MethodHandle INTEGRATION2D_ROWS = handle("integration2d_c_omp_rows",
            FunctionDescriptor.of(JAVA_DOUBLE, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle MY_SQRT = handle("my_sqrt_c_omp", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
    private static final MethodHandle COS = handle("cos_doubles_omp", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle DOT = handle("dot_c_omp", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, ADDRESS, JAVA_INT));
    private static final FunctionDescriptor MATVEC = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle MATVEC_ROWS = handle("matvec_c_rowmajor_omp", MATVEC);
    private static final MethodHandle MATVEC_COLUMNS = handle("matvec_c_colmajor_omp", MATVEC);
    private static final MethodHandle HEAT = handle("heat_c_omp", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT,
            JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_INT, JAVA_INT));

    private COmpKernels() {
    }

    @SuppressWarnings("restricted") // a downcall is the point; surefire grants native access
    private static MethodHandle handle(String symbol, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(LIBRARY.find(symbol), descriptor);
    }

    static double integration2d(int n) throws Throwable {
        return (double) INTEGRATION2D.invokeExact(n);
    }

    static double integration2dRows(int n, int begin, int end) throws Throwable {
        return (double) INTEGRATION2D_ROWS.invokeExact(n, begin, end);
    }

    static void mySqrt(MemorySegment a, int n) throws Throwable {
        MY_SQRT.invokeExact(a, n);
    }

    static void cosDoubles(MemorySegment in, MemorySegment out, int n) throws Throwable {
        COS.invokeExact(in, out, n);
    }

    static double dot(MemorySegment x, MemorySegment y, int n) throws Throwable {
        return (double) DOT.invokeExact(x, y, n);
    }

    static void matvec(boolean rowMajor, MemorySegment a, MemorySegment x, MemorySegment y, int m, int n) throws Throwable {
        if (rowMajor) {
            MATVEC_ROWS.invokeExact(a, x, y, m, n);
        } else {
            MATVEC_COLUMNS.invokeExact(a, x, y, m, n);
        }
    }

    static void heat(MemorySegment u, MemorySegment work, int nx, int ny, double alpha, double dt, double dx, double dy,
                     int steps, int periodic) throws Throwable {
        HEAT.invokeExact(u, work, nx, ny, alpha, dt, dx, dy, steps, periodic);
    }
}
