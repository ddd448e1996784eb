// gatun-golden: -m ccomplex --package golden.ccomplex
/* C complex numbers passed and returned by value. The x86-64 SysV and AArch64 ABIs pass and return float _Complex and
   double _Complex exactly as the struct of their real and imaginary parts; the binding gives FFM those struct layouts. */

double _Complex zmul(double _Complex a, double _Complex b) {
    return a * b;
}

float _Complex cscale(float _Complex z, float s) {
    return z * s;
}

/* Integer, double and complex arguments mixed: each takes the registers its type (or struct) would. */
double _Complex zmix(int n, double _Complex alpha, double x, long k, float _Complex c, double _Complex y) {
    return alpha * (x * n) + y + (double) k + (double _Complex) c;
}

double zabs2(double _Complex z) {
    return __real__ z * __real__ z + __imag__ z * __imag__ z;
}

float _Complex cconj(float _Complex z) {
    return ~z; /* GNU C: the conjugate */
}

/* Nine complex arguments: 18 doubles, more than the 8 vector registers, so the last ones go on the stack. */
double _Complex zsum9(double _Complex a, double _Complex b, double _Complex c, double _Complex d, double _Complex e,
                      double _Complex f, double _Complex g, double _Complex h, double _Complex i) {
    return a + b + c + d + e + f + g + h + 10.0 * i;
}

/* A complex result beside arrays of complex numbers (the dot product without conjugation, as BLAS's zdotu). */
/* gatun: x dimension(n); y dimension(n) */
double _Complex zdotu(int n, const double _Complex *x, const double _Complex *y) {
    double _Complex s = 0;
    for (int i = 0; i < n; i++) {
        s += x[i] * y[i];
    }
    return s;
}
