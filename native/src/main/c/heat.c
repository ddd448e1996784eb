// SPDX-License-Identifier: Apache-2.0
/*
 * The 2D heat equation du/dt = alpha * (d2u/dx2 + d2u/dy2), explicit Euler in time and the 5-point
 * stencil in space, on an nx-by-ny grid stored row-major: u[i * ny + j] is the point (x_i, y_j).
 *
 * periodic != 0: the grid wraps around in both directions.
 * periodic == 0: Dirichlet, the boundary rows and columns keep their initial values.
 * Stable when alpha * dt * (1/dx^2 + 1/dy^2) <= 1/2.
 */
#include <string.h>

#include "gatun_simd.h"

static inline __attribute__((always_inline)) void step_periodic(const double *restrict u, double *restrict v, int nx, int ny, double cx, double cy)
{
    for (int i = 0; i < nx; i++) {
        const double *up = u + (long) ((i + nx - 1) % nx) * ny;
        const double *uc = u + (long) i * ny;
        const double *dn = u + (long) ((i + 1) % nx) * ny;
        double *vc = v + (long) i * ny;
        vc[0] = uc[0] + cx * (up[0] - 2 * uc[0] + dn[0]) + cy * (uc[ny - 1] - 2 * uc[0] + uc[ny > 1 ? 1 : 0]);
        for (int j = 1; j < ny - 1; j++) {
            vc[j] = uc[j] + cx * (up[j] - 2 * uc[j] + dn[j]) + cy * (uc[j - 1] - 2 * uc[j] + uc[j + 1]);
        }
        if (ny > 1) {
            const int j = ny - 1;
            vc[j] = uc[j] + cx * (up[j] - 2 * uc[j] + dn[j]) + cy * (uc[j - 1] - 2 * uc[j] + uc[0]);
        }
    }
}

static inline __attribute__((always_inline)) void step_dirichlet(const double *restrict u, double *restrict v, int nx, int ny, double cx, double cy)
{
    memcpy(v, u, sizeof(double) * ny);                              /* first row */
    memcpy(v + (long) (nx - 1) * ny, u + (long) (nx - 1) * ny, sizeof(double) * ny); /* last row */
    for (int i = 1; i < nx - 1; i++) {
        const double *up = u + (long) (i - 1) * ny;
        const double *uc = u + (long) i * ny;
        const double *dn = u + (long) (i + 1) * ny;
        double *vc = v + (long) i * ny;
        vc[0] = uc[0];
        vc[ny - 1] = uc[ny - 1];
        for (int j = 1; j < ny - 1; j++) {
            vc[j] = uc[j] + cx * (up[j] - 2 * uc[j] + dn[j]) + cy * (uc[j - 1] - 2 * uc[j] + uc[j + 1]);
        }
    }
}

/* Shared by both entry points; inlined, so each is compiled for its own instruction set. */
static inline __attribute__((always_inline)) void run(double *u, double *work, int nx, int ny, double alpha,
                                                      double dt, double dx, double dy, int steps, int periodic)
{
    if (nx < 1 || ny < 1) {
        return; /* an empty grid: step_dirichlet would still copy its first and last rows */
    }
    const double cx = alpha * dt / (dx * dx);
    const double cy = alpha * dt / (dy * dy);
    double *a = u, *b = work;
    for (int s = 0; s < steps; s++) {
        if (periodic) {
            step_periodic(a, b, nx, ny, cx, cy);
        } else {
            step_dirichlet(a, b, nx, ny, cx, cy);
        }
        double *t = a; a = b; b = t;
    }
    if (a != u) {
        memcpy(u, a, sizeof(double) * (long) nx * ny);
    }
}

/*
 * Runs `steps` explicit steps. `work` is scratch of the same size as u; the two arrays swap roles
 * each step and the final state is always left in u. Baseline x86-64 code (SSE2).
 */
void heat_c(double *u /* gatun: inout, dimension(nx, ny) */, double *work /* gatun: inout, dimension(nx, ny) */,
            int nx, int ny, double alpha, double dt, double dx, double dy, int steps, int periodic)
{
    run(u, work, nx, ny, alpha, dt, dx, dy, steps, periodic);
}

/* The same steps compiled for AVX-512 / AVX2 where the CPU has them. */
GATUN_MULTIARCH
void heat_c_simd(double *u /* gatun: inout, dimension(nx, ny) */, double *work /* gatun: inout, dimension(nx, ny) */,
                 int nx, int ny, double alpha, double dt, double dx, double dy, int steps, int periodic)
{
    run(u, work, nx, ny, alpha, dt, dx, dy, steps, periodic);
}
