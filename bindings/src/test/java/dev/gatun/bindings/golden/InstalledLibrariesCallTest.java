// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.LongArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.cli.GatunCli;
import dev.gatun.load.CallbackGuard;
import dev.gatun.load.NativeStatusException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
     * {@code LAPACKE_dgesv} solving a 3x3 system in row-major order with the header's own {@code LAPACK_ROW_MAJOR}: a
     * {@code .gatun} side file declares its matrices {@code dimension(n, lda) order(c)}, so Java passes 2-D arrays and
     * n, lda, ldb come from their shapes. A singular system is reported through LAPACK's {@code info}; {@code
     * LAPACKE_dsyev}, without directives, takes flat heap arrays and gives the eigenvalues.
     */
    @Test
    void lapackeWholeHeaderSolvesAndDiagonalises() throws Exception {
        Path h = header("/usr/include/lapacke.h", "liblapacke-dev");
        BuiltBinding lapacke = build("lapacke", "Lapacke", "-l", "lapacke", h.toString(),
                SystemHeadersCallTest.SIGNATURES.resolve("lapacke.gatun").toString());
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
            DoubleArray matrix = DoubleArray.of(arena, Order.C, a, 3, 3);
            DoubleArray rhs = DoubleArray.of(arena, Order.C, b, 3, 1);
            IntArray pivots = IntArray.allocate(arena, 3);
            assertEquals(0, lapacke.call("lapackeDgesv", rowMajor, 1, matrix, pivots, rhs), "info of a regular system");
            assertArrayEquals(x, rhs.toArray(), 1e-12);
            var wrongOrder = assertThrows(IllegalArgumentException.class, () -> lapacke.call("lapackeDgesv", rowMajor, 1,
                    DoubleArray.of(arena, Order.FORTRAN, a, 3, 3), pivots, rhs));
            assertTrue(wrongOrder.getMessage().contains("'a'"), wrongOrder.getMessage());

            DoubleArray singular = DoubleArray.of(arena, Order.C, new double[] {1, 2, 3, 2, 4, 6, 1, 0, 1}, 3, 3);
            int info = (int) lapacke.call("lapackeDgesv", rowMajor, 1, singular, pivots, DoubleArray.of(arena, Order.C, b, 3, 1));
            assertTrue(info > 0, "LAPACK reports a zero pivot U(i,i) with info = i > 0, got " + info);

            // Heap arrays go through the critical downcall, no copy.
            double[] symmetric = {2, -1, 0, -1, 2, -1, 0, -1, 2};
            double[] w = new double[3];
            assertEquals(0, lapacke.call("lapackeDsyev", rowMajor, (byte) 'N', (byte) 'U', 3, symmetric, 3, w));
            assertArrayEquals(new double[] {2 - Math.sqrt(2), 2, 2 + Math.sqrt(2)}, w, 1e-12, "eigenvalues of the 1-D Laplacian");
        }
    }

    /**
     * GSL 2.7: special functions (a plain double and the {@code _e} form filling a {@code gsl_sf_result} struct), a
     * {@code gsl_vector} seen through its struct view, and a Java error handler installed with
     * {@code gsl_set_error_handler} that receives GSL's domain error by its {@code GSL_EDOM} code.
     */
    @Test
    void gslSpecialFunctionsVectorsAndAJavaErrorHandler() throws Exception {
        Path include = header("/usr/include/gsl/gsl_sf_bessel.h", "libgsl-dev").getParent();
        BuiltBinding gsl = build("gsl", "Gsl", "-l", "gsl", include.resolve("gsl_sf_bessel.h").toString(),
                include.resolve("gsl_sf_result.h").toString(), include.resolve("gsl_vector_double.h").toString(),
                include.resolve("gsl_errno.h").toString(), SystemHeadersCallTest.SIGNATURES.resolve("gsl.gatun").toString());
        assertEquals(0.7651976865579666, (double) gsl.call("gsl_sf_bessel_J0", 1.0), 1e-15, "J0(1)");
        try (Arena arena = Arena.ofConfined()) {
            Object result = BuiltBinding.invoke(gsl.nested("GslSfResultStruct"), "allocate", arena);
            // gsl.gatun makes the _e functions' status an exception: success returns nothing.
            gsl.call("gsl_sf_bessel_J0_e", 2.0, result);
            assertEquals(0.22389077914123567, (double) BuiltBinding.invoke(result, "val"), 1e-15, "J0(2)");
            assertTrue((double) BuiltBinding.invoke(result, "err") < 1e-14, "error estimate");
        }

        Object v = gsl.call("gslVectorAlloc", 4L);
        assertEquals(4L, BuiltBinding.invoke(v, "size"));
        assertEquals(1L, BuiltBinding.invoke(v, "stride"));
        double[] values = {3, -1, 7.5, 2};
        for (int i = 0; i < values.length; i++) {
            gsl.call("gslVectorSet", v, (long) i, values[i]);
        }
        assertEquals(7.5, (double) gsl.call("gslVectorMax", v));
        assertEquals(2L, gsl.call("gslVectorMaxIndex", v));
        MemorySegment data = ((MemorySegment) BuiltBinding.invoke(v, "data")).reinterpret(8L * values.length);
        assertArrayEquals(values, data.toArray(ValueLayout.JAVA_DOUBLE), "the struct's data pointer sees what gsl_vector_set wrote");
        gsl.call("gslVectorFree", v);

        int edom = (int) constant(gsl, "GSL_EDOM");
        var seen = new ArrayList<String>();
        Object handler = gsl.callback("GslErrorHandlerT", args -> {
            seen.add(((MemorySegment) args[0]).reinterpret(256).getString(0) + " / " + args[3]);
            return null;
        });
        // The handler outlives the call that installs it: its stub comes from the typedef's allocate in an arena the
        // caller keeps open, and goes in through the raw layer (the friendly method's stub would die with the call).
        try (Arena arena = Arena.ofConfined(); CallbackGuard guard = CallbackGuard.open()) {
            MemorySegment stub = (MemorySegment) BuiltBinding.invoke(gsl.nested("GslErrorHandlerT"), "allocate", handler, guard, arena);
            Class<?> raw = gsl.nested("Raw");
            MemorySegment previous = (MemorySegment) BuiltBinding.invoke(raw, "gslSetErrorHandler", stub);
            try {
                assertTrue(Double.isNaN((double) gsl.call("gslSfBesselK0", -1.0)), "K0 is undefined for x <= 0");
            } finally {
                BuiltBinding.invoke(raw, "gslSetErrorHandler", previous);
            }
        }
        // gsl_sf_bessel_K0_e reports the domain error, then the K0 wrapper reports its failed _e call: both GSL_EDOM.
        assertEquals("domain error / " + edom, seen.getFirst());
        assertTrue(seen.stream().allMatch(e -> e.endsWith(" / " + edom)), seen.toString());
        MemorySegment text = (MemorySegment) gsl.call("gslStrerror", edom);
        assertEquals("input domain error", text.reinterpret(64).getString(0));

        // gsl.gatun marks new_handler 'retain': the friendly method itself installs a handler that outlives the call.
        var retained = new ArrayList<Integer>();
        Object counting = gsl.callback("GslSetErrorHandlerNewHandler", args -> {
            retained.add((Integer) args[3]);
            return null;
        });
        MemorySegment before = (MemorySegment) gsl.call("gslSetErrorHandler", counting);
        try {
            System.gc();
            assertTrue(Double.isNaN((double) gsl.call("gslSfBesselK0", -2.0)), "K0 is undefined for x <= 0");
            assertTrue(!retained.isEmpty() && retained.stream().allMatch(c -> c == edom), retained.toString());
        } finally {
            BuiltBinding.invoke(gsl.nested("Raw"), "gslSetErrorHandler", before);
        }

        // With GSL's handler off, K0_e returns GSL_EDOM, which the status directive turns into an exception.
        Class<?> raw = gsl.nested("Raw");
        MemorySegment previous = (MemorySegment) BuiltBinding.invoke(raw, "gslSetErrorHandlerOff");
        try (Arena arena = Arena.ofConfined()) {
            Object result = BuiltBinding.invoke(gsl.nested("GslSfResultStruct"), "allocate", arena);
            var failed = assertThrows(NativeStatusException.class, () -> gsl.call("gslSfBesselK0E", -1.0, result));
            assertEquals("gsl_sf_bessel_K0_e", failed.function());
            assertEquals(edom, failed.status());
            assertEquals(Optional.of("GSL_EDOM"), failed.statusName());
            assertEquals("gsl_sf_bessel_K0_e: GSL_EDOM (1): input domain error", failed.getMessage());
        } finally {
            BuiltBinding.invoke(raw, "gslSetErrorHandler", previous);
        }
    }

    /**
     * HDF5 1.10: a 3x4 dataset written to a new file and read back. {@code -D H5private_H} empties HDF5's
     * {@code H5CHECK}/{@code H5OPEN}, which otherwise make {@code H5F_ACC_TRUNC} a call of {@code H5open()}: it becomes the
     * constant 2; {@code H5T_NATIVE_DOUBLE} is the global {@code H5T_NATIVE_DOUBLE_g}, valid once {@code H5open()} ran.
     */
    @Test
    void hdf5WritesAndReadsADataset() throws Exception {
        Path include = header("/usr/include/hdf5/serial/hdf5.h", "libhdf5-dev").getParent();
        var args = new ArrayList<>(List.of("-l", "hdf5_serial", "-I", include.toString(), "-D", "H5private_H"));
        for (String h : List.of("H5public.h", "H5Ipublic.h", "H5Fpublic.h", "H5Dpublic.h", "H5Spublic.h", "H5Tpublic.h", "H5Ppublic.h")) {
            args.add(include.resolve(h).toString());
        }
        BuiltBinding h5 = build("hdf5", "Hdf5", args.toArray(String[]::new));
        assertEquals(0, h5.call("h5open"));
        int trunc = (int) constant(h5, "H5F_ACC_TRUNC");
        int rdonly = (int) constant(h5, "H5F_ACC_RDONLY");
        int defaults = (int) constant(h5, "H5P_DEFAULT");
        int all = (int) constant(h5, "H5S_ALL");
        assertEquals(List.of(2, 0, 0, 0), List.of(trunc, rdonly, defaults, all));
        long nativeDouble = (long) h5.call("h5tNATIVEDOUBLEG");
        assertTrue(nativeDouble > 0, "H5T_NATIVE_DOUBLE is a valid id after H5open: " + nativeDouble);
        Path file = dir.resolve("grid.h5");
        double[] grid = new double[12];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = Math.sin(i) * 10;
        }
        try (Arena arena = Arena.ofConfined()) {
            long fid = (long) h5.call("h5Fcreate", file.toString(), trunc, (long) defaults, (long) defaults);
            assertTrue(fid > 0, "H5Fcreate");
            long space = (long) h5.call("h5ScreateSimple", 2, new long[] {3, 4}, new long[] {3, 4});
            long dset = (long) h5.call("h5Dcreate2", fid, "grid", nativeDouble, space, (long) defaults, (long) defaults, (long) defaults);
            DoubleArray data = DoubleArray.of(arena, Order.C, grid, 3, 4);
            assertEquals(0, h5.call("h5Dwrite", dset, nativeDouble, (long) all, (long) all, (long) defaults, data.segment()));
            assertEquals(List.of(0, 0, 0), List.of(h5.call("h5Dclose", dset), h5.call("h5Sclose", space), h5.call("h5Fclose", fid)));
            assertEquals("\u0089HDF", new String(Files.readAllBytes(file), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));

            long reopened = (long) h5.call("h5Fopen", file.toString(), rdonly, (long) defaults);
            long back = (long) h5.call("h5Dopen2", reopened, "grid", (long) defaults);
            DoubleArray read = DoubleArray.allocate(arena, 3, 4);
            assertEquals(0, h5.call("h5Dread", back, nativeDouble, (long) all, (long) all, (long) defaults, read.segment()));
            assertArrayEquals(grid, read.toArray());
            assertEquals(0, h5.call("h5Dclose", back));
            assertEquals(0, h5.call("h5Fclose", reopened));
            assertTrue((long) h5.call("h5Fopen", dir.resolve("absent.h5").toString(), rdonly, (long) defaults) < 0,
                    "HDF5 reports failure with a negative id (and prints its error stack)");
        }
    }

    /**
     * netCDF 4.9: define a 3x4 variable, write it whole, read it back whole and one row through {@code size_t}
     * start/count arrays (unsigned, so {@code LongArray}s). {@code netcdf.gatun} declares the {@code nc_*} results
     * statuses: the calls return nothing, and a missing variable or file is a {@link NativeStatusException} with
     * netCDF's own name ({@code NC_ENOTVAR}) and {@code nc_strerror}'s text.
     */
    @Test
    void netcdfDefinesWritesAndReadsAVariable() throws Exception {
        Path h = header("/usr/include/netcdf.h", "libnetcdf-dev");
        BuiltBinding nc = build("netcdf", "Netcdf", "-l", "netcdf", h.toString(), SystemHeadersCallTest.SIGNATURES.resolve("netcdf.gatun").toString());
        String path = dir.resolve("grid.nc").toString();
        double[] grid = new double[12];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i * 0.5 - 2;
        }
        try (Arena arena = Arena.ofConfined()) {
            IntArray ncid = IntArray.allocate(arena, 1);
            IntArray x = IntArray.allocate(arena, 1);
            IntArray y = IntArray.allocate(arena, 1);
            IntArray varid = IntArray.allocate(arena, 1);
            nc.call("nc_create", path, (int) constant(nc, "NC_CLOBBER"), ncid);
            int id = ncid.get(0);
            nc.call("ncDefDim", id, "x", 3L, x);
            nc.call("ncDefDim", id, "y", 4L, y);
            IntArray dims = IntArray.of(arena, Order.C, new int[] {x.get(0), y.get(0)}, 2);
            nc.call("ncDefVar", id, "t", (int) constant(nc, "NC_DOUBLE"), 2, dims, varid);
            nc.call("nc_enddef", id);
            nc.call("ncPutVarDouble", id, varid.get(0), DoubleArray.of(arena, Order.C, grid, 12));
            nc.call("ncClose", id);

            nc.call("nc_open", path, (int) constant(nc, "NC_NOWRITE"), ncid);
            id = ncid.get(0);
            nc.call("ncInqVarid", id, "t", varid);
            double[] whole = new double[12];
            nc.call("ncGetVarDouble", id, varid.get(0), whole);
            assertArrayEquals(grid, whole);
            double[] row = new double[4];
            nc.call("ncGetVaraDouble", id, varid.get(0), new long[] {1, 0}, new long[] {1, 4}, row);
            assertArrayEquals(java.util.Arrays.copyOfRange(grid, 4, 8), row);
            int open = id;
            var missing = assertThrows(NativeStatusException.class, () -> nc.call("ncInqVarid", open, "pressure", varid));
            assertEquals("nc_inq_varid", missing.function());
            assertEquals((int) constant(nc, "NC_ENOTVAR"), missing.status());
            assertEquals(Optional.of("NC_ENOTVAR"), missing.statusName(), "netCDF's own name for -49");
            assertEquals("nc_inq_varid: NC_ENOTVAR (-49): NetCDF: Variable not found", missing.getMessage());
            var badId = assertThrows(NativeStatusException.class, () -> nc.call("ncClose", open + 12345));
            assertEquals(Optional.of("NC_EBADID"), badId.statusName());
            nc.call("ncClose", id);

            // A system error is the errno itself (ENOENT = 2): no NC_E* names it, and NC_ENDIAN_BIG (also 2) is excluded.
            var absent = assertThrows(NativeStatusException.class,
                    () -> nc.call("nc_open", dir.resolve("absent.nc").toString(), (int) constant(nc, "NC_NOWRITE"), ncid));
            assertEquals(2, absent.status());
            assertEquals(Optional.empty(), absent.statusName());
            assertEquals(Optional.of("No such file or directory"), absent.libraryMessage());
        }
    }

    /**
     * CFITSIO 4.2: a 4x3 double image with a keyword, written and read back. {@code fitsfile **} is an address slot the
     * caller allocates; {@code cfitsio.gatun} gives the lengths of the text buffers CFITSIO fills and declares its
     * {@code int *status} parameters statuses ({@code status(ff*, fits_*) param(status) ... message(ffgerr)}): the
     * calls take no status, and a missing keyword or file is a {@link NativeStatusException} with the name of
     * CFITSIO's macro ({@code KEY_NO_EXIST}, {@code FILE_NOT_OPENED}) and {@code ffgerr}'s text.
     */
    @Test
    void cfitsioWritesAndReadsAnImage() throws Exception {
        Path h = header("/usr/include/fitsio.h", "libcfitsio-dev");
        BuiltBinding fits = build("fitsio", "Fitsio", "-l", "cfitsio", h.toString(),
                SystemHeadersCallTest.SIGNATURES.resolve("cfitsio.gatun").toString());
        Class<?> fitsfile = fits.nested("Fitsfile");
        long size = ((java.lang.foreign.MemoryLayout) fitsfile.getField("LAYOUT").get(null)).byteSize();
        String path = dir.resolve("image.fits").toString();
        double[] pixels = new double[12];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i * i - 3.25;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = arena.allocate(ValueLayout.ADDRESS);
            fits.call("ffinit", slot, path);
            Object f = BuiltBinding.invoke(fitsfile, "of", slot.get(ValueLayout.ADDRESS, 0).reinterpret(size));
            LongArray naxes = LongArray.of(arena, Order.C, new long[] {4, 3}, 2);
            fits.call("ffcrim", f, (int) constant(fits, "DOUBLE_IMG"), 2, naxes);
            fits.call("ffpprd", f, 0L, 1L, 12L, DoubleArray.of(arena, Order.C, pixels, 12));
            fits.call("ffpkyj", f, "EXPOSURE", 42L, "seconds");
            fits.call("ffclos", f);

            fits.call("ffopen", slot, path, (int) constant(fits, "READONLY"));
            Object image = BuiltBinding.invoke(fitsfile, "of", slot.get(ValueLayout.ADDRESS, 0).reinterpret(size));
            LongArray shape = LongArray.allocate(arena, 2);
            fits.call("ffgisz", image, 2, shape);
            assertArrayEquals(new long[] {4, 3}, shape.toArray());
            DoubleArray read = DoubleArray.allocate(arena, 12);
            fits.call("ffgpvd", image, 0L, 1L, 12L, 0.0, read, IntArray.allocate(arena, 1));
            assertArrayEquals(pixels, read.toArray());
            LongArray exposure = LongArray.allocate(arena, 1);
            assertEquals("seconds", fits.call("ffgkyj", image, "EXPOSURE", exposure), "the comment; the status result is dropped");
            assertEquals(42L, exposure.get(0));

            var noKey = assertThrows(NativeStatusException.class, () -> fits.call("ffgkyj", image, "NOSUCHKEY", exposure));
            assertEquals("ffgkyj", noKey.function());
            assertEquals((int) constant(fits, "KEY_NO_EXIST"), noKey.status());
            assertEquals(Optional.of("KEY_NO_EXIST"), noKey.statusName(), "CFITSIO's macro for 202");
            assertEquals(Optional.of("keyword not found in header"), noKey.libraryMessage(), "ffgerr's text");
            assertEquals(noKey.libraryMessage().orElseThrow(), fits.call("ffgerr", 202));
            // Each call passes 0 in, so the failure above is not inherited: the file is still readable and closes.
            assertEquals("seconds", fits.call("ffgkyj", image, "EXPOSURE", exposure));
            fits.call("ffclos", image);

            var absent = assertThrows(NativeStatusException.class,
                    () -> fits.call("ffopen", slot, dir.resolve("absent.fits").toString(), (int) constant(fits, "READONLY")));
            assertEquals("ffopen", absent.function());
            assertEquals(Optional.of("FILE_NOT_OPENED"), absent.statusName());
            assertEquals("ffopen: FILE_NOT_OPENED (104): could not open the named file", absent.getMessage());
            assertEquals(void.class, fits.type().getMethod("ffclos", fitsfile).getReturnType(), "no status parameter, no int result");
        }
    }

    /** Calls the whole of GSL through {@code Gsl.}, from another package, compiled against the jar. */
    static final String GSL_USER = """
            package split.user;

            import java.lang.foreign.Arena;
            import sys.gslall.Gsl;

            public final class UseGsl implements java.util.function.Supplier<Object[]> {
                @Override
                public Object[] get() {
                    try (Arena arena = Arena.ofConfined()) {
                        Gsl.GslSfResultStruct r = Gsl.GslSfResultStruct.allocate(arena);
                        Gsl.gsl_sf_bessel_J0_e(2.0, r);
                        Gsl.GslVector v = Gsl.gslVectorAlloc(4L);
                        double[] values = {3, -1, 7.5, 2};
                        for (int i = 0; i < values.length; i++) {
                            Gsl.gslVectorSet(v, i, values[i]);
                        }
                        double max = Gsl.gslVectorMax(v);
                        Gsl.gslVectorFree(v);
                        return new Object[] {Gsl.gsl_sf_bessel_J0(1.0), r.val(), Gsl.gslPolyEval(new double[] {1, 2, 3}, 3, 2.0),
                                Gsl.gslStatsMean(new double[] {1, 2, 6}, 1L, 3L), max, Gsl.GSL_EDOM, Gsl.Raw.gsl_sf_bessel_J0(1.0)};
                    }
                }
            }
            """;

    /**
     * All of GSL 2.7 at once (issue 13): its 248 headers but the sparse-matrix ones (whose declarations the C parser
     * does not read yet), 4,754 functions and 604 constants, more than the generator puts in one class: the binding
     * is split into part classes, compiled, and called from a class in another package through {@code Gsl.} alone,
     * functions of both function parts, a struct and a constant of the second, and the raw layer.
     */
    @Test
    void wholeGslSplitIntoPartsAndCalledThroughThePublicClass() throws Exception {
        Path include = header("/usr/include/gsl/gsl_sf_bessel.h", "libgsl-dev").getParent();
        var args = new ArrayList<>(List.of("build", "-m", "gsl", "--package", "sys.gslall", "-o", dir.resolve("gslall.jar").toString(),
                "-l", "gsl"));
        try (var headers = Files.list(include)) {
            headers.map(Path::toString).filter(h -> h.endsWith(".h") && !h.matches(".*/gsl_sp(matrix|blas|linalg).*")).sorted().forEach(args::add);
        }
        args.add(SystemHeadersCallTest.SIGNATURES.resolve("gsl.gatun").toString());
        assertEquals(0, GatunCli.run(args.toArray(String[]::new)), "gatun build of all GSL headers");
        Path jar = dir.resolve("gslall.jar");
        long parts;
        try (var j = new java.util.jar.JarFile(jar.toFile())) {
            parts = j.stream().filter(e -> e.getName().matches("sys/gslall/Gsl_\\d+\\.class")).count();
        }
        assertTrue(parts >= 2, "the whole of GSL needs part classes: " + parts);
        Object[] got = UserProgram.run(GSL_USER, jar, dir);
        assertEquals(0.7651976865579666, (double) got[0], 1e-15, "J0(1)");
        assertEquals(0.22389077914123567, (double) got[1], 1e-15, "J0(2) through gsl_sf_result");
        assertEquals(17.0, (double) got[2], "1 + 2x + 3x^2 at 2");
        assertEquals(3.0, (double) got[3], "mean");
        assertEquals(7.5, (double) got[4], "gsl_vector_max");
        assertEquals(1, got[5], "GSL_EDOM");
        assertEquals(got[0], got[6], "the raw layer");
    }
}
