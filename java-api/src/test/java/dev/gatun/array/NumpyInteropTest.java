package dev.gatun.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files exchanged with a real NumPy in both directions; skipped where python3 has no numpy. */
class NumpyInteropTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNumpy() throws InterruptedException {
        Assumptions.assumeTrue(python("import numpy").exitCode == 0, "python3 with numpy is not installed");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result python(String script) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
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
}
