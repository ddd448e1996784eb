/*
 * The same kernel the Java example calls, called from a C main: the baseline for "what does calling
 * it from Java cost?". Linked at run time against the very libkernels.so the JVM loaded.
 * Usage: integration2d_main N WARMUPS REPS; prints one line per timed run: seconds value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double integration2d_c(int n);

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s N WARMUPS REPS\n", argv[0]);
        return 2;
    }
    const int n = atoi(argv[1]), warmups = atoi(argv[2]), reps = atoi(argv[3]);
    for (int w = 0; w < warmups; w++) {
        integration2d_c(n);
    }
    for (int r = 0; r < reps; r++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        const double value = integration2d_c(n);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        printf("%.9f %.17g\n", (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec), value);
    }
    return 0;
}
