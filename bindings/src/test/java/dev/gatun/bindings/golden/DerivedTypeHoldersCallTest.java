// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static dev.gatun.bindings.golden.BuiltBinding.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allocatable and pointer components of a handle type ({@code golden/holders}) built by {@code gatun build} and called:
 * {@code type(animal), allocatable}, {@code type(animal), pointer} and {@code class(animal), allocatable} components are
 * borrowed handles of the object's dynamic type, or null; Java allocates them (with a dynamic type it chooses for a
 * {@code class(t)} one) and Fortran sees them, and the reverse; a {@code nopass} override is the extension's own static method.
 */
class DerivedTypeHoldersCallTest {

    @TempDir
    static Path dir;

    /** One build for the class: each is a gfortran build and a javac run. */
    private static BuiltBinding g;

    @BeforeAll
    static void build() throws Exception {
        g = BuiltBinding.build("holders", dir);
    }

    @Test
    void aClassComponentIsAHandleOfItsDynamicType() {
        try (Arena arena = Arena.ofConfined()) {
            Object cage = invoke(g.nested("Cage"), "allocate", arena);
            assertNull(invoke(cage, "getGuest"), "not allocated yet");
            assertNull(invoke(cage, "getResident"));
            assertEquals(0, g.call("census", cage));

            g.call("stock", cage);
            Object guest = invoke(cage, "getGuest");
            assertSame(g.nested("Bird"), guest.getClass(), "Fortran allocated a bird: the handle is a Bird");
            assertEquals(2, invoke(guest, "getLegs"));
            assertEquals(0.5, invoke(guest, "getWingspan"));
            assertEquals(102, invoke(guest, "sound"), "the binding dispatches to the bird's override");
            Object resident = invoke(cage, "getResident");
            assertSame(g.nested("Animal"), resident.getClass());
            invoke(resident, "setLegs", 6);
            invoke(guest, "setLegs", 1);
            assertEquals(101 + 6000, g.call("census", cage), "Fortran reads what Java wrote through the borrowed handles");

            invoke(cage, "allocateGuest", g.nested("Animal"));
            Object plain = invoke(cage, "getGuest");
            assertSame(g.nested("Animal"), plain.getClass(), "Java chose the dynamic type");
            assertEquals(4, invoke(plain, "getLegs"), "default-initialised");
            assertEquals(4 + 6000, g.call("census", cage), "Fortran dispatches on the type Java chose");
            invoke(cage, "allocateGuest", g.nested("Bird"));
            assertEquals(104 + 6000, g.call("census", cage));
            var wrong = assertThrows(IllegalArgumentException.class, () -> invoke(cage, "allocateGuest", g.nested("Cage")));
            assertEquals("dynamicType: expected one of Animal, Bird, got Cage", wrong.getMessage());

            invoke(cage, "deallocateGuest");
            assertNull(invoke(cage, "getGuest"));
            invoke(cage, "deallocateResident");
            assertNull(invoke(cage, "getResident"));
            invoke(cage, "allocateResident");
            assertEquals(4000, g.call("census", cage), "a fresh, default-initialised resident");
        }
    }

    @Test
    void aNopassOverrideIsAStaticMethodOfTheExtension() {
        assertEquals(1, invoke(g.nested("Animal"), "kindCode"), "procedure, nopass :: kind_code => animal_kind");
        assertEquals(2, invoke(g.nested("Bird"), "kindCode"), "the extension's override: bird_kind, hiding Animal's");
    }

    @Test
    void aPointerComponentIsItsTargetOrNull() {
        Object visitor;
        try (Arena arena = Arena.ofConfined()) {
            Object cage = invoke(g.nested("Cage"), "allocate", arena);
            assertNull(invoke(cage, "getVisitor"), "a disassociated pointer");
            g.call("stock", cage);
            g.call("visit", cage);
            visitor = invoke(cage, "getVisitor");
            assertEquals(3, invoke(visitor, "getLegs"), "the pointer's target: the cage's resident");
            invoke(visitor, "setLegs", 8);
            assertEquals(8, invoke(invoke(cage, "getResident"), "getLegs"), "one object, seen through both components");
            invoke(cage, "allocateVisitor");
            assertEquals(4, invoke(invoke(cage, "getVisitor"), "getLegs"), "a new target, allocated by Fortran");
            assertEquals(8, invoke(invoke(cage, "getResident"), "getLegs"), "the old target is left alone");
        }
        // The arena deallocated the cage: its borrowed handles refuse to touch freed memory.
        assertThrows(IllegalStateException.class, () -> invoke(visitor, "getLegs"));
    }
}
