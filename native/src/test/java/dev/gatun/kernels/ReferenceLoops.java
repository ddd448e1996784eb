// SPDX-License-Identifier: Apache-2.0
package dev.gatun.kernels;

/**
 * Plain Java loops that compute what each kernel computes, in the same order of operations where the
 * kernel's order is fixed (no SIMD reduction), so those results can be compared bit for bit. They are
 * written here rather than taken from {@code examples/.../twins}: the kernel modules are built before
 * examples and must not depend on it, and only integration2d has a twin there. The openmp module checks
 * its kernels against this module's serial ones instead of repeating these loops.
 */
final class ReferenceLoops {

    private ReferenceLoops() {
    }

    /** The seeds' integration2d loop: midpoint sum of sin(x + y) over [0, pi]^2, times h^2. */
    static double integration2d(int n) {
        double h = Math.PI / n;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double x = h * (i + 0.5);
            for (int j = 0; j < n; j++) {
                sum += Math.sin(x + h * (j + 0.5));
            }
        }
        return h * h * sum;
    }

    /** The first n Fibonacci numbers from 0, as the seeds' FIB fills its array. */
    static double[] fib(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i == 0 ? 0.0 : i == 1 ? 1.0 : a[i - 1] + a[i - 2];
        }
        return a;
    }

    /** a[i] = sqrt(i). */
    static double[] mySqrt(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.sqrt(i);
        }
        return a;
    }

    /** x . y summed left to right. */
    static double dot(double[] x, double[] y) {
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** Sum of |x_i y_i|: the scale of the rounding error of any summation order of x . y. */
    static double dotMagnitude(double[] x, double[] y) {
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs(x[i] * y[i]);
        }
        return s;
    }

    /** y = A x for A m-by-n in column-major order: each y[i] accumulated over j from 0.0, in j order. */
    static double[] matvecColumnMajor(double[] a, int m, int n, double[] x) {
        double[] y = new double[m];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                y[i] += a[i + j * m] * x[j];
            }
        }
        return y;
    }

    /** y = A x for A m-by-n in row-major order: each y[i] a left-to-right dot product of row i with x. */
    static double[] matvecRowMajor(double[] a, int m, int n, double[] x) {
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0.0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /**
     * {@code steps} explicit steps of the 5-point heat stencil on u[i * ny + j] (nx rows, ny columns), with
     * the kernels' expression order; periodic wraps, otherwise the boundary keeps its values.
     */
    static double[] heat(double[] u0, int nx, int ny, double alpha, double dt, double dx, double dy, int steps, boolean periodic) {
        double cx = alpha * dt / (dx * dx);
        double cy = alpha * dt / (dy * dy);
        double[] u = u0.clone();
        double[] v = new double[u.length];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    int k = i * ny + j;
                    boolean boundary = i == 0 || i == nx - 1 || j == 0 || j == ny - 1;
                    if (!periodic && boundary) {
                        v[k] = u[k];
                        continue;
                    }
                    double up = u[((i + nx - 1) % nx) * ny + j];
                    double dn = u[((i + 1) % nx) * ny + j];
                    double left = u[i * ny + (j + ny - 1) % ny];
                    double right = u[i * ny + (j + 1) % ny];
                    v[k] = u[k] + cx * (up - 2 * u[k] + dn) + cy * (left - 2 * u[k] + right);
                }
            }
            double[] t = u;
            u = v;
            v = t;
        }
        return u;
    }

    /** n values in [-1, 1) from a fixed seed, so failures reproduce. */
    static double[] randomValues(int n, long seed) {
        var random = new java.util.Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * random.nextDouble() - 1;
        }
        return a;
    }
}
