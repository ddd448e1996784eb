// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.cli.GatunCli;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An explicit-shape dummy {@code a(n, m)} whose {@code n} comes from another argument: Fortran reads the array with
 * leading dimension {@code n}. A Java array with a longer first dimension would pass a "large enough" check and give
 * silently wrong results (every column after the first shifted), so only the slowest-varying dimension (the last in
 * Fortran order) may be longer than declared; the others must match.
 */
class ExtentShiftCallTest {
    @TempDir
    static Path dir;

    private static BuiltBinding lib;

    @BeforeAll
    static void build() throws Exception {
        Files.writeString(dir.resolve("weights.f90"), """
                ! y(j) = sum_i w(i) * a(i, j): n comes from w, m from a's last dimension
                subroutine weighted_columns(w, a, n, m, y)
                  integer, intent(in) :: n, m
                  real(8), intent(in) :: w(n), a(n, m)
                  real(8), intent(out) :: y(m)
                  integer :: j
                  do j = 1, m
                    y(j) = sum(w * a(:, j))
                  end do
                end subroutine weighted_columns
                """);
        Path jar = dir.resolve("weights.jar");
        assertEquals(0, GatunCli.run("build", "-m", "weights", "--package", "shift.weights", "-o", jar.toString(),
                dir.resolve("weights.f90").toString()));
        lib = BuiltBinding.load(jar, "shift.weights.Weights");
    }

    @Test
    void aMatchingLeadingExtentIsCalled() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray w = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 10}, 2);
            DoubleArray a = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3, 4, 5, 6}, 2, 3); // columns (1,2) (3,4) (5,6)
            DoubleArray y = DoubleArray.allocate(arena, Order.FORTRAN, 3);
            lib.call("weightedColumns", w, a, y);
            assertArrayEquals(new double[] {21, 43, 65}, y.toArray());
            // The last dimension may be longer: the routine reads the first m columns it is told about.
        }
    }

    @Test
    void aLongerLeadingExtentIsRefusedInsteadOfShiftingTheColumns() {
        try (Arena arena = Arena.ofConfined()) {
            DoubleArray w = DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 10}, 2);
            DoubleArray a = DoubleArray.allocate(arena, Order.FORTRAN, 3, 3); // leading extent 3, but n = 2
            DoubleArray y = DoubleArray.allocate(arena, Order.FORTRAN, 3);
            var e = assertThrows(IllegalArgumentException.class, () -> lib.call("weightedColumns", w, a, y));
            assertTrue(e.getMessage().startsWith("parameter 'a': expected extent 2 (n) in dimension 0, got 3"), e.getMessage());
        }
    }
}
