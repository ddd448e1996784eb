// SPDX-License-Identifier: Apache-2.0
package com.example;

import com.example.stencils.Stencils;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;

/** Calls the README project's Fortran (OpenMP) and C kernels through the generated bindings. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray u = DoubleArray.of(arena, Order.C, new double[] {0, 3, 6, 3, 0}, 5);
            DoubleArray v = DoubleArray.allocate(arena, 5);
            Stencils.smooth(u, v);
            System.out.println("smoothed total " + Stencils.total(v) + ", OpenMP threads " + (Stencils.threads() > 0));
        }
    }
}
