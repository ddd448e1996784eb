// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static dev.gatun.bindings.golden.BuiltBinding.invoke;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.Complex;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.FloatArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fortran derived types that are not {@code bind(C)} ({@code golden/handles}) built by {@code gatun build} and called:
 * handles to objects Fortran allocates and an arena owns, components read and written in place through shims (the
 * default initialisation Fortran gives them included), arrays as zero-copy views, allocatable and pointer array
 * components, a bind(C) struct and another handle type inside an object, handles passed to procedures, and
 * type-bound procedures as instance methods.
 */
class DerivedTypeHandlesCallTest {

    @TempDir
    static Path dir;

    /** One build for the class: each is a gfortran build and a javac run. */
    private static BuiltBinding g;

    @BeforeAll
    static void build() throws Exception {
        g = BuiltBinding.build("handles", dir);
    }

    private static Object particle(BuiltBinding lib, Arena arena) {
        return invoke(lib.nested("Particle"), "allocate", arena);
    }

    @Test
    void componentsAreReadAndWrittenInTheFortranObject() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Object p = particle(g, arena);
            // Fortran's default initialisation ran: allocate(p) in the shim.
            assertEquals(-1, invoke(p, "getId"));
            assertEquals(true, invoke(p, "getAlive"));
            assertEquals("none", invoke(p, "getLabel"));
            assertEquals(new Complex(0, 1), invoke(p, "getPhase"));
            assertNull(invoke(p, "getHist"), "an unallocated allocatable component");
            assertNull(invoke(p, "getTrail"), "a disassociated pointer component");

            DoubleArray x = (DoubleArray) invoke(p, "getX");
            assertArrayEquals(new long[] {3}, x.shape());
            x.set(0, 3.0);
            x.set(1, 4.0);
            assertEquals(5.0, g.call("particleNorm", p), "Fortran reads what Java wrote through the view");
            invoke(p, "setId", 41);
            invoke(p, "setAlive", false);
            invoke(p, "setLabel", "a-very-long-label");
            invoke(p, "setPhase", new Complex(2, -3));
            assertEquals(41, invoke(p, "getId"));
            assertEquals(false, invoke(p, "getAlive"));
            assertEquals("a-very-l", invoke(p, "getLabel"), "cut to len=8");
            assertEquals(new Complex(2, -3), invoke(p, "getPhase"));

            FloatArray grid = (FloatArray) invoke(p, "getGrid");
            assertArrayEquals(new long[] {2, 2}, grid.shape());
            grid.set(1, 0, 1.5f);
            grid.set(0, 1, 2.0f);
            assertEquals(3.5f, g.call("gridSum", p));

            Object v = invoke(p, "getV");
            invoke(invoke(v, "x", 1.0), "y", -1.0);
            invoke(p, "push", 0.5);
            assertEquals(3.5, x.get(0), "x(1) + dt * v%x, seen through the same view");
            assertEquals(3.5, x.get(1));
            assertEquals(42, invoke(p, "getId"));
            assertEquals("pushed", invoke(p, "getLabel"));
        }
    }

    @Test
    void allocatableAndPointerComponents() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Object p = particle(g, arena);
            assertEquals(-1.0, g.call("histTotal", p));
            invoke(p, "allocateHist", 3L);
            DoubleArray hist = (DoubleArray) invoke(p, "getHist");
            hist.set(0, 1.0);
            hist.set(1, 2.0);
            hist.set(2, 4.0);
            assertEquals(7.0, g.call("histTotal", p));
            invoke(p, "push", 1.0);
            assertArrayEquals(new long[] {4}, ((DoubleArray) invoke(p, "getHist")).shape(), "Fortran reallocated it (move_alloc)");
            invoke(p, "deallocateHist");
            assertNull(invoke(p, "getHist"));
            var negative = assertThrows(IllegalArgumentException.class, () -> invoke(p, "allocateHist", -2L));
            assertEquals("hist: expected extent >= 0 in dimension 0, got -2", negative.getMessage());

            g.call("attachTrail", p, false);
            DoubleArray trail = (DoubleArray) invoke(p, "getTrail");
            assertArrayEquals(new long[] {2, 3}, trail.shape());
            assertEquals(6.0, trail.get(1, 2), "a view of the module array the pointer points to");
            trail.set(0, 0, 10.0);
            assertEquals(10.0, ((DoubleArray) BuiltBinding.invoke(g.nested("ParticlesModule"), "getSharedTrail")).get(0, 0));
            g.call("attachTrail", p, true);
            var strided = assertThrows(IllegalStateException.class, () -> invoke(p, "getTrail"));
            assertEquals("trail points to memory that is not contiguous; no view of it", strided.getMessage());
            invoke(p, "allocateTrail", 2L, 2L);
            assertArrayEquals(new long[] {2, 2}, ((DoubleArray) invoke(p, "getTrail")).shape(), "a new target, allocated by Fortran");
        }
    }

    @Test
    void handlesInsideHandlesAndTypeBoundProcedures() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Object c = invoke(g.nested("Cloud"), "allocate", arena);
            g.call("grow", c, 3);
            assertEquals(3, invoke(c, "getN"));
            assertArrayEquals(new double[] {1, 2, 3}, ((DoubleArray) invoke(c, "getW")).toArray());
            Object lead = invoke(c, "getLead");
            assertEquals(3, invoke(lead, "getId"), "the particle inside the cloud, reached without a copy");
            invoke(lead, "setId", 9);
            invoke(lead, "setAlive", false);
            Object other = particle(g, arena);
            assertEquals(1, invoke(g.nested("Particle"), "countAlive", lead, other), "a nopass binding: a static method");
            assertEquals(8, g.call("ids", lead, other), "9 + (-1)");
            assertEquals(9, g.call("ids", lead, null), "null is an absent optional argument");

            ((DoubleArray) invoke(other, "getX")).set(2, 2.0);
            assertEquals(2.0, invoke(other, "norm"), "procedure :: norm => particle_norm, with this object as p");
            assertThrows(NullPointerException.class, () -> g.call("particleNorm", (Object) null));
        }
    }

    @Test
    void arraysOfObjectsAreOneFortranArray() {
        Class<?> array = java.util.Arrays.stream(g.nested("Particle").getClasses()).filter(c -> c.getSimpleName().equals("Array"))
                .findFirst().orElseThrow();
        try (Arena arena = Arena.ofConfined()) {
            Object ps = invoke(array, "allocate", arena, 3L);
            assertEquals(3L, invoke(ps, "length"));
            assertEquals(-1, invoke(invoke(ps, "get", 2L), "getId"), "each element default-initialised");
            g.call("numberAll", ps);
            for (long i = 0; i < 3; i++) {
                assertEquals(101 + (int) i, invoke(invoke(ps, "get", i), "getId"), "n inferred from the array: 3");
            }
            ((DoubleArray) invoke(invoke(ps, "get", 0L), "getX")).set(0, 1.5);
            ((DoubleArray) invoke(invoke(ps, "get", 2L), "getX")).set(2, 2.0);
            assertEquals(3.5, g.call("totalX", ps), "ps(:) through the shim sees what Java wrote into the elements");
            assertThrows(IndexOutOfBoundsException.class, () -> invoke(ps, "get", 3L));
            var empty = assertThrows(IllegalArgumentException.class, () -> invoke(array, "allocate", arena, 0L));
            assertEquals("length: expected >= 1, got 0", empty.getMessage());
        }
    }

    @Test
    void functionResultsAreObjectsJavaOwns() {
        Object s = g.call("spawn", 7);
        assertEquals(7, invoke(s, "getId"));
        assertEquals("spawned", invoke(s, "getLabel"));
        assertArrayEquals(new double[] {1, 2}, ((DoubleArray) invoke(s, "getHist")).toArray(), "its allocatable component came along");
        assertEquals(0.0, invoke(s, "norm"));
    }

    @Test
    void theArenaOwnsTheObject() throws Exception {
        Object p;
        DoubleArray x;
        try (Arena arena = Arena.ofConfined()) {
            p = particle(g, arena);
            x = (DoubleArray) invoke(p, "getX");
            assertNotEquals(MemorySegment.NULL, invoke(p, "segment"));
            assertTrue(p.toString().startsWith("Particle[type(particle) at 0x"), p.toString());
        }
        // Closing the arena deallocated the object: the handle and its views refuse to touch freed memory.
        assertThrows(IllegalStateException.class, () -> invoke(p, "getId"));
        assertThrows(IllegalStateException.class, () -> x.get(0));
        assertThrows(IllegalStateException.class, () -> g.call("particleNorm", p));
        var nul = assertThrows(IllegalArgumentException.class, () -> invoke(g.nested("Particle"), "borrow", MemorySegment.NULL));
        assertEquals("address: expected a type(particle) object, got NULL", nul.getMessage());
    }
}
