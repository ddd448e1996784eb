// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files exchanged with a real NumPy in both directions; skipped where no python3 has numpy. Debian's
 * {@code /usr/bin/python3} with {@code python3-numpy} (installed by {@code bin/setup-system}, numpy 1.24)
 * is preferred, then the {@code python3} on the PATH (whatever numpy a developer has).
 */
class NumpyInteropTest {

    private static String pythonCommand = "python3";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNumpy() throws InterruptedException {
        for (String candidate : new String[] {"/usr/bin/python3", "python3"}) {
            pythonCommand = candidate;
            if (python("import numpy").exitCode == 0) {
                return;
            }
        }
        Assumptions.abort("no python3 with numpy is installed (bin/setup-system installs python3-numpy)");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(String script) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(pythonCommand, "-c", script).redirectErrorStream(true).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
    }

    @Test
    void readsWhatNumpySaves() throws Exception {
        Result saved = python("""
                import numpy as np
                d = '%s'
                np.save(d + '/c.npy', np.arange(12.0).reshape(3, 4))
                np.save(d + '/f.npy', np.asfortranarray(np.arange(12, dtype=np.int32).reshape(3, 4)))
                np.save(d + '/be.npy', (np.arange(5) * -3).astype('>i8'))
                np.save(d + '/z.npy', np.array([1 + 2j, -3.5j]))
                np.save(d + '/s.npy', np.float32(2.5).reshape(()))
                """.formatted(dir));
        assertEquals(0, saved.exitCode(), saved.output());
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray c = (DoubleArray) Npy.read(dir.resolve("c.npy"), arena);
            assertEquals(7.0, c.get(1, 3));
            IntArray f = (IntArray) Npy.read(dir.resolve("f.npy"), arena);
            assertEquals(Order.FORTRAN, f.order());
            assertEquals(7, f.get(1, 3));
            LongArray be = (LongArray) Npy.read(dir.resolve("be.npy"), arena);
            assertEquals(ByteOrder.BIG_ENDIAN, be.byteOrder());
            assertArrayEquals(new long[] {0, -3, -6, -9, -12}, be.toArray());
            ComplexDoubleArray z = (ComplexDoubleArray) Npy.read(dir.resolve("z.npy"), arena);
            assertEquals(new Complex(1, 2), z.get(0));
            assertEquals(-3.5, z.getIm(1));
            assertEquals(0.0, Math.abs(z.getRe(1)), "Python's -3.5j has real part -0.0");
            FloatArray s = (FloatArray) Npy.read(dir.resolve("s.npy"), arena);
            assertEquals(0, s.rank());
            assertEquals(2.5f, s.get());
        }
    }

    @Test
    void numpyLoadsWhatGatunWrites() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray m = DoubleArray.allocate(arena, Order.FORTRAN, 3, 4);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    m.set(i, j, 10 * i + j);
                }
            }
            Npy.write(dir.resolve("m.npy"), m);
            Npy.write(dir.resolve("cols.npy"), m.slice(1, 0, 4, 2));
            Npy.write(dir.resolve("z.npy"), ComplexDoubleArray.of(arena, Order.C, new double[] {1, 2, 3, -4}, 2), 3);
        }
        Result checked = python("""
                import numpy as np
                d = '%s'
                m = np.load(d + '/m.npy')
                assert m.flags.f_contiguous and m.shape == (3, 4), m.flags
                assert (m == np.add.outer(10 * np.arange(3), np.arange(4))).all(), m
                cols = np.load(d + '/cols.npy')
                assert (cols == m[:, ::2]).all(), cols
                assert (np.load(d + '/z.npy') == np.array([1 + 2j, 3 - 4j])).all()
                print('ok')
                """.formatted(dir));
        assertEquals("ok", checked.output().strip(), checked.output());
    }

    @Test
    void everyDtypeAndArchiveNumpySavesIsRead() throws Exception {
        Result saved = python("""
                import numpy as np
                d = '%s'
                np.save(d + '/u1.npy', np.array([0, 200, 255], dtype=np.uint8))
                np.save(d + '/b1.npy', np.array([[True, False], [False, True]]))
                np.save(d + '/i2.npy', np.array([-300, 5], dtype='<i2'))
                np.save(d + '/u2.npy', np.array([65535, 1], dtype='<u2'))
                np.save(d + '/u4.npy', np.array([4294967295, 2], dtype='<u4'))
                np.save(d + '/u8.npy', np.array([18446744073709551615, 3], dtype='<u8'))
                np.save(d + '/f2.npy', np.array([1.5, -0.1, 65504], dtype='<f2'))
                np.save(d + '/c8.npy', np.array([1 + 2j, -3.5j], dtype='<c8'))
                np.savez(d + '/s.npz', a=np.arange(6.0).reshape(2, 3), k=np.array([7], dtype=np.uint16))
                np.savez_compressed(d + '/c.npz', np.arange(4, dtype=np.int32), mask=np.array([True, False]))
                print(float(np.float32(np.float16(-0.1))))
                """.formatted(dir));
        assertEquals(0, saved.exitCode(), saved.output());
        float halfOfMinusPointOne = Float.parseFloat(saved.output().strip());
        try (Arena arena = Arena.ofConfined()) {
            Npy.Entry u1 = Npy.readEntry(dir.resolve("u1.npy"), arena);
            assertEquals("|u1", u1.dtype());
            assertEquals(255, Byte.toUnsignedInt(((ByteArray) u1.array()).get(2)));
            assertEquals(200, Byte.toUnsignedInt(((ByteArray) u1.array()).get(1)));
            Npy.Entry b1 = Npy.readEntry(dir.resolve("b1.npy"), arena);
            assertEquals("|b1", b1.dtype());
            assertArrayEquals(new byte[] {1, 0, 0, 1}, ((ByteArray) b1.array()).toArray());
            assertArrayEquals(new short[] {-300, 5}, ((ShortArray) Npy.read(dir.resolve("i2.npy"), arena)).toArray());
            assertEquals(65535, Short.toUnsignedInt(((ShortArray) Npy.read(dir.resolve("u2.npy"), arena)).get(0)));
            assertEquals(4294967295L, Integer.toUnsignedLong(((IntArray) Npy.read(dir.resolve("u4.npy"), arena)).get(0)));
            assertEquals("18446744073709551615",
                    Long.toUnsignedString(((LongArray) Npy.read(dir.resolve("u8.npy"), arena)).get(0)));
            ShortArray f2 = (ShortArray) Npy.read(dir.resolve("f2.npy"), arena);
            assertEquals(1.5f, Float.float16ToFloat(f2.get(0)));
            assertEquals(halfOfMinusPointOne, Float.float16ToFloat(f2.get(1)));
            assertEquals(65504f, Float.float16ToFloat(f2.get(2)));
            ComplexFloatArray c8 = (ComplexFloatArray) Npy.read(dir.resolve("c8.npy"), arena);
            assertEquals(1f, c8.getRe(0));
            assertEquals(-3.5f, c8.getIm(1));

            Map<String, Npy.Entry> stored = Npz.readEntries(dir.resolve("s.npz"), arena);
            assertEquals(java.util.List.of("a", "k"), java.util.List.copyOf(stored.keySet()));
            assertEquals(5.0, ((DoubleArray) stored.get("a").array()).get(1, 2));
            assertEquals("<u2", stored.get("k").dtype());
            Map<String, NdArray> compressed = Npz.read(dir.resolve("c.npz"), arena);
            assertEquals(java.util.Set.of("arr_0", "mask"), compressed.keySet());
            assertArrayEquals(new int[] {0, 1, 2, 3}, ((IntArray) compressed.get("arr_0")).toArray());
            assertArrayEquals(new byte[] {1, 0}, ((ByteArray) compressed.get("mask")).toArray());
        }
    }

    @Test
    void numpyLoadsEveryDtypeAndArchiveGatunWrites() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Npy.write(dir.resolve("u1.npy"), ByteArray.ofHeap(new byte[] {0, (byte) 200, (byte) 255}), "u1");
            Npy.write(dir.resolve("b1.npy"), ByteArray.ofHeap(new byte[] {1, 0, 1}), "b1");
            Npy.write(dir.resolve("i1.npy"), ByteArray.ofHeap(new byte[] {-1, 2}));
            Npy.write(dir.resolve("u2.npy"), ShortArray.ofHeap(new short[] {(short) 65535, 1}), "u2");
            Npy.write(dir.resolve("u4.npy"), IntArray.ofHeap(new int[] {-1, 2}), "u4");
            Npy.write(dir.resolve("u8.npy"), LongArray.ofHeap(new long[] {-1, 3}), "u8");
            Npy.write(dir.resolve("f2.npy"), ShortArray.ofHeap(new short[] {Float.floatToFloat16(1.5f),
                    Float.floatToFloat16(65504f)}), "f2");
            Npy.write(dir.resolve("c8.npy"), ComplexFloatArray.of(arena, Order.C, new float[] {1, 2, 0, -3.5f}, 2));
            DoubleArray a = DoubleArray.allocate(arena, Order.FORTRAN, 2, 3);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    a.set(i, j, 3 * i + j);
                }
            }
            Map<String, NdArray> arrays = new java.util.LinkedHashMap<>();
            arrays.put("a", a);
            arrays.put("n", LongArray.ofHeap(new long[] {42}));
            Npz.write(dir.resolve("s.npz"), arrays);
            Npz.writeCompressed(dir.resolve("c.npz"), arrays);
            Npz.writeEntries(dir.resolve("t.npz"), Map.of("mask", new Npy.Entry(ByteArray.ofHeap(new byte[] {0, 1}), "b1")),
                    true);
        }
        Result checked = python("""
                import numpy as np
                d = '%s'
                def load(name, dtype):
                    x = np.load(d + '/' + name)
                    assert x.dtype == np.dtype(dtype), (name, x.dtype)
                    return x.tolist()
                assert load('u1.npy', np.uint8) == [0, 200, 255]
                assert load('b1.npy', np.bool_) == [True, False, True]
                assert load('i1.npy', np.int8) == [-1, 2]
                assert load('u2.npy', '<u2') == [65535, 1]
                assert load('u4.npy', '<u4') == [4294967295, 2]
                assert load('u8.npy', '<u8') == [18446744073709551615, 3]
                assert load('f2.npy', '<f2') == [1.5, 65504.0]
                assert load('c8.npy', '<c8') == [1 + 2j, -3.5j]
                for name in ('s.npz', 'c.npz'):
                    with np.load(d + '/' + name) as z:
                        assert z.files == ['a', 'n'], z.files
                        assert (z['a'] == np.arange(6.0).reshape(2, 3)).all(), z['a']
                        assert z['a'].flags.f_contiguous
                        assert z['n'].tolist() == [42]
                with np.load(d + '/t.npz') as z:
                    assert z['mask'].dtype == np.bool_ and z['mask'].tolist() == [False, True]
                print('ok')
                """.formatted(dir));
        assertEquals("ok", checked.output().strip(), checked.output());
    }
}
