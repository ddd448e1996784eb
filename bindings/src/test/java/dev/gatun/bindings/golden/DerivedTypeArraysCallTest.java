// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static dev.gatun.bindings.golden.BuiltBinding.invoke;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.StructArray;
import dev.gatun.bindings.cli.GatunCli;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays of derived types of rank 2 and more ({@code golden/typearrays}) built by {@code gatun build} and called: a
 * {@code StructArray} of {@code bind(C)} structs and one {@code Cell.Array} of handle objects, each in Fortran order,
 * passed to explicit-shape, assumed-shape and assumed-size dummies with their extents; what Fortran writes into the
 * elements is read from Java and the reverse.
 */
class DerivedTypeArraysCallTest {

    @TempDir
    static Path dir;

    /** One build for the class: each is a gfortran build and a javac run. */
    private static BuiltBinding g;

    @BeforeAll
    static void build() throws Exception {
        g = BuiltBinding.build("typearrays", dir);
    }

    private static Class<?> array(BuiltBinding lib, String type) {
        return Arrays.stream(lib.nested(type).getClasses()).filter(c -> c.getSimpleName().equals("Array")).findFirst().orElseThrow();
    }

    private static Object at(Object array, long... indices) {
        return invoke(array, "get", (Object) indices);
    }

    @Test
    void aRank2ArrayOfStructsCarriesItsShape() throws Exception {
        Class<?> pt = g.nested("Pt");
        MemoryLayout layout = (MemoryLayout) pt.getField("LAYOUT").get(null);
        try (Arena arena = Arena.ofConfined()) {
            StructArray grid = StructArray.allocate(arena, layout, 3, 2);
            g.call("place", grid);
            Object e = invoke(pt, "of", grid.element(2, 1));
            assertEquals(3.0, invoke(e, "x"), "g(3, 2)%x = 3, written by a bind(C) procedure with n, m from the shape");
            assertEquals(2.0, invoke(e, "y"));
            assertEquals(32, invoke(e, "tag"));
            assertEquals(12, invoke(invoke(pt, "of", grid.element(3)), "tag"), "the flat index follows Fortran's element order: g(1, 2)");

            double expected = 0;
            for (int j = 1; j <= 2; j++) {
                for (int i = 1; i <= 3; i++) {
                    expected += (i + j) * (i + 100.0 * j);
                }
            }
            assertEquals(expected, g.call("moment", grid), "g(:, :) through the shim with both extents");
            invoke(invoke(pt, "of", grid.element(0, 0)), "x", 10.0);
            assertEquals(expected + 9 * 101, g.call("moment", grid), "Fortran reads what Java wrote into g(1, 1)");

            var rank = assertThrows(IllegalArgumentException.class, () -> g.call("moment", StructArray.allocate(arena, layout, 6)));
            assertEquals("parameter 'g': expected a rank-2 array of pt elements, got rank 1", rank.getMessage());
            MemoryLayout other = MemoryLayout.structLayout(ValueLayout.JAVA_DOUBLE.withName("v")).withName("other");
            var element = assertThrows(IllegalArgumentException.class, () -> g.call("moment", StructArray.allocate(arena, other, 3, 2)));
            assertEquals("parameter 'g': expected pt elements of 24 bytes aligned to 8, got other elements of 8 bytes aligned to 8",
                    element.getMessage());
            assertThrows(IllegalArgumentException.class, () -> StructArray.wrap(MemorySegment.ofArray(new double[9]), layout, 3, 1),
                    "heap memory is refused");
            assertThrows(IllegalArgumentException.class, () -> StructArray.wrap(arena.allocate(layout, 5), layout, 3, 2),
                    "too small for the shape");
            StructArray view = StructArray.wrap(grid.segment(), layout, 2, 3);
            assertEquals(31, invoke(invoke(pt, "of", view.element(0, 1)), "tag"), "another shape over the same memory: flat 2 is g(3, 1)");
        }
    }

    @Test
    void aRank2ArrayOfObjectsIsOneFortranArrayInFortranOrder() {
        try (Arena arena = Arena.ofConfined()) {
            Object grid = invoke(array(g, "Cell"), "allocate", arena, new long[] {3, 2});
            assertEquals(2, invoke(grid, "rank"));
            assertArrayEquals(new long[] {3, 2}, (long[]) invoke(grid, "shape"));
            assertEquals(6L, invoke(grid, "length"));
            assertEquals(0, invoke(at(grid, 2, 1), "getId"), "each element default-initialised");
            g.call("numberGrid", grid);
            for (long i = 0; i < 3; i++) {
                for (long j = 0; j < 2; j++) {
                    assertEquals(10 * (int) (i + 1) + (int) (j + 1), invoke(at(grid, i, j), "getId"), "g(i, j)%id = 10 * i + j");
                }
            }
            assertEquals(21, invoke(invoke(grid, "get", 1L), "getId"), "the flat index follows Fortran's element order: g(2, 1)");
            assertEquals(12, invoke(invoke(grid, "get", 3L), "getId"), "g(1, 2)");

            // Java writes an element; Fortran reads it through g(:, :) with both extents.
            assertEquals(912.0, g.call("weighted", grid), "sum of (i + 100 j) with every w = 1");
            invoke(at(grid, 1, 1), "setW", 3.0);
            assertEquals(912.0 + 2 * 202, g.call("weighted", grid), "w(2, 2) = 3 adds 2 * (2 + 200)");

            var rank = assertThrows(IllegalArgumentException.class, () -> g.call("numberGrid", invoke(array(g, "Cell"), "allocate", arena, 6L)));
            assertEquals("g: expected a rank-2 array of type(cell), got rank 1", rank.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> at(grid, 3, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> at(grid, 0, 2));
            var count = assertThrows(IllegalArgumentException.class, () -> at(grid, 1));
            assertEquals("indices: expected 2 (the rank), got 1", count.getMessage());
            var extent = assertThrows(IllegalArgumentException.class, () -> invoke(array(g, "Cell"), "allocate", arena, new long[] {2, 0}));
            assertEquals("shape: expected extent >= 1 in dimension 1, got 0", extent.getMessage());
        }
    }

    @Test
    void aRank3ArrayOfConstantShapeIsChecked() {
        try (Arena arena = Arena.ofConfined()) {
            Object cube = invoke(array(g, "Cell"), "allocate", arena, new long[] {2, 2, 2});
            int expected = 0;
            for (long k = 0; k < 2; k++) {
                for (long j = 0; j < 2; j++) {
                    for (long i = 0; i < 2; i++) {
                        int id = (int) (100 * i + 10 * j + k);
                        invoke(at(cube, i, j, k), "setId", id);
                        expected += id;
                    }
                }
            }
            assertEquals(expected, g.call("idSum", cube), "Fortran sums what Java wrote into each element");
            Object flat = invoke(array(g, "Cell"), "allocate", arena, new long[] {2, 1, 2});
            var bad = assertThrows(IllegalArgumentException.class, () -> g.call("idSum", flat));
            assertEquals("parameter 'a': expected extent 2 (2) in dimension 1, got 1; only the slowest-varying dimension may be"
                    + " longer: the routine would see the elements shifted", bad.getMessage());
        }
    }

    @Test
    void arraysOfDerivedTypesInsideAnObjectAreViewsOfIt() throws Exception {
        Class<?> pt = g.nested("Pt");
        Object box;
        Object corner;
        try (Arena arena = Arena.ofConfined()) {
            box = invoke(g.nested("Box"), "allocate", arena);
            corner = invoke(box, "getCorner");
            assertArrayEquals(new long[] {2, 2}, (long[]) invoke(corner, "shape"));
            assertEquals(0, invoke(at(corner, 1, 0), "getId"), "Fortran default-initialised the elements");
            assertEquals(null, invoke(box, "getItems"), "an unallocated allocatable component");
            assertEquals(null, invoke(box, "getPath"));
            assertEquals(null, invoke(box, "getFocus"), "a disassociated pointer component");

            g.call("fillBox", box, 3);
            assertEquals(21, invoke(at(corner, 1, 0), "getId"), "b%corner(2, 1)%id, seen through the view taken before the call");
            Object items = invoke(box, "getItems");
            assertEquals(3L, invoke(items, "length"));
            assertEquals(103, invoke(invoke(items, "get", 2L), "getId"), "allocated by Fortran");
            StructArray marks = (StructArray) invoke(box, "getMarks");
            assertArrayEquals(new long[] {3}, marks.shape());
            assertEquals(2.0, invoke(invoke(pt, "of", marks.element(1)), "x"));
            assertEquals(-2, invoke(invoke(pt, "of", marks.element(1)), "tag"));

            // Java writes into each array; Fortran sums what it finds.
            invoke(at(corner, 0, 1), "setW", 5.0);
            invoke(invoke(items, "get", 0L), "setId", 1);
            invoke(invoke(pt, "of", marks.element(0)), "y", 7.0);
            invoke(box, "allocatePath", 2L, 2L);
            StructArray path = (StructArray) invoke(box, "getPath");
            assertArrayEquals(new long[] {2, 2}, path.shape());
            for (long i = 0; i < 4; i++) {
                invoke(invoke(pt, "of", path.element(i)), "x", 0.25 * (i + 1)); // a bind(C) type has no default initialisation
            }
            double corners = 11 + 21 + 12 + 22 + (1 + 1 + 1 + 5);
            double itemSum = 1 + 102 + 103 + 3;
            double markSum = 1 + 2 + 3 + 7;
            assertEquals(corners + itemSum + markSum + 1000 * 2.5, g.call("boxTotal", box));

            invoke(box, "deallocatePath");
            assertEquals(null, invoke(box, "getPath"));
            g.call("focusItems", box);
            Object focus = invoke(box, "getFocus");
            assertEquals(1, invoke(invoke(focus, "get", 0L), "getId"), "the pointer's target: the box's own items");
            invoke(box, "allocateFocus", 2L);
            assertEquals(2L, invoke(invoke(box, "getFocus"), "length"), "a new target, allocated by Fortran");
            assertEquals(0, invoke(invoke(invoke(box, "getFocus"), "get", 1L), "getId"));
            var negative = assertThrows(IllegalArgumentException.class, () -> invoke(box, "allocateItems", -1L));
            assertEquals("items: expected extent >= 0 in dimension 0, got -1", negative.getMessage());

            // A borrowed object's arrays are borrowed too: no arena, Fortran owns the memory.
            Object borrowed = invoke(g.nested("Box"), "borrow", invoke(box, "segment"));
            assertEquals(22, invoke(at(invoke(borrowed, "getCorner"), 1, 1), "getId"));
        }
        // The arena deallocated the box: views of its arrays refuse to touch freed memory.
        assertThrows(IllegalStateException.class, () -> at(corner, 0, 0));
    }

    @Test
    void anAssumedSizeArrayOfObjectsGetsItsLeadingExtentFromJava() throws Exception {
        // Outside the golden case: an assumed-size dummy is bound with a warning (its last extent is not checked).
        Path source = Files.writeString(dir.resolve("rows.f90"), """
                module rows
                  implicit none
                  type :: item
                    real(8) :: w = 1
                  end type
                contains
                  subroutine scale_rows(n, g, k)
                    integer, intent(in) :: n, k
                    type(item), intent(inout) :: g(n, *)
                    integer :: i, j
                    do j = 1, k
                      do i = 1, n
                        g(i, j)%w = g(i, j)%w * i + j
                      end do
                    end do
                  end subroutine
                end module
                """);
        Path jar = dir.resolve("rows.jar");
        assertEquals(0, GatunCli.run("build", "-m", "rows", "--package", "golden.rows", "-o", jar.toString(), source.toString()));
        BuiltBinding rows = BuiltBinding.load(jar, "golden.rows.Rows");
        try (Arena arena = Arena.ofConfined()) {
            Object a = invoke(array(rows, "Item"), "allocate", arena, new long[] {2, 3});
            rows.call("scaleRows", a, 2);
            assertEquals(2.0, invoke(at(a, 0, 0), "getW"), "1 * 1 + 1");
            assertEquals(4.0, invoke(at(a, 1, 1), "getW"), "1 * 2 + 2");
            assertEquals(1.0, invoke(at(a, 1, 2), "getW"), "the third column is left alone (k = 2)");
        }
    }
}
