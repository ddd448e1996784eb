// SPDX-License-Identifier: Apache-2.0
/* See callpeers.h. noinline keeps each call a real call even under link-time optimisation. */
#include "callpeers.h"

__attribute__((noinline)) void gatun_noop(void)
{
    __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) int gatun_add(int a, int b)
{
    return a + b;
}

__attribute__((noinline)) double gatun_first(const double *a, long n)
{
    return n > 0 ? a[0] : 0.0;
}

int gatun_apply_many(int (*f)(int), int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        sum += f(i);
    }
    return sum;
}
