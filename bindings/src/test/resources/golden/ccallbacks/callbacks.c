// gatun-golden: -m callbacks --package golden.ccallbacks
/* C function pointers as Java functional interfaces: a numeric integrand, a qsort comparator
   over void pointers, and a callback with a user-data pointer. */
#include <stdlib.h>

/* Midpoint rule for f over [a, b] with n panels. */
double integrate(double (*f)(double), double a, double b, int n) {
    double h = (b - a) / n, sum = 0.0;
    for (int i = 0; i < n; i++) {
        sum += f(a + (i + 0.5) * h);
    }
    return sum * h;
}

/* Sorts x in place with the caller's comparator, as qsort does. */
void sort_doubles(double *x /* gatun: inout, dimension(n) */, size_t n, int (*cmp)(const void *, const void *)) {
    qsort(x, n, sizeof(double), cmp);
}

/* Calls visit(i, user) for i = 0..n-1 and returns how many calls returned nonzero. */
int count_if(int n, int (*visit)(int i, void *user), void *user) {
    int hits = 0;
    for (int i = 0; i < n; i++) {
        hits += visit(i, user) != 0;
    }
    return hits;
}
