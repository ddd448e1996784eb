// SPDX-License-Identifier: Apache-2.0
/*
 * The C baseline of examples/scripts/mpi-bench.sh: MPI ping-pong between ranks 0 and 1 for 8 B .. 64 MiB, and
 * MPI_Allreduce (SUM) of 1 Mi doubles over all ranks, with the same iteration schedule as PingPong.java and
 * pingpong.py. Prints: RESULT pingpong impl=c bytes=N us=T GBps=B  and  RESULT allreduce impl=c ranks=P doubles=D us=T
 * Build: mpicc -O2 -o pingpong pingpong.c ; run: mpirun -np 2 ./pingpong ; mpirun -np 16 ./pingpong allreduce
 * mpirun -np 2 ./pingpong status: up to 4 KiB, each call as Gatun's MPI shim makes it (MPI_DOUBLE counts, a status
 * read with MPI_Get_count after each receive) instead of MPI_BYTE and MPI_STATUS_IGNORE; prints impl=c-status.
 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int iterations(long bytes)
{
    long n = bytes <= 65536 ? 5000 : (256L << 20) / bytes;
    return (int) (n < 20 ? 20 : n);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (argc > 1 && strcmp(argv[1], "overhead") == 0) {
        /* What one call costs with no transfer: MPI_Send and MPI_Recv to MPI_PROC_NULL, as PingPong.java overhead. */
        double x = 0;
        const int iters = 2000000;
        double best = 1e30;
        for (int r = 0; r < 7; r++) {
            double t0 = MPI_Wtime();
            for (int i = 0; i < iters; i++) {
                MPI_Send(&x, 1, MPI_DOUBLE, MPI_PROC_NULL, 0, MPI_COMM_WORLD);
                MPI_Recv(&x, 1, MPI_DOUBLE, MPI_PROC_NULL, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            }
            double t = (MPI_Wtime() - t0) / iters / 2;
            if (t < best) best = t;
        }
        if (rank == 0) printf("RESULT overhead impl=c ns=%.1f\n", best * 1e9);
        MPI_Finalize();
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "allreduce") == 0) {
        const int n = 1 << 20;
        double *in = malloc(sizeof(double) * n), *out = malloc(sizeof(double) * n);
        for (int i = 0; i < n; i++) in[i] = rank + i * 1e-6;
        for (int i = 0; i < 10; i++) MPI_Allreduce(in, out, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
        const int iters = 100;
        double best = 1e30;
        for (int r = 0; r < 5; r++) {
            MPI_Barrier(MPI_COMM_WORLD);
            double t0 = MPI_Wtime();
            for (int i = 0; i < iters; i++) MPI_Allreduce(in, out, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
            double t = (MPI_Wtime() - t0) / iters;
            MPI_Allreduce(MPI_IN_PLACE, &t, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
            if (t < best) best = t;
        }
        if (rank == 0) printf("RESULT allreduce impl=c ranks=%d doubles=%d us=%.3f\n", size, n, best * 1e6);
        free(in);
        free(out);
        MPI_Finalize();
        return 0;
    }
    int status_like_shim = argc > 1 && strcmp(argv[1], "status") == 0;
    char *buf = malloc(64L << 20);
    memset(buf, 1, 64L << 20);
    static const long sizes[] = {8, 64, 512, 4096, 32768, 262144, 2097152, 16777216, 67108864};
    for (int k = 0; k < (int) (sizeof sizes / sizeof sizes[0]); k++) {
        long bytes = sizes[k];
        if (status_like_shim && bytes > 4096) {
            break;
        }
        int iters = iterations(bytes);
        double best = 1e30;
        /* One untimed run first, as PingPong.java does (its JIT needs it; here it only warms the caches). */
        for (int r = -1; r < 3; r++) {
            MPI_Barrier(MPI_COMM_WORLD);
            int n = r < 0 && bytes <= 65536 ? 20000 : iters;
            double t0 = MPI_Wtime();
            for (int i = 0; i < n && status_like_shim; i++) {
                MPI_Status st;
                int count;
                int doubles = (int) (bytes / 8);
                if (rank == 0) {
                    MPI_Send(buf, doubles, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD);
                    MPI_Recv(buf, doubles, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD, &st);
                    MPI_Get_count(&st, MPI_DOUBLE, &count);
                } else if (rank == 1) {
                    MPI_Recv(buf, doubles, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD, &st);
                    MPI_Get_count(&st, MPI_DOUBLE, &count);
                    MPI_Send(buf, doubles, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD);
                }
            }
            for (int i = 0; i < n && !status_like_shim; i++) {
                if (rank == 0) {
                    MPI_Send(buf, (int) bytes, MPI_BYTE, 1, 0, MPI_COMM_WORLD);
                    MPI_Recv(buf, (int) bytes, MPI_BYTE, 1, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                } else if (rank == 1) {
                    MPI_Recv(buf, (int) bytes, MPI_BYTE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
                    MPI_Send(buf, (int) bytes, MPI_BYTE, 0, 0, MPI_COMM_WORLD);
                }
            }
            double t = (MPI_Wtime() - t0) / iters / 2;
            if (r >= 0 && t < best) best = t;
        }
        if (rank == 0) {
            printf("RESULT pingpong impl=%s bytes=%ld us=%.3f GBps=%.3f\n", status_like_shim ? "c-status" : "c", bytes,
                   best * 1e6, bytes / best / 1e9);
        }
    }
    free(buf);
    MPI_Finalize();
    return 0;
}
