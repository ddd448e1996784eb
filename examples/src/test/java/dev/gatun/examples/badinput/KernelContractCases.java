// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.badinput;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.kernels.Kernels;
import dev.gatun.kernels.omp.KernelsOmp;

/**
 * Issue 14 items 1 and 2: every shipped C, OpenMP and Fortran kernel called with arrays that do not
 * conform. Before the kernels stated their contracts, {@code KernelsOmp.mySqrtCOmp(new double[4], 64)}
 * corrupted the heap, {@code cosDoublesOmp(in[16], out[16], 200_000_000)} aborted, and the assumed-shape
 * Fortran kernels wrote past {@code y} ({@code matvecF}), {@code work} ({@code heatF}) and read past
 * {@code y} ({@code dotF}). Now each call is refused naming the parameter, the counts are inferred from
 * the arrays, and matching calls stay inside their guards.
 */
public final class KernelContractCases {

    private KernelContractCases() {
    }

    /** Runs the cases and exits with the verdict. @param args unused */
    public static void main(String[] args) {
        Cases cases = new Cases("kernel-contracts");
        cOpenMp(cases);
        fortran(cases);
        serialC(cases);
        emptyGrids(cases);
        cases.finish();
    }

    private static void cOpenMp(Cases cases) {
        cases.accepts("mySqrtCOmp writes exactly its array (the count is the array's extent)", g -> {
            DoubleArray a = g.doubles("a", 4);
            KernelsOmp.mySqrtCOmp(a);
            if (a.get(3) != Math.sqrt(3)) {
                throw new AssertionError("a[3] = " + a.get(3));
            }
        });
        cases.accepts("mySqrtCOmp on a heap double[4]", g -> KernelsOmp.mySqrtCOmp(new double[4]));
        cases.rejects("cosDoublesOmp(in[16], out[8])", IllegalArgumentException.class, "parameter 'out_array'",
                g -> KernelsOmp.cosDoublesOmp(g.doubles("in", 16), g.doubles("out", 8)));
        cases.accepts("cosDoublesOmp(in[16], out[16])",
                g -> KernelsOmp.cosDoublesOmp(g.doubles("in", 16), g.doubles("out", 16)));
        cases.rejects("dotCOmp(x[1000], y[1])", IllegalArgumentException.class, "parameter 'y'",
                g -> KernelsOmp.dotCOmp(g.doubles("x", 1000), g.doubles("y", 1)));
        cases.rejects("matvecCRowmajorOmp(a 64x64, x[64], y[1])", IllegalArgumentException.class, "parameter 'y'",
                g -> KernelsOmp.matvecCRowmajorOmp(g.doubles("a", 64, 64), g.doubles("x", 64), g.doubles("y", 1)));
        cases.rejects("matvecCColmajorOmp(a 64x64, x[63], y[64])", IllegalArgumentException.class, "parameter 'x'",
                g -> KernelsOmp.matvecCColmajorOmp(g.doubles("a", Order.FORTRAN, 64, 64), g.doubles("x", 63),
                        g.doubles("y", 64)));
        cases.rejects("matvecCColmajorOmp with a C-order matrix", IllegalArgumentException.class, "parameter 'a'",
                g -> KernelsOmp.matvecCColmajorOmp(g.doubles("a", 64, 64), g.doubles("x", 64), g.doubles("y", 64)));
        cases.rejects("heatCOmp(u 32x32, work 2x2)", IllegalArgumentException.class, "parameter 'work'",
                g -> KernelsOmp.heatCOmp(g.doubles("u", 32, 32), g.doubles("work", 2, 2), 1, 1e-3, 0.1, 0.1, 3, 0));
        cases.accepts("heatCOmp(u 32x32, work 32x32), periodic",
                g -> KernelsOmp.heatCOmp(g.doubles("u", 32, 32), g.doubles("work", 32, 32), 1, 1e-3, 0.1, 0.1, 3, 1));
        // heat_c_blocked takes its step count from work (3 rows per step) and needs 2 halo rows per step.
        cases.rejects("heatCBlocked(u 4x16, work 6x16): 2 steps need 5 rows", IllegalArgumentException.class, "nrows",
                g -> KernelsOmp.heatCBlocked(g.doubles("u", 4, 16), g.doubles("work", 6, 16), 1, 1e-3, 0.1, 0.1, 0, 0));
        cases.rejects("heatCBlocked(u 16x16, work 6x8): work's rows are not u's", IllegalArgumentException.class,
                "parameter 'work'", g -> KernelsOmp.heatCBlocked(g.doubles("u", 16, 16), g.doubles("work", 6, 8), 1, 1e-3, 0.1,
                        0.1, 1, 1));
        cases.accepts("heatCBlocked(u 16x16, work 9x16), fixed top and bottom",
                g -> KernelsOmp.heatCBlocked(g.doubles("u", 16, 16), g.doubles("work", 9, 16), 1, 1e-3, 0.1, 0.1, 1, 1));
    }

    private static void fortran(Cases cases) {
        cases.rejects("matvecF(a 64x64, x[64], y[1])", IllegalArgumentException.class, "parameter 'y'",
                g -> Kernels.matvecF(g.doubles("a", Order.FORTRAN, 64, 64), g.doubles("x", 64), g.doubles("y", 1)));
        cases.rejects("matvecF(a 64x32, x[64], y[64])", IllegalArgumentException.class, "parameter 'x'",
                g -> Kernels.matvecF(g.doubles("a", Order.FORTRAN, 64, 32), g.doubles("x", 64), g.doubles("y", 64)));
        cases.rejects("matvecFSimd(a 64x64, x[64], y[1])", IllegalArgumentException.class, "parameter 'y'",
                g -> Kernels.matvecFSimd(g.doubles("a", Order.FORTRAN, 64, 64), g.doubles("x", 64), g.doubles("y", 1)));
        cases.rejects("matvecFOmp(a 64x64, x[64], y[1])", IllegalArgumentException.class, "parameter 'y'",
                g -> KernelsOmp.matvecFOmp(g.doubles("a", Order.FORTRAN, 64, 64), g.doubles("x", 64), g.doubles("y", 1)));
        cases.accepts("matvecF(a 64x32, x[32], y[64])",
                g -> Kernels.matvecF(g.doubles("a", Order.FORTRAN, 64, 32), g.doubles("x", 32), g.doubles("y", 64)));
        cases.rejects("heatF(u 32x32, work 2x2)", IllegalArgumentException.class, "parameter 'work'",
                g -> Kernels.heatF(g.doubles("u", Order.FORTRAN, 32, 32), g.doubles("work", Order.FORTRAN, 2, 2),
                        1, 1e-3, 0.1, 0.1, 3, 0));
        cases.rejects("heatFSimd(u 32x32, work 32x31)", IllegalArgumentException.class, "parameter 'work'",
                g -> Kernels.heatFSimd(g.doubles("u", Order.FORTRAN, 32, 32), g.doubles("work", Order.FORTRAN, 32, 31),
                        1, 1e-3, 0.1, 0.1, 3, 0));
        cases.rejects("heatFOmp(u 32x32, work 2x2)", IllegalArgumentException.class, "parameter 'work'",
                g -> KernelsOmp.heatFOmp(g.doubles("u", Order.FORTRAN, 32, 32), g.doubles("work", Order.FORTRAN, 2, 2),
                        1, 1e-3, 0.1, 0.1, 3, 1));
        cases.accepts("heatF(u 32x16, work 32x16)",
                g -> Kernels.heatF(g.doubles("u", Order.FORTRAN, 32, 16), g.doubles("work", Order.FORTRAN, 32, 16),
                        1, 1e-3, 0.1, 0.1, 3, 1));
        cases.rejects("dotF(x[1000], y[1])", IllegalArgumentException.class, "parameter 'y'",
                g -> Kernels.dotF(g.doubles("x", 1000), g.doubles("y", 1)));
        cases.rejects("dotF(double[1000], double[1]) on the heap", IllegalArgumentException.class, "parameter 'y'",
                g -> Kernels.dotF(new double[1000], new double[1]));
        cases.rejects("dotFSimd(x[1000], y[999])", IllegalArgumentException.class, "parameter 'y'",
                g -> Kernels.dotFSimd(g.doubles("x", 1000), g.doubles("y", 999)));
        cases.rejects("dotFOmp(x[1000], y[1])", IllegalArgumentException.class, "parameter 'y'",
                g -> KernelsOmp.dotFOmp(g.doubles("x", 1000), g.doubles("y", 1)));
    }

    private static void serialC(Cases cases) {
        cases.rejects("cosDoubles(in[16], out[8])", IllegalArgumentException.class, "parameter 'out_array'",
                g -> Kernels.cosDoubles(g.doubles("in", 16), g.doubles("out", 8)));
        cases.rejects("dotC(x[1000], y[1])", IllegalArgumentException.class, "parameter 'y'",
                g -> Kernels.dotC(g.doubles("x", 1000), g.doubles("y", 1)));
        cases.rejects("matvecCRowmajor(a 64x64, x[64], y[1])", IllegalArgumentException.class, "parameter 'y'",
                g -> Kernels.matvecCRowmajor(g.doubles("a", 64, 64), g.doubles("x", 64), g.doubles("y", 1)));
        cases.rejects("heatCSimd(u 32x32, work 2x2)", IllegalArgumentException.class, "parameter 'work'",
                g -> Kernels.heatCSimd(g.doubles("u", 32, 32), g.doubles("work", 2, 2), 1, 1e-3, 0.1, 0.1, 3, 0));
        cases.rejects("fib(a) with a rank-2 array", IllegalArgumentException.class, "parameter 'a'",
                g -> Kernels.fib(g.doubles("a", 4, 4)));
    }

    /** Grids with no points: the stencils used to copy a first row that is not there. */
    private static void emptyGrids(Cases cases) {
        cases.accepts("heatC(u 0x5, work 0x5)",
                g -> Kernels.heatC(g.doubles("u", 0, 5), g.doubles("work", 0, 5), 1, 1e-3, 0.1, 0.1, 2, 0));
        cases.accepts("heatCOmp(u 5x0, work 5x0), periodic",
                g -> KernelsOmp.heatCOmp(g.doubles("u", 5, 0), g.doubles("work", 5, 0), 1, 1e-3, 0.1, 0.1, 2, 1));
        cases.accepts("heatFOmp(u 0x5, work 0x5), periodic",
                g -> KernelsOmp.heatFOmp(g.doubles("u", Order.FORTRAN, 0, 5), g.doubles("work", Order.FORTRAN, 0, 5),
                        1, 1e-3, 0.1, 0.1, 2, 1));
        cases.accepts("heatF(u 0x5, work 0x5)",
                g -> Kernels.heatF(g.doubles("u", Order.FORTRAN, 0, 5), g.doubles("work", Order.FORTRAN, 0, 5),
                        1, 1e-3, 0.1, 0.1, 2, 0));
    }
}
