#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Derives the polynomial coefficients of sinpi_of_product in ../src/main/cuda/kernels.cu (needs mpmath).

With r reduced to |r| <= 1/4 and u = r^2 in [0, 1/16]:
  sin(pi r) = r g(u),  g(u) = sin(pi sqrt u) / sqrt u, fitted by pi + u P(u) (degree 6 in u)
  cos(pi r) = c(u),    c(u) = cos(pi sqrt u),          fitted by 1 + u Q(u)  (degree 7 in u)
Chebyshev fits (mpmath.chebyfit, near-minimax); their constant terms come out equal to the doubles
nearest pi and 1, and the kernel adds those terms last (pi r + (r u) P(u) and 1 + u Q(u), one fma each).
Prints the C arrays in Horner order (highest degree first), as kernels.cu holds them.
"""
import mpmath as mp

mp.mp.dps = 60


def sin_over_root(u):
    if u == 0:
        return mp.pi
    s = mp.sqrt(u)
    return mp.sin(mp.pi * s) / s


def cos_of_root(u):
    return mp.cos(mp.pi * mp.sqrt(u))


def fit(f, degree):
    coefficients, error = mp.chebyfit(f, [0, mp.mpf(1) / 16], degree + 1, error=True)
    return [float(c) for c in coefficients], error  # highest degree first


sin_c, sin_err = fit(sin_over_root, 6)
cos_c, cos_err = fit(cos_of_root, 7)
assert sin_c[-1] == float(mp.pi) and cos_c[-1] == 1.0
print(f"/* sin fit error {mp.nstr(sin_err / 3, 3)} relative, cos {mp.nstr(cos_err, 3)} */")
# sin: P's six coefficients, then pi (the fma with r adds pi r last); cos: Q's seven (1 is added last).
print("__constant__ double SINPI_SIN[7] = {" + ", ".join(c.hex() for c in sin_c[:-1]) + f", {sin_c[-1].hex()} /* pi */}};")
print("__constant__ double SINPI_COS[7] = {" + ", ".join(c.hex() for c in cos_c[:-1]) + "};")
