// SPDX-License-Identifier: Apache-2.0
package dev.gatun.array;

/**
 * A double-precision complex number, the element value of a {@link ComplexDoubleArray}.
 *
 * <p>It matches C's {@code double _Complex}, C++'s {@code std::complex<double>} and Fortran's
 * {@code complex(kind=8)}: two doubles, real part first. Loops that must not allocate read the
 * parts with {@link ComplexDoubleArray#getRe(long)} and {@link ComplexDoubleArray#getIm(long)}.
 *
 * @param re the real part
 * @param im the imaginary part
 */
public record Complex(double re, double im) {

    /** Zero, {@code 0 + 0i}. */
    public static final Complex ZERO = new Complex(0, 0);

    /** The imaginary unit, {@code 0 + 1i}. */
    public static final Complex I = new Complex(0, 1);

    /**
     * Returns a complex number with the given real part and a zero imaginary part.
     *
     * @param re the real part
     * @return {@code re + 0i}
     */
    public static Complex ofReal(double re) {
        return new Complex(re, 0);
    }

    /**
     * {@return the sum {@code this + other}}
     *
     * @param other the other addend
     */
    public Complex plus(Complex other) {
        return new Complex(re + other.re, im + other.im);
    }

    /**
     * {@return the difference {@code this - other}}
     *
     * @param other the subtrahend
     */
    public Complex minus(Complex other) {
        return new Complex(re - other.re, im - other.im);
    }

    /**
     * {@return the product {@code this * other}}
     *
     * @param other the other factor
     */
    public Complex times(Complex other) {
        return new Complex(re * other.re - im * other.im, re * other.im + im * other.re);
    }

    /** {@return the complex conjugate {@code re - im i}} */
    public Complex conjugate() {
        return new Complex(re, -im);
    }

    /** {@return the modulus {@code |this|}, computed without intermediate overflow} */
    public double abs() {
        return Math.hypot(re, im);
    }

    /** {@return the text form NumPy prints, for example {@code (1.0+2.0j)}} */
    @Override
    public String toString() {
        return "(" + re + (im < 0 || (im == 0 && 1 / im < 0) ? "" : "+") + im + "j)";
    }
}
