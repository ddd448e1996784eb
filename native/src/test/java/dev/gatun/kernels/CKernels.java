package dev.gatun.kernels;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.gatun.load.NativeLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Test-only downcalls into the C kernels of {@code libkernels.so}. The plugin compiles and links the C
 * sources today but binds only the Fortran ones until the C frontend lands in the generator; these
 * handles let the tests check the C code that already ships. They are deliberately not part of the
 * module's API: once {@code Kernels} gains the C methods, the tests switch to them and this goes.
 */
final class CKernels {

    private static final NativeLibrary LIBRARY;

    static {
        // Loading the binding class first extracts and loads the library exactly as users get it.
        Kernels.class.getName();
        LIBRARY = NativeLibrary.load(Kernels.class, "kernels");
    }

    private static final MethodHandle INTEGRATION2D = handle("integration2d_c", FunctionDescriptor.of(JAVA_DOUBLE, JAVA_INT));
    private static final MethodHandle INTEGRATION2D_SIMD = handle("integration2d_c_simd", FunctionDescriptor.of(JAVA_DOUBLE, JAVA_INT));
    private static final FunctionDescriptor ARRAY_INT = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT);
    private static final MethodHandle MY_SQRT = handle("my_sqrt_c", ARRAY_INT);
    private static final MethodHandle MY_SQRT_SIMD = handle("my_sqrt_c_simd", ARRAY_INT);
    private static final FunctionDescriptor IN_OUT_INT = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle COS = handle("cos_doubles", IN_OUT_INT);
    private static final MethodHandle COS_SIMD = handle("cos_doubles_simd", IN_OUT_INT);
    private static final FunctionDescriptor DOT = FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle DOT_PLAIN = handle("dot_c", DOT);
    private static final MethodHandle DOT_SIMD = handle("dot_c_simd", DOT);
    private static final FunctionDescriptor MATVEC = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT);
    private static final FunctionDescriptor HEAT_ARGS = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT,
            JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_INT, JAVA_INT);
    private static final MethodHandle HEAT = handle("heat_c", HEAT_ARGS);
    private static final MethodHandle HEAT_SIMD = handle("heat_c_simd", HEAT_ARGS);

    private CKernels() {
    }

    @SuppressWarnings("restricted") // a downcall is the point; surefire grants native access
    static MethodHandle handle(String symbol, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(LIBRARY.find(symbol), descriptor);
    }

    static double integration2d(int n, boolean simd) throws Throwable {
        return simd ? (double) INTEGRATION2D_SIMD.invokeExact(n) : (double) INTEGRATION2D.invokeExact(n);
    }

    static void mySqrt(MemorySegment a, int n, boolean simd) throws Throwable {
        if (simd) {
            MY_SQRT_SIMD.invokeExact(a, n);
        } else {
            MY_SQRT.invokeExact(a, n);
        }
    }

    static void cosDoubles(MemorySegment in, MemorySegment out, int n, boolean simd) throws Throwable {
        if (simd) {
            COS_SIMD.invokeExact(in, out, n);
        } else {
            COS.invokeExact(in, out, n);
        }
    }

    static double dot(MemorySegment x, MemorySegment y, int n, boolean simd) throws Throwable {
        return simd ? (double) DOT_SIMD.invokeExact(x, y, n) : (double) DOT_PLAIN.invokeExact(x, y, n);
    }

    /** One of matvec_c_rowmajor, matvec_c_colmajor and their _simd variants. */
    static void matvec(String symbol, MemorySegment a, MemorySegment x, MemorySegment y, int m, int n) throws Throwable {
        MethodHandle h = handle(symbol, MATVEC);
        h.invokeExact(a, x, y, m, n);
    }

    static void heat(MemorySegment u, MemorySegment work, int nx, int ny, double alpha, double dt, double dx, double dy,
                     int steps, int periodic, boolean simd) throws Throwable {
        if (simd) {
            HEAT_SIMD.invokeExact(u, work, nx, ny, alpha, dt, dx, dy, steps, periodic);
        } else {
            HEAT.invokeExact(u, work, nx, ny, alpha, dt, dx, dy, steps, periodic);
        }
    }
}
