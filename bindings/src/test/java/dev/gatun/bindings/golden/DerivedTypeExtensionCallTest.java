// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static dev.gatun.bindings.golden.BuiltBinding.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.IntArray;
import dev.gatun.array.Order;
import java.lang.foreign.Arena;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fortran type extension ({@code golden/shapes}) built by {@code gatun build} and called: an abstract type with a
 * deferred binding, extensions in two modules and an extension of an extension, whose handle classes extend each other
 * as the Fortran types do; inherited components and bindings; overrides picked by Fortran's dispatch (the shims call
 * {@code obj%area()}); {@code class(t)} dummies that take any extension and see its dynamic type
 * ({@code select type}); a {@code type(t)} dummy that takes no extension; generic bindings as Java overloads; bindings
 * to private procedures; final procedures run when the arena closes.
 */
class DerivedTypeExtensionCallTest {

    @TempDir
    static Path dir;

    private static BuiltBinding g;

    @BeforeAll
    static void build() throws Exception {
        g = BuiltBinding.build("shapes", dir);
    }

    private static Object allocate(String type, Arena arena) {
        return invoke(g.nested(type), "allocate", arena);
    }

    @Test
    void handleClassesExtendEachOtherAsTheFortranTypes() {
        Class<?> shape = g.nested("Shape");
        assertTrue(Modifier.isAbstract(shape.getModifiers()), "an abstract type's class is abstract");
        assertFalse(Arrays.stream(shape.getMethods()).anyMatch(m -> m.getName().equals("allocate")), "no object is of exactly an abstract type");
        assertEquals(shape, g.nested("Circle").getSuperclass());
        assertEquals(shape, g.nested("Square").getSuperclass(), "an extension defined in another module");
        assertEquals(g.nested("Circle"), g.nested("Ring").getSuperclass());
    }

    @Test
    void inheritedComponentsAndOverridesDispatchedByFortran() {
        try (Arena arena = Arena.ofConfined()) {
            Object c = allocate("Circle", arena);
            Object s = allocate("Square", arena);
            Object r = allocate("Ring", arena);
            // Components inherited from shape, with Fortran's default initialisation, through each extension's own shims.
            assertEquals("shape", invoke(r, "getLabel"));
            assertEquals(1.0, invoke(r, "getR"), "inherited from circle");
            invoke(c, "setR", 2.0);
            invoke(s, "setSide", 3.0);
            invoke(r, "setR", 2.0);
            invoke(r, "setInner", 1.0);
            // The deferred binding, called through the abstract class's method: each override runs.
            assertEquals(12.0, invoke(c, "area"));
            assertEquals(9.0, invoke(s, "area"));
            assertEquals(9.0, invoke(r, "area"), "ring overrides circle's override");
            // shape_describe calls s%area() inside Fortran: the object arrived with its dynamic type.
            invoke(c, "setX", 0.5);
            assertEquals(12000.5, invoke(c, "describe"));
            assertEquals(9000.0, invoke(r, "describe"));
            // move is overridden by square only.
            invoke(c, "move", 1.0, 2.0);
            invoke(s, "move", 1.0, 2.0);
            assertEquals(1.5, invoke(c, "getX"));
            assertEquals("moved", invoke(c, "getLabel"));
            assertEquals(2.0, invoke(s, "getX"), "square_move moves twice as far");
            assertEquals(4.0, invoke(s, "getY"));
            assertEquals("square", invoke(s, "getLabel"));
            assertEquals(1, invoke(s, "getMoves"));
            // Bindings an extension adds, one named like a Java keyword.
            assertEquals(Math.sqrt(2) * 3, (double) invoke(s, "diagonal"), 1e-12);
            assertEquals(101, invoke(s, "native_"));
        }
    }

    @Test
    void polymorphicDummiesSeeTheDynamicType() {
        try (Arena arena = Arena.ofConfined()) {
            Object c = allocate("Circle", arena);
            Object s = allocate("Square", arena);
            Object r = allocate("Ring", arena);
            invoke(r, "setInner", 0.5);
            assertEquals(3.0 + 1.0, g.call("totalArea", c, s), "class(shape) dummies: a circle and a square");
            assertEquals(3.0, g.call("totalArea", c, null), "an absent optional class(shape) dummy");
            assertEquals(1, g.call("kindOf", c), "select type: type is (circle)");
            assertEquals(2, g.call("kindOf", r), "select type: class is (circle)");
            assertEquals(3, g.call("kindOf", s), "select type: class default");
            assertEquals(2 * 2.25, g.call("scaledArea", r, 2.0), "class(circle) takes a ring, and ring_area runs");
            assertEquals(3.0, g.call("circleArea", r), "the specific procedure itself, called directly, does not dispatch");
            assertEquals(1.0, g.call("circleOnly", c));
            var ring = assertThrows(IllegalArgumentException.class, () -> g.call("circleOnly", r));
            assertEquals("c: expected a type(circle) object, got a Ring (an extension); the Fortran dummy is type(circle), not class(circle)",
                    ring.getMessage());
        }
    }

    @Test
    void arraysAndFunctionResultsOfExtensions() {
        Class<?> array = Arrays.stream(g.nested("Ring").getClasses()).filter(k -> k.getSimpleName().equals("Array")).findFirst().orElseThrow();
        try (Arena arena = Arena.ofConfined()) {
            Object rings = invoke(array, "allocate", arena, 2L);
            Object second = invoke(rings, "get", 1L);
            invoke(second, "setInner", 1.0);
            assertEquals(0.0, invoke(second, "area"), "an element of an array of rings is a ring");
            assertEquals(2, g.call("kindOf", second));
            assertEquals(3.0, g.call("sumAreas", rings), "an array of rings to a type(ring) array dummy");
            Object made = g.call("makeRing", 3.0);
            assertEquals(g.nested("Ring"), made.getClass());
            assertEquals(27.0, invoke(made, "area"), "a function result Java owns, with its dynamic type");
        }
    }

    @Test
    void genericBindingsAreJavaOverloadsAndPrivateProceduresAreReachedThroughTheirBindings() {
        try (Arena arena = Arena.ofConfined()) {
            Object t = allocate("Tracked", arena);
            invoke(t, "hit");
            invoke(t, "hit", 4);
            invoke(t, "hit", 0.3);
            invoke(t, "hit", IntArray.of(arena, Order.FORTRAN, new int[] {1, 2}, 2));
            assertEquals(1 + 4 + 3 + 3, invoke(t, "getHits"), "each call resolved by Fortran to hit_once, hit_times, hit_scaled, hit_each");
            assertEquals(16, invoke(t, "bump", 5), "bump => tracked_bump, a private procedure, called through the binding");
            assertEquals(4, Arrays.stream(g.nested("Tracked").getMethods()).filter(m -> m.getName().equals("hit")).count(),
                    "one overload per specific binding");
            assertTrue(Arrays.stream(g.nested("Tracked").getMethods()).noneMatch(m -> m.getName().startsWith("hitOnce")),
                    "a private binding is no method of its own");
            invoke(t, "setSide", 2.0);
            assertEquals(4.0, invoke(t, "area"), "square's area, inherited");
        }
    }

    @Test
    void closingTheArenaRunsTheFinalProcedure() {
        Class<?> module = g.nested("ShapeMore");
        int before = (int) invoke(module, "getTrackedFinalized");
        Class<?> array = Arrays.stream(g.nested("Tracked").getClasses()).filter(k -> k.getSimpleName().equals("Array")).findFirst()
                .orElseThrow();
        try (Arena arena = Arena.ofConfined()) {
            allocate("Tracked", arena);
            invoke(array, "allocate", arena, 3L);
            assertEquals(before, invoke(module, "getTrackedFinalized"), "nothing finalized while the arena is open");
        }
        assertEquals(before + 1 + 3, invoke(module, "getTrackedFinalized"), "deallocate ran tracked_final for the object and each element");
    }
}
