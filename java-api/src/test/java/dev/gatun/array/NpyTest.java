// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NpyTest {

    @TempDir
    Path dir;

    // ---- files built byte by byte as numpy.save writes them ------------------------------------

    /**
     * A .npy file as NumPy 2.x writes it: the dict, 21 - digits(growth extent) spare spaces, then
     * 1 to 64 spaces and a newline so that the data starts at a multiple of 64.
     */
    private static byte[] numpyFile(int major, String dict, byte[] data) {
        byte[] text = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int preamble = major == 1 ? 10 : 12;
        int padding = 64 - (preamble + text.length + 1) % 64;
        ByteBuffer out = ByteBuffer.allocate(preamble + text.length + padding + 1 + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            out.putShort((short) (text.length + padding + 1));
        } else {
            out.putInt(text.length + padding + 1);
        }
        out.put(text).put(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII)).put((byte) '\n').put(data);
        return out.array();
    }

    private static byte[] doubles(ByteOrder order, double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(order);
        for (double v : values) {
            buffer.putDouble(v);
        }
        return buffer.array();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void writesExactlyTheBytesNumPyWrites() throws IOException {
        // np.save(f, np.arange(6.0).reshape(2, 3)): header length 118 ('v'), data at offset 128.
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }" + " ".repeat(20);
        byte[] expected = numpyFile(1, dict, doubles(ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3, 4, 5));
        assertEquals(128 + 48, expected.length);
        assertEquals('v', expected[8]);
        try (Arena arena = Arena.ofConfined()) {
            Path out = dir.resolve("c.npy");
            Npy.write(out, DoubleArray.of(arena, Order.C, new double[] {0, 1, 2, 3, 4, 5}, 2, 3));
            assertArrayEquals(expected, Files.readAllBytes(out));

            // The Fortran-order twin: np.save(f, np.asfortranarray(...)); growth axis is the last.
            String fortranDict = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }" + " ".repeat(20);
            byte[] fortran = numpyFile(1, fortranDict, doubles(ByteOrder.LITTLE_ENDIAN, 0, 3, 1, 4, 2, 5));
            Path fortranOut = dir.resolve("f.npy");
            Npy.write(fortranOut, DoubleArray.of(arena, Order.FORTRAN, new double[] {0, 3, 1, 4, 2, 5}, 2, 3));
            assertArrayEquals(fortran, Files.readAllBytes(fortranOut));

            DoubleArray read = (DoubleArray) Npy.read(file("numpy-f.npy", fortran), arena);
            assertEquals(Order.FORTRAN, read.order());
            assertEquals(4.0, read.get(1, 1));
            assertEquals(0, read.segment().address() % 64, "data at offset 128 maps 64-byte aligned");
            assertTrue(read.isReadOnly());
            assertThrows(IllegalArgumentException.class, () -> read.set(0, 0, 1));
        }
    }

    @Test
    void readsVersionsTwoAndThreeAndZeroDimensionalArrays() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }";
            ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3);
            FloatArray v2 = (FloatArray) Npy.read(file("v2.npy", numpyFile(2, dict, data.array())), arena);
            assertArrayEquals(new float[] {1, 2, 3}, v2.toArray());
            FloatArray v3 = (FloatArray) Npy.read(file("v3.npy", numpyFile(3, dict, data.array())), arena);
            assertArrayEquals(new float[] {1, 2, 3}, v3.toArray(), "version 3.0 headers are UTF-8");

            String scalarDict = "{'descr': '<i8', 'fortran_order': False, 'shape': (), }";
            byte[] scalarData = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-42).array();
            LongArray scalar = (LongArray) Npy.read(file("scalar.npy", numpyFile(1, scalarDict, scalarData)), arena);
            assertEquals(0, scalar.rank());
            assertEquals(-42L, scalar.get());
        }
    }

    @Test
    void readsBigEndianDataAndConvertsOnAccess() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            String dict = "{'descr': '>f8', 'fortran_order': False, 'shape': (2, 2), }" + " ".repeat(20);
            Path path = file("be.npy", numpyFile(1, dict, doubles(ByteOrder.BIG_ENDIAN, 1.5, -2, 3, 1e300)));
            DoubleArray be = (DoubleArray) Npy.read(path, arena);
            assertEquals(ByteOrder.BIG_ENDIAN, be.byteOrder());
            assertArrayEquals(new double[] {1.5, -2, 3, 1e300}, be.toArray());
            assertEquals(1e300, be.get(1, 1));
            assertEquals(-2.0, be.transpose().get(1, 0));
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ArrayRequirement.host("u", ElementType.DOUBLE, 2, Order.C).check(be));
            assertEquals("parameter 'u': expected native byte order (LITTLE_ENDIAN), got BIG_ENDIAN; "
                    + "convert it with copy(arena)", refused.getMessage());
            DoubleArray nativeCopy = be.copy(arena);
            assertEquals(ByteOrder.nativeOrder(), nativeCopy.byteOrder());
            assertArrayEquals(be.toArray(), nativeCopy.toArray());

            // Written back as it is: still '>f8', the same bytes.
            Path again = dir.resolve("be-again.npy");
            Npy.write(again, be);
            assertArrayEquals(Files.readAllBytes(path), Files.readAllBytes(again));

            String intDict = "{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }";
            byte[] ints = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(7).putInt(-9).array();
            IntArray beInts = (IntArray) Npy.read(file("be-int.npy", numpyFile(1, intDict, ints)), arena);
            assertArrayEquals(new int[] {7, -9}, beInts.toArray());
            String cDict = "{'descr': '>c16', 'fortran_order': False, 'shape': (1,), }";
            ComplexDoubleArray z = (ComplexDoubleArray) Npy.read(
                    file("be-c16.npy", numpyFile(1, cDict, doubles(ByteOrder.BIG_ENDIAN, 1, -1))), arena);
            assertEquals(new Complex(1, -1), z.get(0));
        }
    }

    static Stream<Arguments> everyTypeOrderAndVersion() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (ElementType type : ElementType.values()) {
            for (Order order : Order.values()) {
                for (int version = 1; version <= 3; version++) {
                    cases.add(Arguments.of(type, order, version));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} v{2}")
    @MethodSource("everyTypeOrderAndVersion")
    void roundTrips(ElementType type, Order order, int version) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            NdArray array = switch (type) {
                case DOUBLE -> DoubleArray.of(arena, order, new double[] {1.5, -2, 3, 4, 5, 6e-300}, 2, 3);
                case FLOAT -> FloatArray.of(arena, order, new float[] {1.5f, -2, 3, 4, 5, 6e-30f}, 2, 3);
                case INT -> IntArray.of(arena, order, new int[] {1, -2, 3, 4, 5, Integer.MIN_VALUE}, 2, 3);
                case LONG -> LongArray.of(arena, order, new long[] {1, -2, 3, 4, 5, Long.MIN_VALUE}, 2, 3);
                case COMPLEX_DOUBLE -> ComplexDoubleArray.of(arena, order,
                        new double[] {1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6}, 2, 3);
                case INT8 -> ByteArray.of(arena, order, new byte[] {1, -2, 3, 4, 5, Byte.MIN_VALUE}, 2, 3);
                case INT16 -> ShortArray.of(arena, order, new short[] {1, -2, 3, 4, 5, Short.MIN_VALUE}, 2, 3);
                case COMPLEX_FLOAT -> ComplexFloatArray.of(arena, order,
                        new float[] {1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6}, 2, 3);
            };
            Path path = dir.resolve(type + "-" + order + "-" + version + ".npy");
            Npy.write(path, array, version);
            byte[] bytes = Files.readAllBytes(path);
            assertEquals(version, bytes[6]);
            NdArray read = Npy.read(path, arena);
            assertEquals(type, read.elementType());
            assertInstanceOf(array.getClass(), read);
            assertArrayEquals(new long[] {2, 3}, read.shape());
            assertEquals(order, read.order());
            assertEquals(array.segment().byteSize(), read.segment().byteSize());
            assertEquals(-1, array.segment().mismatch(read.segment()), "identical data bytes");
        }
    }

    @Test
    void writesNonContiguousViewsInTheirOrder() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            IntArray m = IntArray.of(arena, Order.C, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 3, 4);
            Path path = dir.resolve("view.npy");
            Npy.write(path, m.slice(1, 1, 4, 2));
            IntArray read = (IntArray) Npy.read(path, arena);
            assertArrayEquals(new long[] {3, 2}, read.shape());
            assertArrayEquals(new int[] {1, 3, 5, 7, 9, 11}, read.toArray());
        }
    }

    @Test
    void privateMappingsChangeMemoryButNeverTheFileWritableOrNot() throws IOException {
        Path path = dir.resolve("private.npy");
        try (Arena arena = Arena.ofConfined()) {
            Npy.write(path, DoubleArray.of(arena, Order.C, new double[] {1, 2, 3}, 3));
        }
        byte[] before = Files.readAllBytes(path);
        for (boolean writableFile : new boolean[] {true, false}) {
            assertTrue(path.toFile().setWritable(writableFile));
            try (Arena arena = Arena.ofConfined()) {
                DoubleArray copy = (DoubleArray) Npy.read(path, arena, FileChannel.MapMode.PRIVATE);
                assertFalse(copy.isReadOnly());
                copy.set(2, 42);
                assertArrayEquals(new double[] {1, 2, 42}, copy.toArray());
            }
            assertArrayEquals(before, Files.readAllBytes(path), "PRIVATE never writes the file (writable: " + writableFile + ")");
        }
    }

    @Test
    void writesAnArrayOverAJavaArray() throws IOException {
        Path path = dir.resolve("heap.npy");
        double[] values = new double[200_000]; // larger than one staging buffer
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5;
        }
        Npy.write(path, DoubleArray.ofHeap(values));
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(values, ((DoubleArray) Npy.read(path, arena)).toArray());
        }
    }

    @Test
    void aFifoIsRefusedInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.npy");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("mkfifo is not available: " + e.getMessage());
            return;
        }
        assertEquals(0, mkfifo.waitFor());
        var e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> assertThrows(NpyFormatException.class, () -> Npy.read(fifo)));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Npy.read(dir.resolve("absent.npy")));
    }

    @Test
    void readWriteMappingsChangeTheFile() throws IOException {
        Path path = dir.resolve("rw.npy");
        try (Arena arena = Arena.ofConfined()) {
            Npy.write(path, DoubleArray.of(arena, Order.C, new double[] {1, 2, 3}, 3));
        }
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray mapped = (DoubleArray) Npy.read(path, arena, FileChannel.MapMode.READ_WRITE);
            assertFalse(mapped.isReadOnly());
            mapped.set(2, 42);
        }
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(new double[] {1, 2, 42}, ((DoubleArray) Npy.read(path, arena)).toArray());
        }
    }

    @Test
    void overwritingAMappedFileLeavesTheMappedArrayIntact() throws IOException {
        Path path = dir.resolve("live.npy");
        try (Arena arena = Arena.ofConfined()) {
            Npy.write(path, LongArray.of(arena, Order.C, new long[] {1, 2, 3}, 3));
            LongArray old = (LongArray) Npy.read(path, arena);
            Npy.write(path, LongArray.of(arena, Order.C, new long[] {7}, 1));
            assertArrayEquals(new long[] {1, 2, 3}, old.toArray(), "the old mapping keeps the old file");
            assertArrayEquals(new long[] {7}, ((LongArray) Npy.read(path, arena)).toArray());
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(1, files.count(), "no partial file is left behind");
            }
        }
    }

    @Test
    void misalignedDataIsCopiedForReadingAndRefusedForWriting() throws IOException {
        // Header padded to 73 bytes instead of a multiple of 64 or 16: data starts at an odd offset.
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] text = (dict + "   \n").getBytes(StandardCharsets.US_ASCII);
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, 0});
        out.write(text);
        out.write(doubles(ByteOrder.LITTLE_ENDIAN, 6.5, 7.5));
        Path path = file("odd.npy", out.toByteArray());
        assertTrue((10 + text.length) % 8 != 0);
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray read = (DoubleArray) Npy.read(path, arena);
            assertArrayEquals(new double[] {6.5, 7.5}, read.toArray());
            assertEquals(0, read.segment().address() % 64);
            assertTrue(read.isReadOnly());
            NpyFormatException e = assertThrows(NpyFormatException.class,
                    () -> Npy.read(path, arena, FileChannel.MapMode.READ_WRITE));
            assertTrue(e.getMessage().contains("is not a multiple of 8"), e.getMessage());
        }
    }

    @Test
    void opensATenGigabyteSparseFileAndReadsItsLastElement() throws IOException {
        long elements = 10L * 1024 * 1024 * 1024 / 8;
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + elements + ",), }";
        byte[] header = numpyFile(1, dict + " ".repeat(21 - Long.toString(elements).length()), new byte[0]);
        Path path = dir.resolve("big.npy");
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + elements * 8);
            raf.seek(header.length + (elements - 1) * 8);
            raf.write(doubles(ByteOrder.LITTLE_ENDIAN, 2.75));
        }
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray big = (DoubleArray) Npy.read(path, arena);
            assertEquals(elements, big.size());
            assertEquals(2.75, big.get(elements - 1));
            assertEquals(0.0, big.get(elements / 2), "a hole reads as zeros");
        }
    }

    // ---- malformed files -----------------------------------------------------------------------

    private void assertMalformed(String expectedProblem, byte[] bytes) throws IOException {
        Path path = file("bad.npy", bytes);
        try (Arena arena = Arena.ofConfined()) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(path, arena));
            assertEquals(path, e.file());
            assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(expectedProblem),
                    "expected '" + expectedProblem + "' in: " + e.getMessage());
        }
    }

    private static byte[] withDict(String dict, int dataBytes) {
        return numpyFile(1, dict, new byte[dataBytes]);
    }

    @Test
    void malformedFilesRaiseNpyFormatExceptions() throws IOException {
        byte[] good = withDict("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 16);
        byte[] badMagic = good.clone();
        badMagic[1] = 'X';
        assertMalformed("not a .npy file", badMagic);
        assertMalformed("too few for a .npy header", new byte[] {(byte) 0x93, 'N', 'U'});
        assertMalformed("too few for a .npy header", new byte[0]);
        byte[] version = good.clone();
        version[6] = 4;
        assertMalformed("unsupported .npy format version 4.0", version);
        byte[] pastEnd = java.util.Arrays.copyOf(good, 40);
        assertMalformed("runs past the end of the file (40 bytes)", pastEnd);
        assertMalformed("data bytes after offset 128, but the file has 8",
                java.util.Arrays.copyOf(good, good.length - 8));
        assertMalformed("bad header dictionary at character 9: expected ':'",
                withDict("{'descr' '<f8', 'fortran_order': False, 'shape': (2,), }", 16));
        assertMalformed("bad header dictionary", withDict("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)", 16));
        assertMalformed("bad header dictionary", withDict("{'descr': '<f8', 'fortran_order': Nope, 'shape': (2,), }", 16));
        assertMalformed("unexpected text after the dictionary",
                withDict("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } x", 16));
        assertMalformed("unsupported dtype '<f16'", withDict("{'descr': '<f16', 'fortran_order': False, 'shape': (2,), }", 32));
        assertMalformed("only simple dtypes are read",
                withDict("{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (2,), }", 16));
        assertMalformed("negative extent -2 in dimension 1",
                withDict("{'descr': '<f8', 'fortran_order': False, 'shape': (3, -2), }", 16));
        assertMalformed("overflows", withDict("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", 16));
        assertMalformed("overflows", withDict("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }", 16));
        assertMalformed("header has no 'shape' key", withDict("{'descr': '<f8', 'fortran_order': False, }", 16));
        assertMalformed("duplicate key 'descr'",
                withDict("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 16));
        assertMalformed("'fortran_order' must be True or False",
                withDict("{'descr': '<f8', 'fortran_order': 'no', 'shape': (2,), }", 16));
        byte[] badUtf8 = numpyFile(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", new byte[16]);
        badUtf8[20] = (byte) 0xC3;
        badUtf8[21] = (byte) 0x28;
        assertMalformed("is not valid UTF-8", badUtf8);
    }
}
