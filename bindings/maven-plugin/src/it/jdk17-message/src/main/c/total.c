// SPDX-License-Identifier: Apache-2.0
/* A user's C: the sum of an array, the count tied to it by a gatun directive. */
double total(const double *x /* gatun: in, dimension(n) */, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
        s += x[i];
    }
    return s;
}
