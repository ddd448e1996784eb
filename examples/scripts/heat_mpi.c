// SPDX-License-Identifier: Apache-2.0
/*
 * The C twin of HeatMpi --depth K (examples/src/main/java/dev/gatun/examples/mpi/HeatMpi.java): the same grid, the
 * same row blocks over a 1-D Cartesian communicator, the same K-row halo exchange every K steps and the same
 * heat_c_blocked sweep (openmp/src/main/c/kernels_omp.c, compiled in with the flags Gatun builds it with), so that its scaling separates what the
 * machine loses from what Java and Gatun lose. Prints the lines HeatMpi prints, with impl=c:
 *   RESULT example=heat-mpi impl=c nx=N ny=N ranks=P steps=S depth=K seconds=T min=T halo=H busy_min=B busy_max=B reps=R
 * (seconds: median over the timed runs of the slowest rank; halo: the share of all ranks' time spent exchanging;
 * busy_min/max: the least and most time a rank spent in its sweeps, in the last timed run).
 * Build: mpicc -O3 -fno-math-errno -fopenmp -ffp-contract=off -Inative/src/main/c -o heat_mpi examples/scripts/heat_mpi.c \
 *            openmp/src/main/c/kernels_omp.c -lm
 * Run:   mpirun -np 8 --bind-to core ./heat_mpi [--n 8192] [--steps 40] [--depth 8] [--reps 3] [--warmup 1]
 */
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void heat_c_blocked(double *u, double *work, int nrows, int ny, double alpha, double dt, double dx, double dy,
                    int steps, int fixed_top, int fixed_bottom);

static const double ALPHA = 1.0;
static const double COURANT = 0.2;
enum { TAG_UP = 1, TAG_DOWN = 2 };

static int compare(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int n = 8192, steps = 40, depth = 8, reps = 3, warmup = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--n")) n = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--steps")) steps = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--depth")) depth = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--reps")) reps = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--warmup")) warmup = atoi(argv[i + 1]);
        else { fprintf(stderr, "heat_mpi: unknown option %s\n", argv[i]); return 2; }
    }
    MPI_Init(&argc, &argv);
    int world_size;
    MPI_Comm_size(MPI_COMM_WORLD, &world_size);
    int dims[1] = {world_size}, periods[1] = {0};
    MPI_Comm rows;
    MPI_Cart_create(MPI_COMM_WORLD, 1, dims, periods, 0, &rows);
    int rank, size, above, below;
    MPI_Comm_rank(rows, &rank);
    MPI_Comm_size(rows, &size);
    MPI_Cart_shift(rows, 0, 1, &above, &below); /* source: the rank above, dest: the rank below */

    const int nx = n, ny = n, k = depth;
    const double dx = 1.0 / (nx - 1), dy = 1.0 / (ny - 1);
    const double dt = 2 * COURANT / (ALPHA * ((nx - 1.0) * (nx - 1) + (ny - 1.0) * (ny - 1)));
    const int interior = nx - 2;
    const int lo = 1 + (int) ((long) rank * interior / size);
    const int hi = 1 + (int) ((long) (rank + 1) * interior / size);
    const int local = hi - lo;
    if (local < k) {
        if (rank == 0) fprintf(stderr, "heat_mpi: %d rows per rank, fewer than --depth %d\n", local, k);
        MPI_Finalize();
        return 2;
    }
    double *u = aligned_alloc(64, sizeof(double) * (size_t) (local + 2 * k) * ny);
    double *work = aligned_alloc(64, sizeof(double) * (size_t) 3 * k * ny);
    const int first = rank == 0, last = rank == size - 1;
    double *times = malloc(sizeof(double) * reps);
    double halo_share = 0, busy_min = 0, busy_max = 0;
    for (int run = -warmup; run < reps; run++) {
        for (int i = 0; i < local + 2 * k; i++) { /* the initial state, halo rows included (unused ones too) */
            int global = lo - k + i;
            for (int j = 0; j < ny; j++) {
                u[(long) i * ny + j] = global < 0 || global >= nx ? 0 : sin(M_PI * global * dx) * sin(M_PI * j * dy);
            }
        }
        MPI_Barrier(rows);
        double start = MPI_Wtime(), exchanging = 0;
        for (int s = 0; s < steps; s += k) {
            int m = steps - s < k ? steps - s : k;
            double t0 = MPI_Wtime();
            MPI_Request req[4];
            MPI_Irecv(u, k * ny, MPI_DOUBLE, above, TAG_DOWN, rows, &req[0]);
            MPI_Irecv(u + (long) (k + local) * ny, k * ny, MPI_DOUBLE, below, TAG_UP, rows, &req[1]);
            MPI_Isend(u + (long) k * ny, k * ny, MPI_DOUBLE, above, TAG_UP, rows, &req[2]);
            MPI_Isend(u + (long) local * ny, k * ny, MPI_DOUBLE, below, TAG_DOWN, rows, &req[3]);
            MPI_Waitall(4, req, MPI_STATUSES_IGNORE);
            exchanging += MPI_Wtime() - t0;
            heat_c_blocked(u + (long) (k - m) * ny, work, local + 2 * m, ny, ALPHA, dt, dx, dy, m, first, last);
        }
        double elapsed = MPI_Wtime() - start, slowest, waited, total, busy = elapsed - exchanging;
        MPI_Allreduce(&elapsed, &slowest, 1, MPI_DOUBLE, MPI_MAX, rows);
        MPI_Allreduce(&exchanging, &waited, 1, MPI_DOUBLE, MPI_SUM, rows);
        MPI_Allreduce(&elapsed, &total, 1, MPI_DOUBLE, MPI_SUM, rows);
        MPI_Allreduce(&busy, &busy_min, 1, MPI_DOUBLE, MPI_MIN, rows);
        MPI_Allreduce(&busy, &busy_max, 1, MPI_DOUBLE, MPI_MAX, rows);
        if (run < 0) continue;
        times[run] = slowest;
        halo_share = waited / total;
        /* u at the centre, from the rank that holds it (as HeatMpi prints it) */
        int c = nx / 2;
        double centre = c >= lo && c < hi ? u[(long) (k + c - lo) * ny + ny / 2] : 0, sum;
        MPI_Allreduce(&centre, &sum, 1, MPI_DOUBLE, MPI_SUM, rows);
        if (rank == 0) {
            double exact = exp(-2 * M_PI * M_PI * ALPHA * dt * steps) * sin(M_PI * c * dx) * sin(M_PI * (ny / 2) * dy);
            printf("u(centre) is %.9e, Error is %.3e\nTime spent: %.3f sec\n", sum, fabs(sum - exact), slowest);
        }
    }
    if (rank == 0) {
        double fastest = times[0];
        for (int r = 1; r < reps; r++) fastest = times[r] < fastest ? times[r] : fastest;
        qsort(times, reps, sizeof(double), compare);
        printf("RESULT example=heat-mpi impl=c nx=%d ny=%d ranks=%d steps=%d depth=%d seconds=%.6f min=%.6f halo=%.4f"
               " busy_min=%.6f busy_max=%.6f reps=%d\n", nx, ny, size, steps, k, times[reps / 2], fastest, halo_share,
               busy_min, busy_max, reps);
    }
    free(times);
    free(work);
    free(u);
    MPI_Comm_free(&rows);
    MPI_Finalize();
    return 0;
}
