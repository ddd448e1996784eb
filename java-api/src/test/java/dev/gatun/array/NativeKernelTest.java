// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays handed to real C and Fortran code compiled in setup: the layouts, strides and element
 * formats native code sees must be the ones the Java side claims.
 */
class NativeKernelTest {

    private static final String C_SOURCE = """
            #include <stdint.h>
            #include <complex.h>
            double strided_sum(const double *x, int64_t n, int64_t stride) {
                double s = 0;
                for (int64_t i = 0; i < n; i++) s += x[i * stride];
                return s;
            }
            void zconj(double complex *z, int64_t n) {
                for (int64_t i = 0; i < n; i++) z[i] = conj(z[i]);
            }
            int64_t isum(const int32_t *x, int64_t n) {
                int64_t s = 0;
                for (int64_t i = 0; i < n; i++) s += x[i];
                return s;
            }
            """;

    private static final String FORTRAN_SOURCE = """
            subroutine colsum(a, m, n, out) bind(C, name="colsum")
              use iso_c_binding
              integer(c_int64_t), value :: m, n
              real(c_double), intent(in) :: a(m, n)
              real(c_double), intent(out) :: out(n)
              out = sum(a, dim=1)
            end subroutine colsum
            """;

    @TempDir
    static Path dir;

    private static Arena libraries;
    private static SymbolLookup c;
    private static SymbolLookup fortran;

    @BeforeAll
    static void compileKernels() throws Exception {
        libraries = Arena.ofShared();
        c = build("gcc", "kernels.c", C_SOURCE, "libkernels.so");
        fortran = build("gfortran", "colsum.f90", FORTRAN_SOURCE, "libcolsum.so");
    }

    @AfterAll
    static void unload() {
        if (libraries != null) {
            libraries.close();
        }
    }

    private static SymbolLookup build(String compiler, String sourceName, String source, String library)
            throws IOException, InterruptedException {
        Path sourceFile = Files.writeString(dir.resolve(sourceName), source);
        Path out = dir.resolve(library);
        Process process;
        try {
            process = new ProcessBuilder(compiler, "-O2", "-shared", "-fPIC", "-o", out.toString(), sourceFile.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort(compiler + " is not installed: " + e.getMessage());
            throw e;
        }
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(process.waitFor(120, TimeUnit.SECONDS), compiler + " did not finish");
        assertEquals(0, process.exitValue(), compiler + " failed:\n" + log);
        return SymbolLookup.libraryLookup(out, libraries);
    }

    private static MethodHandle function(SymbolLookup lookup, String name, FunctionDescriptor descriptor,
            Linker.Option... options) {
        return Linker.nativeLinker().downcallHandle(lookup.findOrThrow(name), descriptor, options);
    }

    @Test
    void fortranReadsAFortranOrderMatrixWithoutCopies() throws Throwable {
        MethodHandle colsum = function(fortran, "colsum", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        ArrayRequirement aNeeds = new ArrayRequirement("a", ElementType.DOUBLE, 2, Order.FORTRAN, null, Location.HOST);
        try (Arena arena = Arena.ofConfined()) {
            // A C matrix of shape (4, 3), transposed: a Fortran (3, 4) view of the same memory.
            DoubleArray rowMajor = DoubleArray.allocate(arena, 4, 3);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    rowMajor.set(i, j, i * 10 + j);
                }
            }
            DoubleArray a = rowMajor.transpose();
            aNeeds.check(a);
            DoubleArray out = DoubleArray.allocate(arena, 4);
            colsum.invokeExact(a.segment(), a.shape(0), a.shape(1), out.segment());
            assertArrayEquals(new double[] {3, 33, 63, 93}, out.toArray());
        }
    }

    @Test
    void cWalksTheStridesOfASlice() throws Throwable {
        MethodHandle sum = function(c, "strided_sum",
                FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_LONG));
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray m = DoubleArray.allocate(arena, 5, 4);
            for (long k = 0; k < 20; k++) {
                m.setFlat(k, k);
            }
            DoubleArray view = m.slice(1, 2, 3).slice(0, 1, 5, 2); // elements [1, 2] and [3, 2]
            assertEquals(2, view.size());
            double viaNative = (double) sum.invokeExact(view.segment(), view.shape(0), view.strides()[0]);
            assertEquals(6.0 + 14.0, viaNative);
        }
    }

    @Test
    void complexElementsMatchCsDoubleComplex() throws Throwable {
        MethodHandle zconj = function(c, "zconj", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        try (Arena arena = Arena.ofConfined()) {
            ComplexDoubleArray z = ComplexDoubleArray.of(arena, Order.C, new double[] {1, 2, -3, 4.5}, 2);
            zconj.invokeExact(z.segment(), z.size());
            assertEquals(new Complex(1, -2), z.get(0));
            assertEquals(-4.5, z.getIm(1));
        }
    }

    @Test
    void criticalDowncallsAcceptHeapArrays() throws Throwable {
        MethodHandle isum = function(c, "isum",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                Linker.Option.critical(true));
        int[] values = {1, 2, 3, Integer.MAX_VALUE};
        IntArray heap = IntArray.ofHeap(values);
        ArrayRequirement.host("x", ElementType.INT, 1, Order.C).check(heap, true);
        long total = (long) isum.invokeExact(heap.segment(), heap.size());
        assertEquals(6L + Integer.MAX_VALUE, total);
    }
}
