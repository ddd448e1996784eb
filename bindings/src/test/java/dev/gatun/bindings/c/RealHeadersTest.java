// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.bindings.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The real headers Gatun must bind parse with zero errors, and say what their documentation says. */
class RealHeadersTest {

    static final Path CBLAS = firstExisting("/usr/include/x86_64-linux-gnu/cblas.h", "/usr/include/cblas.h",
            "/usr/include/openblas/cblas.h");
    static final Path FFTW = firstExisting("/usr/include/fftw3.h");
    static final Path CUDA = firstExisting("/usr/local/cuda/include/cuda.h");

    static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            if (Files.isRegularFile(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    /** Preprocesses and parses, asserting that no error was reported. */
    static CTranslationUnit parseClean(CPreprocessor cpp, Path header) throws CPreprocessorException {
        Diagnostics diagnostics = new Diagnostics();
        CTranslationUnit unit = CParser.parse(cpp.preprocess(List.of(header)), diagnostics);
        assertEquals("", diagnostics.errors().stream().limit(20).map(Object::toString)
                .collect(Collectors.joining("\n")), "errors parsing " + header);
        return unit;
    }

    static CTranslationUnit parseSystem(String header) throws IOException, CPreprocessorException {
        Path dir = Files.createTempDirectory("gatun-sys");
        Path h = dir.resolve("use.h");
        Files.writeString(h, "#include <" + header + ">\n");
        return parseClean(CPreprocessor.fromEnvironment(), h);
    }

    @Test
    void cblasDdotAndLayoutEnum() throws Exception {
        assumeTrue(CBLAS != null, "no cblas.h (install libopenblas-dev)");
        CTranslationUnit unit = parseClean(CPreprocessor.fromEnvironment(), CBLAS);
        CFunction ddot = unit.function("cblas_ddot").orElseThrow();
        assertEquals("double cblas_ddot(const blasint n, const double * x, const blasint incx, "
                + "const double * y, const blasint incy)", ddot.toString());
        assertEquals(CType.IntKind.INT, ((CType.Int) ddot.parameters().getFirst().type().canonical()).kind());
        assertTrue(ddot.fromUserFile());
        assertEquals(101, unit.enumerator("CblasRowMajor").orElseThrow());
        assertEquals(102, unit.enumerator("CblasColMajor").orElseThrow());
        assertEquals(113, unit.enumerator("CblasConjTrans").orElseThrow());
        CFunction dgemm = unit.function("cblas_dgemm").orElseThrow();
        assertEquals(14, dgemm.parameters().size());
        assertEquals("const enum CBLAS_ORDER Order", dgemm.parameters().getFirst().toString());
        assertEquals(new CType.Tagged(CType.TagKind.ENUM, "CBLAS_ORDER"),
                dgemm.parameters().getFirst().type().canonical());
    }

    @Test
    void fftwPlansAndIodim() throws Exception {
        assumeTrue(FFTW != null, "no fftw3.h (install libfftw3-dev)");
        CTranslationUnit unit = parseClean(CPreprocessor.fromEnvironment(), FFTW);
        CFunction r2c = unit.function("fftw_plan_dft_r2c_2d").orElseThrow();
        assertEquals("fftw_plan fftw_plan_dft_r2c_2d(int n0, int n1, double * in, fftw_complex * out, "
                + "unsigned int flags)", r2c.toString());
        // fftw_complex is double[2]: the parameter is declared as a pointer to it.
        CType out = r2c.parameters().get(3).type();
        CType pointee = ((CType.Pointer) out).pointee();
        assertEquals(new CType.Array(new CType.Floating(CType.FloatKind.DOUBLE), java.util.OptionalLong.of(2)),
                pointee.canonical());
        CStruct iodim = unit.struct(unit.typedef("fftw_iodim").orElseThrow().type()).orElseThrow();
        assertEquals(List.of("n", "is", "os"), iodim.members().stream().map(CStruct.Member::name).toList());
        assertTrue(unit.struct("fftw_plan_s").map(s -> !s.complete()).orElse(false), "fftw_plan_s is opaque");
    }

    @Test
    void mpiLibraryVersion() throws Exception {
        Path mpiInclude = firstExisting("/usr/lib/x86_64-linux-gnu/openmpi/include/mpi.h",
                "/usr/include/mpi.h", "/usr/include/openmpi/mpi.h");
        assumeTrue(mpiInclude != null, "no mpi.h (install libopenmpi-dev)");
        CTranslationUnit unit = parseClean(CPreprocessor.fromEnvironment()
                .withIncludeDirectory(mpiInclude.getParent()), mpiInclude);
        CFunction v = unit.function("MPI_Get_library_version").orElseThrow();
        assertEquals("int MPI_Get_library_version(char * version, int * resultlen)", v.toString());
        assertTrue(unit.function("MPI_Allreduce").isPresent());
        assertTrue(unit.variable("ompi_mpi_comm_world").isPresent());
        assertTrue(unit.struct(unit.typedef("MPI_Status").orElseThrow().type()).orElseThrow().complete());
    }

    @Test
    void mpiThroughTheMpiccWrapper(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assumeTrue(onPath("mpicc"), "no mpicc on PATH (install openmpi-bin)");
        Path h = dir.resolve("uses_mpi.h");
        Files.writeString(h, "#include <mpi.h>\nint my_reduce(MPI_Comm comm, const double *x, int n);\n");
        CTranslationUnit unit = parseClean(CPreprocessor.fromEnvironment().withCompiler("mpicc"), h);
        assertEquals(List.of("my_reduce"), unit.userDeclarations().stream().map(CDeclaration::name).toList());
        assertFalse(unit.function("MPI_Get_library_version").orElseThrow().fromUserFile());
    }

    static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    @Test
    void cudaDriverApi() throws Exception {
        assumeTrue(CUDA != null, "no CUDA toolkit headers at /usr/local/cuda/include");
        CTranslationUnit unit = parseClean(CPreprocessor.fromEnvironment(), CUDA);
        CFunction alloc = unit.function("cuMemAlloc").orElseThrow();
        assertEquals("cuMemAlloc_v2", alloc.linkName());
        assertEquals("CUresult cuMemAlloc_v2(CUdeviceptr * dptr, size_t bytesize)", alloc.toString());
        assertEquals(2, unit.enumerator("CUDA_ERROR_OUT_OF_MEMORY").orElseThrow());
        assertEquals(0, unit.enumerator("CUDA_SUCCESS").orElseThrow());
        assertEquals(75, unit.enumerator("CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR").orElseThrow());
        CEnum result = unit.enumeration("cudaError_enum").orElseThrow();
        assertEquals(999, result.value("CUDA_ERROR_UNKNOWN").orElseThrow());
        assertTrue(unit.macro("CUDA_VERSION").orElseThrow().value().orElseThrow() >= 11000);
        assertTrue(unit.function("cuLaunchKernel").isPresent());
    }

    @Test
    void systemHeadersAsStressTests() throws Exception {
        CTranslationUnit stdio = parseSystem("stdio.h");
        assertEquals("int printf(const char * restrict __format, ...)", stdio.function("printf").orElseThrow().toString());
        assertFalse(stdio.function("printf").orElseThrow().fromUserFile(), "stdio.h is not the user's file");
        CTranslationUnit math = parseSystem("math.h");
        assertEquals("double sin(double __x)", math.function("sin").orElseThrow().toString());
        CTranslationUnit complex = parseSystem("complex.h");
        assertEquals(new CType.Complex(CType.FloatKind.DOUBLE),
                complex.function("cexp").orElseThrow().returnType());
        CTranslationUnit pthread = parseSystem("pthread.h");
        CFunction create = pthread.function("pthread_create").orElseThrow();
        assertEquals(4, create.parameters().size());
        CType start = create.parameters().get(2).type();
        assertTrue(start instanceof CType.Pointer p && p.pointee() instanceof CType.Function, start.spelling());
    }
}
