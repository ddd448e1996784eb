// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.twins;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pure-Java twins of the heat kernels: explicit Euler steps of the 5-point stencil on an
 * nx-by-ny grid stored row-major ({@code u[i * ny + j]}), Dirichlet boundary (the edges keep their
 * values). The same conventions as {@code heat_c} with {@code periodic = 0}.
 */
public final class HeatJava {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private HeatJava() {
    }

    /**
     * The grid and coefficients of one run.
     *
     * @param nx    rows
     * @param ny    columns
     * @param cx    alpha dt / dx^2
     * @param cy    alpha dt / dy^2
     * @param steps time steps
     */
    public record Grid(int nx, int ny, double cx, double cy, int steps) {
    }

    /**
     * Runs the steps with a scalar loop; the result is left in {@code u}.
     *
     * @param u    the initial state; receives the final state
     * @param work scratch of the same length
     * @param g    the grid
     */
    public static void scalar(double[] u, double[] work, Grid g) {
        run(u, work, g, (a, b) -> {
            for (int i = 1; i < g.nx - 1; i++) {
                rowScalar(a, b, i, g);
            }
        });
    }

    /**
     * Runs the steps with the rows of each step on a parallel stream of {@code threads} workers.
     *
     * @param u       the initial state; receives the final state
     * @param work    scratch of the same length
     * @param g       the grid
     * @param threads worker threads (>= 1)
     */
    public static void parallelStreams(double[] u, double[] work, Grid g, int threads) {
        run(u, work, g, (a, b) -> Parallel.forEach(g.nx - 2, threads, r -> rowScalar(a, b, r + 1, g)));
    }

    /**
     * Runs the steps with each row's interior over vector lanes (unaligned loads of the neighbours).
     *
     * @param u    the initial state; receives the final state
     * @param work scratch of the same length
     * @param g    the grid
     */
    public static void vectorApi(double[] u, double[] work, Grid g) {
        run(u, work, g, (a, b) -> {
            for (int i = 1; i < g.nx - 1; i++) {
                rowVector(a, b, i, g);
            }
        });
    }

    private interface Step {
        void apply(double[] from, double[] to);
    }

    private static void run(double[] u, double[] work, Grid g, Step interior) {
        if (g.nx < 3 || g.ny < 3) {
            throw new IllegalArgumentException("grid: expected nx, ny >= 3, got " + g.nx + " x " + g.ny);
        }
        // The boundary never changes, so it is copied into the scratch once.
        System.arraycopy(u, 0, work, 0, u.length);
        double[] a = u;
        double[] b = work;
        for (int s = 0; s < g.steps; s++) {
            interior.apply(a, b);
            double[] t = a;
            a = b;
            b = t;
        }
        if (a != u) {
            System.arraycopy(a, 0, u, 0, u.length);
        }
    }

    private static void rowScalar(double[] u, double[] v, int i, Grid g) {
        int ny = g.ny;
        int c = i * ny;
        for (int j = 1; j < ny - 1; j++) {
            int k = c + j;
            v[k] = u[k] + g.cx * (u[k - ny] - 2 * u[k] + u[k + ny]) + g.cy * (u[k - 1] - 2 * u[k] + u[k + 1]);
        }
    }

    private static void rowVector(double[] u, double[] v, int i, Grid g) {
        int ny = g.ny;
        int c = i * ny;
        int lanes = SPECIES.length();
        int j = 1;
        for (; j + lanes <= ny - 1; j += lanes) {
            int k = c + j;
            DoubleVector uc = DoubleVector.fromArray(SPECIES, u, k);
            DoubleVector twice = uc.add(uc);
            DoubleVector vertical = DoubleVector.fromArray(SPECIES, u, k - ny).sub(twice)
                    .add(DoubleVector.fromArray(SPECIES, u, k + ny));
            DoubleVector horizontal = DoubleVector.fromArray(SPECIES, u, k - 1).sub(twice)
                    .add(DoubleVector.fromArray(SPECIES, u, k + 1));
            uc.add(vertical.mul(g.cx)).add(horizontal.mul(g.cy)).intoArray(v, k);
        }
        for (; j < ny - 1; j++) {
            int k = c + j;
            v[k] = u[k] + g.cx * (u[k - ny] - 2 * u[k] + u[k + ny]) + g.cy * (u[k - 1] - 2 * u[k] + u[k + 1]);
        }
    }
}
