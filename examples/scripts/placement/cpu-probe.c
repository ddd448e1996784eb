// SPDX-License-Identifier: Apache-2.0
/*
 * A fixed amount of register-only arithmetic (no memory traffic), timed: run pinned to one core, alone and while
 * other cores are busy, it shows whether two "cores" of a VM share one physical core (hyperthreads: the time grows
 * by tens of percent only when a particular other core is busy) or the clock drops as more cores work (the time
 * grows a little whichever cores are busy). Prints: RESULT probe ms=T
 * Build: cc -O2 -o cpu-probe cpu-probe.c ; run: taskset -c 0 ./cpu-probe
 */
#include <stdio.h>
#include <time.h>

int main(void)
{
    struct timespec t0, t1;
    double a = 1.0, b = 1.1, c = 1.2, d = 1.3;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < 100000000L; i++) {
        /* four independent chains keep the floating-point pipelines busy; volatile-free, but the result is printed */
        a = a * 0.999999999 + 1e-9;
        b = b * 0.999999999 + 1e-9;
        c = c * 0.999999999 + 1e-9;
        d = d * 0.999999999 + 1e-9;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    printf("RESULT probe ms=%.1f sum=%.6f\n", ms, a + b + c + d);
    return 0;
}
