/* A C source with no header: its non-static definitions are bound, its static helpers are not. */
static double twice(double x) { return 2 * x; }

double add_twice(double a, double b) { return a + twice(b); }

long count_positive(const double *x /* gatun: dimension(n) */, int n /* gatun: hide */)
{
    long count = 0;
    for (int i = 0; i < n; i++) {
        count += x[i] > 0;
    }
    return count;
}
