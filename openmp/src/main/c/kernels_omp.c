// SPDX-License-Identifier: Apache-2.0
/*
 * OpenMP versions of the seed kernels: the same loops as native/, with the outer loop split over
 * the threads of a team and the inner loop vectorised (libmvec sin/cos). The thread count is the
 * calling thread's OpenMP setting (dev.gatun.omp.OpenMP.setNumThreads / withThreads, or
 * OMP_NUM_THREADS).
 */
#include <omp.h>
#include <string.h>

#include "gatun_simd.h"

/*
 * integration2d: every row costs the same, but cores do not run at the same speed (measured on a
 * 16-vCPU cloud host: some run 40% slower than others), so rows are handed out dynamically in small
 * chunks; a static split would wait for the slowest thread. A row is n sines: the scheduling cost is noise.
 */
GATUN_MULTIARCH
double integration2d_c_omp(int n)
{
    const double h = M_PI / n;
    double sum = 0.0;
#pragma omp parallel for schedule(dynamic, 4) reduction(+ : sum)
    for (int i = 0; i < n; i++) {
        const double x = h * (i + 0.5);
        double row = 0.0;
#pragma omp simd reduction(+ : row)
        for (int j = 0; j < n; j++) {
            row += sin(x + h * (j + 0.5));
        }
        sum += row;
    }
    return h * h * sum;
}

/* integration2d over rows [row_begin, row_end) of the n-by-n grid: one MPI rank's block. */
GATUN_MULTIARCH
double integration2d_c_omp_rows(int n, int row_begin, int row_end)
{
    const double h = M_PI / n;
    double sum = 0.0;
#pragma omp parallel for schedule(dynamic, 4) reduction(+ : sum)
    for (int i = row_begin; i < row_end; i++) {
        const double x = h * (i + 0.5);
        double row = 0.0;
#pragma omp simd reduction(+ : row)
        for (int j = 0; j < n; j++) {
            row += sin(x + h * (j + 0.5));
        }
        sum += row;
    }
    return h * h * sum;
}

GATUN_MULTIARCH
void cos_doubles_omp(const double *restrict in_array /* gatun: dimension(size) */,
                     double *restrict out_array /* gatun: out, dimension(size) */, int size)
{
#pragma omp parallel for simd schedule(static)
    for (int i = 0; i < size; i++) {
        out_array[i] = cos(in_array[i]);
    }
}

GATUN_MULTIARCH
void my_sqrt_c_omp(double *restrict a /* gatun: out, dimension(n) */, int n)
{
#pragma omp parallel for simd schedule(static)
    for (int i = 0; i < n; i++) {
        a[i] = sqrt((double) i);
    }
}

GATUN_MULTIARCH
double dot_c_omp(const double *restrict x /* gatun: dimension(n) */, const double *restrict y /* gatun: dimension(n) */,
                 int n)
{
    double sum = 0.0;
#pragma omp parallel for simd schedule(static) reduction(+ : sum)
    for (int i = 0; i < n; i++) {
        sum += x[i] * y[i];
    }
    return sum;
}

/* Row-major: rows are independent, so each thread computes whole rows. */
GATUN_MULTIARCH
void matvec_c_rowmajor_omp(const double *restrict a /* gatun: dimension(m, n) */,
                           const double *restrict x /* gatun: dimension(n) */,
                           double *restrict y /* gatun: out, dimension(m) */, int m, int n)
{
#pragma omp parallel for schedule(static)
    for (int i = 0; i < m; i++) {
        const double *row = a + (long) i * n;
        double sum = 0.0;
#pragma omp simd reduction(+ : sum)
        for (int j = 0; j < n; j++) {
            sum += row[j] * x[j];
        }
        y[i] = sum;
    }
}

/* Column-major: each thread owns a block of rows of y and walks all columns over that block. */
GATUN_MULTIARCH
void matvec_c_colmajor_omp(const double *restrict a /* gatun: dimension(m, n), order(fortran) */,
                           const double *restrict x /* gatun: dimension(n) */,
                           double *restrict y /* gatun: out, dimension(m) */, int m, int n)
{
#pragma omp parallel
    {
        const int t = omp_get_thread_num();
        const int threads = omp_get_num_threads();
        const int lo = (int) ((long) m * t / threads);
        const int hi = (int) ((long) m * (t + 1) / threads);
        for (int i = lo; i < hi; i++) {
            y[i] = 0.0;
        }
        for (int j = 0; j < n; j++) {
            const double *col = a + (long) j * m;
            const double xj = x[j];
#pragma omp simd
            for (int i = lo; i < hi; i++) {
                y[i] += col[i] * xj;
            }
        }
    }
}

/*
 * The heat equation (see native/src/main/c/heat.c for the grid and boundary conventions): the rows
 * of each step are shared out over the team; the team is created once for all steps.
 */
GATUN_MULTIARCH
void heat_c_omp(double *u /* gatun: inout, dimension(nx, ny) */, double *work /* gatun: inout, dimension(nx, ny) */,
                int nx, int ny, double alpha, double dt, double dx, double dy,
                int steps, int periodic)
{
    if (nx < 1 || ny < 1) {
        return; /* an empty grid: each row's first and last points would still be written */
    }
    const double cx = alpha * dt / (dx * dx);
    const double cy = alpha * dt / (dy * dy);
#pragma omp parallel
    {
        double *a = u, *b = work;
        for (int s = 0; s < steps; s++) {
#pragma omp for schedule(static)
            for (int i = 0; i < nx; i++) {
                double *vc = b + (long) i * ny;
                const double *uc = a + (long) i * ny;
                if (!periodic && (i == 0 || i == nx - 1)) {
                    memcpy(vc, uc, sizeof(double) * ny);
                    continue;
                }
                const double *up = a + (long) ((i + nx - 1) % nx) * ny;
                const double *dn = a + (long) ((i + 1) % nx) * ny;
                if (periodic) {
                    vc[0] = uc[0] + cx * (up[0] - 2 * uc[0] + dn[0]) + cy * (uc[ny - 1] - 2 * uc[0] + uc[ny > 1 ? 1 : 0]);
                } else {
                    vc[0] = uc[0];
                }
#pragma omp simd
                for (int j = 1; j < ny - 1; j++) {
                    vc[j] = uc[j] + cx * (up[j] - 2 * uc[j] + dn[j]) + cy * (uc[j - 1] - 2 * uc[j] + uc[j + 1]);
                }
                if (ny > 1) {
                    const int j = ny - 1;
                    vc[j] = periodic ? uc[j] + cx * (up[j] - 2 * uc[j] + dn[j]) + cy * (uc[j - 1] - 2 * uc[j] + uc[0])
                                     : uc[j];
                }
            }
            /* The implicit barrier of `omp for` ends the step before anyone swaps. */
            double *t = a; a = b; b = t;
        }
#pragma omp single
        if (a != u) {
            memcpy(u, a, sizeof(double) * (long) nx * ny);
        }
    }
}

/*
 * `steps` explicit heat steps in one sweep over the rows (temporal blocking), for a block of rows whose halo is
 * `steps` rows deep: the way to make a memory-bound stencil compute-bound. heat_c_omp reads and writes the
 * whole grid every step (about 48 bytes per point and step, more than the memory of a many-core host can
 * stream); here each row is read from and written to u once per call, and the intermediate time levels live in
 * three-row ring buffers (`work`) that stay in the core's cache.
 *
 * u has nrows rows of ny points. At step t (1 .. steps) the rows [t, nrows - t) are updated, each from the
 * three rows around it at step t - 1: the halo shrinks by one row per step, and after the last step the rows
 * [steps, nrows - steps) hold the state after `steps` steps (the rows outside keep older values). A side whose
 * halo is the fixed Dirichlet boundary instead (fixed_top: row steps - 1 is the boundary; fixed_bottom: row
 * nrows - steps) keeps that row fixed and updates every row inside it at every step, as heat_c does. The first
 * and last column are fixed. Each point is computed with heat_c_omp's expression, in the same order.
 */
GATUN_MULTIARCH
void heat_c_blocked(double *u /* gatun: inout, dimension(nrows, ny) */,
                    double *work /* gatun: inout, dimension(3 * steps, ny) */,
                    int nrows /* gatun: check(nrows >= 2 * steps + 1) */, int ny /* gatun: check(ny >= 1) */,
                    double alpha, double dt, double dx, double dy,
                    int steps /* gatun: check(steps >= 1) */, int fixed_top, int fixed_bottom)
{
    const double cx = alpha * dt / (dx * dx);
    const double cy = alpha * dt / (dy * dy);
    const int k = steps;
    /* Level t (1 .. k) holds its rows in work + 3 (t - 1) rows, row r at slot r % 3; level 0 is u. */
#define LO(t) (fixed_top ? k : (t))
#define HI(t) (fixed_bottom ? nrows - k : nrows - (t))
#define ROW(t, r) ((t) == 0 || (r) < LO(t) || (r) >= HI(t) ? u + (long) (r) * ny \
                                                          : work + ((long) 3 * ((t) - 1) + (r) % 3) * ny)
    /* A row of the last level goes back into u one sweep position later, when level 1 no longer reads it. */
    int pending = -1;
    for (int i = LO(1); i < HI(1) + k - 1; i++) {
        for (int t = 1; t <= k; t++) {
            const int r = i - (t - 1);
            if (r < LO(t) || r >= HI(t)) {
                continue;
            }
            const double *up = ROW(t - 1, r - 1);
            const double *uc = ROW(t - 1, r);
            const double *dn = ROW(t - 1, r + 1);
            double *vc = work + ((long) 3 * (t - 1) + r % 3) * ny;
            vc[0] = uc[0];
#pragma omp simd
            for (int j = 1; j < ny - 1; j++) {
                vc[j] = uc[j] + cx * (up[j] - 2 * uc[j] + dn[j]) + cy * (uc[j - 1] - 2 * uc[j] + uc[j + 1]);
            }
            if (ny > 1) {
                vc[ny - 1] = uc[ny - 1];
            }
        }
        if (pending >= 0) {
            memcpy(u + (long) pending * ny, work + ((long) 3 * (k - 1) + pending % 3) * ny, sizeof(double) * ny);
            pending = -1;
        }
        const int last = i - (k - 1);
        if (last >= LO(k) && last < HI(k)) {
            pending = last;
        }
    }
    if (pending >= 0) {
        memcpy(u + (long) pending * ny, work + ((long) 3 * (k - 1) + pending % 3) * ny, sizeof(double) * ny);
    }
#undef LO
#undef HI
#undef ROW
}
