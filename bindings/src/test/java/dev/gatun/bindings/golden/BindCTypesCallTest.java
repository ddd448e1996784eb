// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static dev.gatun.bindings.golden.BuiltBinding.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.Complex;
import dev.gatun.array.LongArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fortran {@code bind(C)} derived types ({@code golden/bindctypes}) built by {@code gatun build} and called: the Java
 * struct classes have exactly gfortran's layout (compared with {@code c_sizeof} and the component offsets Fortran
 * reports), every component is written on one side and read on the other, and structs travel by reference (updated
 * in place), by value, as arrays and as function results, both to {@code bind(C)} procedures and through shims.
 */
class BindCTypesCallTest {

    @TempDir
    static Path dir;

    /** One build for the class: each is a gfortran build and a javac run. */
    private static BuiltBinding g;

    @BeforeAll
    static void build() throws Exception {
        g = BuiltBinding.build("bindctypes", dir);
    }

    private static StructLayout layout(BuiltBinding lib, String name) throws ReflectiveOperationException {
        return (StructLayout) lib.nested(name).getField("LAYOUT").get(null);
    }

    private static Object vec3(BuiltBinding lib, Arena arena, double x, double y, double z) {
        Object v = invoke(lib.nested("Vec3"), "allocate", arena);
        invoke(invoke(invoke(v, "x", x), "y", y), "z", z);
        return v;
    }

    private static List<Object> xyz(Object v) {
        return List.of(invoke(v, "x"), invoke(v, "y"), invoke(v, "z"));
    }

    @Test
    void javaLayoutsAreGfortransLayouts() throws Exception {
        StructLayout body = layout(g, "Body");
        try (Arena arena = Arena.ofConfined()) {
            LongArray sizes = LongArray.allocate(arena, 11);
            g.call("bodyLayout", sizes);
            assertEquals(sizes.get(0), body.byteSize(), "c_sizeof(body)");
            String[] components = {"tag", "centre", "radius", "flags", "active", "id", "code", "m", "z", "data"};
            for (int i = 0; i < components.length; i++) {
                assertEquals(sizes.get(i + 1), body.byteOffset(MemoryLayout.PathElement.groupElement(components[i])),
                        "offset of component " + components[i]);
            }
        }
        assertEquals(24L, layout(g, "Vec3").byteSize());
    }

    @Test
    void everyComponentCrossesInBothDirections() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Object b = invoke(g.nested("Body"), "allocate", arena);
            g.call("bodyFill", b);
            assertEquals((byte) 7, invoke(b, "tag"));
            assertEquals(List.of(1.5, -2.5, 3.5), xyz(invoke(b, "centre")));
            assertEquals(0.25f, invoke(b, "radius"));
            assertEquals(List.of(10, 20, 30), List.of(invoke(b, "flags", 0L), invoke(b, "flags", 1L), invoke(b, "flags", 2L)));
            assertEquals(true, invoke(b, "active"));
            assertEquals(123456789012L, invoke(b, "id"));
            assertEquals((byte) 'F', invoke(b, "code", 0L));
            assertEquals((byte) 'n', invoke(b, "code", 4L));
            // m(2, 3) in Fortran is double m[3][2] in C: the Java indices are C's, m(i, j) is m(j - 1, i - 1).
            assertEquals(21.0, invoke(b, "m", 0L, 1L));
            assertEquals(13.0, invoke(b, "m", 2L, 0L));
            assertEquals(new Complex(1.0, -2.0), invoke(b, "z"));
            assertEquals(MemorySegment.NULL, invoke(b, "data"));

            Object w = invoke(g.nested("Body"), "allocate", arena);
            invoke(w, "tag", (byte) 3);
            invoke(invoke(w, "centre"), "z", 9.0);
            invoke(w, "radius", 0.5f);
            for (int i = 0; i < 3; i++) {
                invoke(w, "flags", (long) i, i + 1);
            }
            invoke(w, "active", true);
            invoke(w, "id", -5L);
            invoke(w, "code", 0L, (byte) 'J');
            invoke(w, "code", 4L, (byte) 'a');
            invoke(w, "m", 0L, 1L, 21.0);
            invoke(w, "m", 2L, 0L, 13.0);
            invoke(w, "z", new Complex(3.0, 4.0));
            assertEquals(0, g.call("bodyCheck", w), "Fortran reads what Java wrote (0: every component as expected)");
            invoke(w, "radius", 0.75f);
            assertEquals(3, g.call("bodyCheck", w), "and notices a wrong one");
        }
    }

    @Test
    void structsByReferenceByValueAndAsResults() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Object a = vec3(g, arena, 1, 2, 3);
            Object b = vec3(g, arena, 4, -5, 6);
            assertEquals(12.0, g.call("vec3Dot", a, b));
            assertEquals(15.0, g.call("vec3Norm1", b), "by value");
            assertEquals(4.0, invoke(b, "x"), "by value: the callee changed its copy only");
            assertEquals(List.of(2.0, -2.5, 3.0), xyz(g.call("vec3Scaled", b, 0.5)), "returned by value from a bind(C) function");
            assertEquals(List.of(2.5, -1.5, 4.5), xyz(g.call("midpoint", a, b)), "returned by value through a shim");

            Object body = invoke(g.nested("Body"), "allocate", arena);
            g.call("bodyMove", body, a);
            g.call("bodyMove", body, a);
            assertEquals(List.of(2.0, 4.0, 6.0), xyz(invoke(body, "centre")), "intent(inout): updated in place");
            assertThrows(NullPointerException.class, () -> g.call("bodyMove", null, a));
        }
    }

    @Test
    void arraysOfStructsAreSegmentsOfElements() throws Exception {
        StructLayout vec3 = layout(g, "Vec3");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ps = arena.allocate(vec3, 4);
            for (int i = 0; i < 4; i++) {
                Object p = invoke(g.nested("Vec3"), "of", ps.asSlice(i * vec3.byteSize(), vec3));
                invoke(invoke(invoke(p, "x", (double) i), "y", 2.0 * i), "z", 1.0);
            }
            Object c = invoke(g.nested("Vec3"), "allocate", arena);
            g.call("centroid", ps, c);
            assertEquals(List.of(1.5, 3.0, 1.0), xyz(c), "n inferred from the segment: 4 elements");

            g.call("shiftAll", ps, 10.0);
            assertEquals(13.0, invoke(invoke(g.nested("Vec3"), "of", ps.asSlice(3 * vec3.byteSize(), vec3)), "x"),
                    "assumed-shape ps(:) through the shim, updated in place");

            var partial = assertThrows(IllegalArgumentException.class, () -> g.call("centroid", ps.asSlice(0, 30), c));
            assertTrue(partial.getMessage().startsWith("parameter 'ps': expected native memory aligned to 8 bytes holding whole vec3"
                    + " elements of 24 bytes"), partial.getMessage());
            assertThrows(IllegalArgumentException.class, () -> g.call("shiftAll", MemorySegment.ofArray(new double[6]), 1.0),
                    "heap memory is refused before the call");
        }
    }
}
