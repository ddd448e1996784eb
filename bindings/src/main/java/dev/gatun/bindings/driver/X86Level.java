// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import java.util.Optional;

/**
 * The x86-64 micro-architecture levels a multiarch build compiles each Fortran source for, best
 * first. The baseline is what every x86-64 CPU runs; v3 adds AVX2, FMA and BMI2 (Haswell, Zen);
 * v4 adds AVX-512 F/BW/CD/DQ/VL (Skylake-X, Zen 4).
 */
enum X86Level {
    /** {@code -march=x86-64-v4}. */
    V4("x86-64-v4", 4),
    /** {@code -march=x86-64-v3}. */
    V3("x86-64-v3", 3),
    /** The compiler's default target (x86-64, level 1). */
    BASELINE(null, 1);

    private final String march;
    private final int number;

    X86Level(String march, int number) {
        this.march = march;
        this.number = number;
    }

    /** The {@code -march=} target, empty for the baseline (no flag at all). */
    Optional<String> march() {
        return Optional.ofNullable(march);
    }

    /** 4, 3 or 1: the value of {@code GATUN_X86_64_LEVEL} in this level's compile. */
    int number() {
        return number;
    }

    /** {@code v4}, {@code v3} or {@code v1}. */
    String tag() {
        return "v" + number;
    }

    /** What the level's defined functions are renamed to end with, e.g. {@code .gatun_v4}; no C or Fortran name has a dot. */
    String suffix() {
        return ".gatun_" + tag();
    }
}
