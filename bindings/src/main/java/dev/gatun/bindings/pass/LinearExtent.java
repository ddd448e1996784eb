// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.model.Expr;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The extent {@code upper - lower + 1} of a dimension as a polynomial in one scalar {@code n}, when it is
 * linear ({@code 2*n}, {@code 2:n}, {@code n/2}, {@code 5 - n/2}, {@code 3*n:20}, and
 * {@code n*(n+1):n*(n+5)}, whose squares cancel): then {@code n} follows from an array's extent, as f2py
 * solves it. Division by a constant is taken as exact, as f2py takes it.
 */
final class LinearExtent {

    /** A polynomial of degree at most 2 with rational coefficients {@code c[k] = num[k] / den[k]}. */
    private record Poly(BigInteger[] num, BigInteger[] den) {
        static Poly constant(long v) {
            return new Poly(new BigInteger[] {BigInteger.valueOf(v), BigInteger.ZERO, BigInteger.ZERO},
                    new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ONE});
        }

        static Poly variable() {
            return new Poly(new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.ZERO},
                    new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ONE});
        }

        Optional<Poly> plus(Poly o, int sign) {
            var n = new BigInteger[3];
            var d = new BigInteger[3];
            for (int k = 0; k < 3; k++) {
                BigInteger[] r = add(num[k], den[k], o.num[k].multiply(BigInteger.valueOf(sign)), o.den[k]);
                n[k] = r[0];
                d[k] = r[1];
            }
            return Optional.of(new Poly(n, d));
        }

        Optional<Poly> times(Poly o) {
            var n = new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
            var d = new BigInteger[] {BigInteger.ONE, BigInteger.ONE, BigInteger.ONE};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (num[i].signum() == 0 || o.num[j].signum() == 0) {
                        continue;
                    }
                    if (i + j > 2) {
                        return Optional.empty();
                    }
                    BigInteger[] r = add(n[i + j], d[i + j], num[i].multiply(o.num[j]), den[i].multiply(o.den[j]));
                    n[i + j] = r[0];
                    d[i + j] = r[1];
                }
            }
            return Optional.of(new Poly(n, d));
        }

        /** Divides by a constant polynomial. */
        Optional<Poly> over(Poly o) {
            if (o.num[1].signum() != 0 || o.num[2].signum() != 0 || o.num[0].signum() == 0) {
                return Optional.empty();
            }
            var n = new BigInteger[3];
            var d = new BigInteger[3];
            for (int k = 0; k < 3; k++) {
                BigInteger[] r = reduce(num[k].multiply(o.den[0]), den[k].multiply(o.num[0]));
                n[k] = r[0];
                d[k] = r[1];
            }
            return Optional.of(new Poly(n, d));
        }

        private static BigInteger[] add(BigInteger an, BigInteger ad, BigInteger bn, BigInteger bd) {
            return reduce(an.multiply(bd).add(bn.multiply(ad)), ad.multiply(bd));
        }

        private static BigInteger[] reduce(BigInteger n, BigInteger d) {
            if (d.signum() < 0) {
                n = n.negate();
                d = d.negate();
            }
            BigInteger g = n.gcd(d);
            return g.signum() == 0 || g.equals(BigInteger.ONE) ? new BigInteger[] {n, d} : new BigInteger[] {n.divide(g), d.divide(g)};
        }
    }

    /**
     * The inverse of a linear extent: {@code n = (extent * multiplier + offset) / divisor}.
     *
     * @param multiplier the extent's factor
     * @param offset     added after scaling
     * @param divisor    divides the sum, at least 1
     */
    record Inverse(long multiplier, long offset, long divisor) {
    }

    private LinearExtent() {
    }

    /**
     * Solves {@code extent = upper - lower + 1} for {@code name}, when the extent is linear in it with a
     * non-zero coefficient and names nothing else.
     *
     * @param lower the lower bound
     * @param upper the upper bound
     * @param name  the scalar
     * @return the inverse, or empty
     */
    static Optional<Inverse> solve(Expr lower, Expr upper, String name) {
        Optional<Poly> extent = poly(upper, name).flatMap(u -> poly(lower, name).flatMap(l -> u.plus(l, -1)))
                .flatMap(e -> e.plus(Poly.constant(1), 1));
        if (extent.isEmpty()) {
            return Optional.empty();
        }
        Poly e = extent.get();
        if (e.num()[2].signum() != 0 || e.num()[1].signum() == 0) {
            return Optional.empty();
        }
        // extent = (a/b) n + (c/d)  =>  n = (extent * b*d - c*b) / (a*d)
        BigInteger a = e.num()[1];
        BigInteger b = e.den()[1];
        BigInteger c = e.num()[0];
        BigInteger d = e.den()[0];
        BigInteger multiplier = b.multiply(d);
        BigInteger offset = c.multiply(b).negate();
        BigInteger divisor = a.multiply(d);
        if (divisor.signum() < 0) {
            multiplier = multiplier.negate();
            offset = offset.negate();
            divisor = divisor.negate();
        }
        BigInteger g = multiplier.gcd(offset).gcd(divisor);
        if (g.signum() > 0 && !g.equals(BigInteger.ONE)) {
            multiplier = multiplier.divide(g);
            offset = offset.divide(g);
            divisor = divisor.divide(g);
        }
        if (multiplier.bitLength() > 31 || offset.bitLength() > 62 || divisor.bitLength() > 31) {
            return Optional.empty();
        }
        return Optional.of(new Inverse(multiplier.longValue(), offset.longValue(), divisor.longValue()));
    }

    private static Optional<Poly> poly(Expr e, String name) {
        return switch (e) {
            case Expr.IntConst c -> Optional.of(Poly.constant(c.value()));
            case Expr.Ref r -> r.name().equalsIgnoreCase(name) ? Optional.of(Poly.variable()) : Optional.empty();
            case Expr.Unary u when u.op() == Expr.UnaryOp.NEG -> poly(u.operand(), name).flatMap(p -> Poly.constant(0).plus(p, -1));
            case Expr.Binary b -> {
                Optional<Poly> l = poly(b.left(), name);
                Optional<Poly> r = poly(b.right(), name);
                if (l.isEmpty() || r.isEmpty()) {
                    yield Optional.empty();
                }
                yield switch (b.op()) {
                    case ADD -> l.get().plus(r.get(), 1);
                    case SUB -> l.get().plus(r.get(), -1);
                    case MUL -> l.get().times(r.get());
                    case DIV -> l.get().over(r.get());
                    default -> Optional.empty();
                };
            }
            default -> Optional.empty();
        };
    }
}
