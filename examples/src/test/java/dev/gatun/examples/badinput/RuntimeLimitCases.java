// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.badinput;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.kernels.Kernels;
import dev.gatun.kernels.omp.KernelsOmp;
import dev.gatun.omp.OpenMP;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Issue 14 items 5, 7 and 9: thread counts the OpenMP runtime cannot survive ({@code 100_000} segfaulted,
 * {@code Integer.MAX_VALUE} made libgomp exit the process), slices with huge steps (a negative extent),
 * arrays of more than 2^31 elements handed to kernels that take a C int (a bare
 * {@code ArithmeticException}), and arrays confined to another thread ({@code WrongThreadException}
 * without the parameter's name).
 */
public final class RuntimeLimitCases {

    private RuntimeLimitCases() {
    }

    /** Runs the cases and exits with the verdict. @param args unused */
    public static void main(String[] args) throws Exception {
        Cases cases = new Cases("runtime-limits");
        openMp(cases);
        slices(cases);
        bigArrays(cases);
        threads(cases);
        cases.finish();
    }

    private static void openMp(Cases cases) {
        for (int n : new int[] {100_000, Integer.MAX_VALUE, -1, 0}) {
            cases.rejects("OpenMP.setNumThreads(" + n + ")", IllegalArgumentException.class, "n: expected",
                    g -> OpenMP.setNumThreads(n));
            cases.rejects("OpenMP.withThreads(" + n + ", ...)", IllegalArgumentException.class, "n: expected",
                    g -> OpenMP.withThreads(n, () -> KernelsOmp.integration2dCOmp(100)));
        }
        cases.accepts("the runtime still runs a parallel kernel after the refusals", g -> {
            double v = OpenMP.withThreads(2, () -> KernelsOmp.integration2dCOmp(100));
            if (Math.abs(v) > 1e-12) {
                throw new AssertionError("integration2d_c_omp(100) = " + v);
            }
        });
    }

    private static void slices(Cases cases) {
        cases.accepts("slice(0, 1, 6, Long.MAX_VALUE) is one element", g -> {
            DoubleArray a = g.doubles("a", 6);
            a.set(1, 4.0);
            DoubleArray s = a.slice(0, 1, 6, Long.MAX_VALUE);
            if (s.size() != 1 || s.shape(0) != 1 || s.get(0) != 4.0) {
                throw new AssertionError(s.toString());
            }
            KernelsOmp.mySqrtCOmp(s);
        });
        cases.rejects("slice with step 0", IllegalArgumentException.class, "step",
                g -> g.doubles("a", 6).slice(0, 0, 6, 0));
        cases.rejects("slice past the end", IndexOutOfBoundsException.class, "0 <= start <= end <= 6",
                g -> g.doubles("a", 6).slice(0, 0, Long.MAX_VALUE, 1));
        cases.rejects("a strided slice passed to a contiguous kernel", IllegalArgumentException.class, "parameter 'a'",
                g -> KernelsOmp.mySqrtCOmp(g.doubles("a", 6).slice(0, 0, 6, 2)));
    }

    /** A sparse 16 GiB file mapped as 2^31 + 16 doubles: nothing is touched unless written. */
    private static void bigArrays(Cases cases) throws Exception {
        long big = (1L << 31) + 16;
        Path file = Files.createTempFile("badinput-big", ".bin");
        try (Arena arena = Arena.ofConfined();
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        StandardOpenOption.SPARSE, StandardOpenOption.DELETE_ON_CLOSE)) {
            MemorySegment memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, big * Double.BYTES, arena);
            DoubleArray a = DoubleArray.wrap(memory, Order.C, big);
            cases.accepts("get and set past index 2^31", g -> {
                a.set(big - 1, 2.5);
                if (a.get(big - 1) != 2.5 || a.slice(0, big - 2, big).get(1) != 2.5) {
                    throw new AssertionError("element " + (big - 1));
                }
            });
            cases.rejects("mySqrtC on 2^31 + 16 elements (int n)", IllegalArgumentException.class, "parameter 'n'",
                    g -> Kernels.mySqrtC(a));
            cases.rejects("cosDoublesOmp on 2^31 + 16 elements (int size)", IllegalArgumentException.class,
                    "parameter 'size'", g -> KernelsOmp.cosDoublesOmp(a, a));
            cases.rejects("toArray of 2^31 + 16 elements", UnsupportedOperationException.class, "too many for a Java array",
                    g -> a.toArray());
        }
    }

    private static void threads(Cases cases) {
        cases.rejects("dotC with x confined to another thread", WrongThreadException.class, "parameter 'x'", g -> {
            DoubleArray x = g.doubles("x", 8);
            try {
                CompletableFuture.runAsync(() -> Kernels.dotC(x, DoubleArray.allocate(Order.C, 8))).join();
            } catch (CompletionException e) {
                throw e.getCause();
            }
        });
        cases.rejects("matvecF with y confined to another thread", WrongThreadException.class, "parameter 'y'", g -> {
            DoubleArray a = DoubleArray.allocate(Order.FORTRAN, 4, 4);
            DoubleArray x = DoubleArray.allocate(Order.C, 4);
            DoubleArray y = g.doubles("y", 4);
            try {
                CompletableFuture.runAsync(() -> Kernels.matvecF(a, x, y)).join();
            } catch (CompletionException e) {
                throw e.getCause();
            }
        });
        cases.rejects("dotC after the arena closed", IllegalStateException.class, "parameter 'x'", g -> {
            DoubleArray x;
            try (Arena closed = Arena.ofConfined()) {
                x = DoubleArray.allocate(closed, 8);
            }
            Kernels.dotC(x, DoubleArray.allocate(Order.C, 8));
        });
    }
}
