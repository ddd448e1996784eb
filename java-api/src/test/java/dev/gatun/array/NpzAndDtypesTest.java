// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dtypes without an array type of their own, and {@code .npz} archives, Java on both sides. */
class NpzAndDtypesTest {

    @TempDir
    Path dir;

    private static String header(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, 10, bytes.length - 10, StandardCharsets.ISO_8859_1).split("\n", 2)[0];
    }

    @Test
    void unsignedHalfAndBoolDtypesRoundTripAsViewsOfTheirBits() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            record Case(String dtype, NdArray array) {
            }
            List<Case> cases = List.of(
                    new Case("u1", ByteArray.ofHeap(new byte[] {0, 127, (byte) 200, (byte) 255})),
                    new Case("b1", ByteArray.ofHeap(new byte[] {1, 0, 0, 1})),
                    new Case("u2", ShortArray.ofHeap(new short[] {0, (short) 65535, 300, (short) 40000})),
                    new Case("f2", ShortArray.ofHeap(new short[] {Float.floatToFloat16(1.5f), Float.floatToFloat16(-2f),
                            Float.floatToFloat16(65504f), Float.floatToFloat16(0.1f)})),
                    new Case("u4", IntArray.ofHeap(new int[] {0, -1, Integer.MIN_VALUE, 7})),
                    new Case("u8", LongArray.ofHeap(new long[] {0, -1, Long.MIN_VALUE, 7})),
                    new Case("i2", ShortArray.ofHeap(new short[] {-3, 4})),
                    new Case("c8", ComplexFloatArray.of(arena, Order.C, new float[] {1, 2, -3, 4.5f}, 2)));
            for (Case c : cases) {
                Path file = dir.resolve(c.dtype() + ".npy");
                Npy.write(file, new Npy.Entry(c.array(), c.dtype()));
                String expectedDescr = (c.array().elementType().byteSize() == 1 ? "|" : "<") + c.dtype();
                assertTrue(header(file).contains("'descr': '" + expectedDescr + "'"), header(file));
                Npy.Entry back = Npy.readEntry(file, arena);
                assertEquals(expectedDescr, back.dtype());
                assertEquals(c.array().elementType(), back.array().elementType());
                assertArrayEquals(c.array().shape(), back.array().shape());
                assertEquals(((HostArray) c.array()).copyInto(arena).segment().asByteBuffer(),
                        back.array().segment().asByteBuffer(), c.dtype() + ": the bits come back unchanged");
                // Saved again from what was read, the file keeps its dtype.
                Path again = dir.resolve(c.dtype() + "-again.npy");
                Npy.write(again, back);
                assertEquals(header(file), header(again));
            }
            ShortArray half = (ShortArray) Npy.read(dir.resolve("f2.npy"), arena);
            assertEquals(65504f, Float.float16ToFloat(half.get(2)));
            assertEquals(Float.float16ToFloat(Float.floatToFloat16(0.1f)), Float.float16ToFloat(half.get(3)));
            IntArray u4 = (IntArray) Npy.read(dir.resolve("u4.npy"), arena);
            assertEquals(4294967295L, Integer.toUnsignedLong(u4.get(1)));
        }
    }

    @Test
    void int8IsWrittenWithoutAByteOrderAsNumpyDoes() throws IOException {
        Path file = dir.resolve("i1.npy");
        Npy.write(file, ByteArray.ofHeap(new byte[] {-1, 2}));
        assertTrue(header(file).startsWith("{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }"), header(file));
    }

    @Test
    void aDtypeOfAnotherWidthOrAnInvalidBooleanIsRefused() throws IOException {
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(dir.resolve("x.npy"), DoubleArray.ofHeap(new double[] {1}), "u4"));
        assertEquals("dtype 'u4' is stored as int elements, but the array holds double elements; pass a int array",
                width.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new Npy.Entry(DoubleArray.ofHeap(new double[] {1}), "<f16"));
        assertTrue(unknown.getMessage().startsWith("dtype '<f16' is not one Gatun writes"), unknown.getMessage());
        IllegalArgumentException bool = assertThrows(IllegalArgumentException.class,
                () -> Npy.write(dir.resolve("b.npy"), ByteArray.ofHeap(new byte[] {1, 0, 2}), "b1"));
        assertEquals("parameter 'array': dtype 'b1' holds booleans, expected 0 or 1, got 2 at flat index 2 "
                + "(in the array's order)", bool.getMessage());
        assertFalse(Files.exists(dir.resolve("b.npy")), "nothing is written for a refused array");
    }

    @Test
    void archivesRoundTripStoredAndCompressed() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray u = DoubleArray.allocate(arena, Order.FORTRAN, 3, 4);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    u.set(i, j, i + 0.25 * j);
                }
            }
            Map<String, NdArray> arrays = new LinkedHashMap<>();
            arrays.put("u", u);
            arrays.put("cols", u.slice(1, 0, 4, 2)); // not contiguous: copied on the way out
            arrays.put("n", LongArray.ofHeap(new long[] {42}));
            for (boolean compressed : new boolean[] {false, true}) {
                Path file = dir.resolve(compressed ? "c.npz" : "s.npz");
                if (compressed) {
                    Npz.writeCompressed(file, arrays);
                } else {
                    Npz.write(file, arrays);
                }
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    ZipEntry entry = zip.getEntry("u.npy");
                    assertEquals(compressed ? ZipEntry.DEFLATED : ZipEntry.STORED, entry.getMethod());
                }
                Map<String, NdArray> back = Npz.read(file, arena);
                assertEquals(List.of("u", "cols", "n"), List.copyOf(back.keySet()), "archive order is kept");
                DoubleArray u2 = (DoubleArray) back.get("u");
                assertEquals(Order.FORTRAN, u2.order());
                assertEquals(2.75, u2.get(2, 3));
                DoubleArray cols = (DoubleArray) back.get("cols");
                assertArrayEquals(new long[] {3, 2}, cols.shape());
                assertEquals(u.get(1, 2), cols.get(1, 1));
                assertEquals(42L, ((LongArray) back.get("n")).get(0));
            }
            Map<String, Npy.Entry> typed = new LinkedHashMap<>();
            typed.put("mask", new Npy.Entry(ByteArray.ofHeap(new byte[] {0, 1, 1}), "b1"));
            typed.put("pixels", new Npy.Entry(ShortArray.ofHeap(new short[] {(short) 60000}), "u2"));
            Path file = dir.resolve("typed.npz");
            Npz.writeEntries(file, typed, true);
            Map<String, Npy.Entry> back = Npz.readEntries(file, arena);
            assertEquals("|b1", back.get("mask").dtype());
            assertEquals("<u2", back.get("pixels").dtype());
            assertEquals(60000, Short.toUnsignedInt(((ShortArray) back.get("pixels").array()).get(0)));
        }
    }

    @Test
    void brokenArchivesNameTheEntry() throws IOException {
        Path notZip = dir.resolve("not.npz");
        Files.writeString(notZip, "hello");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npz.read(notZip, Arena.ofAuto()));
        assertTrue(e.getMessage().contains("not a .npz archive"), e.getMessage());

        // A header claiming far more data than the entry holds fails before allocating it.
        Path liar = dir.resolve("liar.npz");
        Path one = dir.resolve("one.npy");
        Npy.write(one, DoubleArray.ofHeap(new double[] {1, 2}));
        // Same header length: the longer shape takes 7 of the padding spaces.
        String text = Files.readString(one, StandardCharsets.ISO_8859_1)
                .replace("'shape': (2,), }       ", "'shape': (99999999,), }");
        try (OutputStream out = Files.newOutputStream(liar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not an array".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("a.npy"));
            zip.write(text.getBytes(StandardCharsets.ISO_8859_1));
            zip.closeEntry();
        }
        NpyFormatException truncated = assertThrows(NpyFormatException.class, () -> Npz.read(liar, Arena.ofAuto()));
        assertTrue(truncated.getMessage().contains("liar.npz/a.npy: truncated"), truncated.getMessage());

        Path withText = dir.resolve("text.npz");
        try (OutputStream out = Files.newOutputStream(withText); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not an array".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(Files.readAllBytes(one));
            zip.closeEntry();
        }
        Map<String, NdArray> arrays = Npz.read(withText, Arena.ofAuto());
        assertEquals(List.of("x"), List.copyOf(arrays.keySet()), "entries that are not .npy files are not arrays");
        assertInstanceOf(DoubleArray.class, arrays.get("x"));
    }
}
