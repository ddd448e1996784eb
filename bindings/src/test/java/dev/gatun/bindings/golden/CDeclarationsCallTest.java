// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static dev.gatun.bindings.golden.BuiltBinding.invoke;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.IntArray;
import dev.gatun.array.LongArray;
import dev.gatun.array.Order;
import dev.gatun.array.ShortArray;
import dev.gatun.load.CallbackGuard;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * golden/cdecls built and called: constants, global variables (scalars, const, arrays as views, a struct, a function
 * pointer), structs no function uses, function-pointer types with upcalls and invokers, a callback taking and
 * returning a struct by value, variadic functions, address accessors, typedef'd array and void parameters.
 */
class CDeclarationsCallTest {

    @TempDir
    static Path dir;

    private static BuiltBinding built;

    private static synchronized BuiltBinding cdecls() throws Exception {
        if (built == null) {
            built = BuiltBinding.build("cdecls", dir);
        }
        return built;
    }

    private static Object constant(BuiltBinding lib, String name) throws ReflectiveOperationException {
        return lib.type().getField(name).get(null);
    }

    @Test
    void macrosAndEnumeratorsAreConstants() throws Exception {
        BuiltBinding lib = cdecls();
        assertEquals(100, constant(lib, "CDECLS_MAX"));
        assertEquals(0x100000000L, constant(lib, "CDECLS_BIG"));
        assertEquals("cdecls\t1.0", constant(lib, "CDECLS_NAME"));
        assertEquals(2.5, constant(lib, "CDECLS_SCALE"));
        assertEquals(List.of(101, 102, -5, 0, 10), List.of(constant(lib, "ROW_MAJOR"), constant(lib, "COL_MAJOR"),
                constant(lib, "BELOW"), constant(lib, "RED"), constant(lib, "GREEN")));
    }

    @Test
    void globalsAreReadWrittenAndViewedWithoutCopies() throws Exception {
        BuiltBinding lib = cdecls();
        assertEquals(lib.call("counterValue"), lib.call("counter"));
        lib.call("counter", 42);
        assertEquals(42, lib.call("counterValue"), "C sees what Java wrote");
        assertEquals(0.5, lib.call("ratio"));
        assertTrue(Arrays.stream(lib.type().getMethods()).noneMatch(m -> m.getName().equals("ratio") && m.getParameterCount() == 1),
                "a const global has no setter");
        DoubleArray table = (DoubleArray) lib.call("table");
        assertArrayEquals(new double[] {1, 2, 3, 4}, table.toArray());
        table.set(2, 30.0);
        assertEquals(30.0, ((DoubleArray) lib.call("table")).get(2), "the view is the library's memory");
        IntArray grid = (IntArray) lib.call("grid");
        assertEquals(6, grid.get(1, 2), "a 2x3 global in C order");
        Object origin = lib.call("originPoint");
        assertEquals(List.of(1.5, -2.5), List.of(invoke(origin, "x"), invoke(origin, "y")));
        assertEquals(((MemorySegment) lib.call("counter$address")).address(),
                ((MemorySegment) lib.call("counter$address")).address());
        assertTrue(((MemorySegment) lib.call("vec3Sum$address")).address() != 0, "functions have address accessors");
    }

    @Test
    void everyStructIsBoundWithGccLayouts() throws Exception {
        BuiltBinding lib = cdecls();
        StructLayout polygon = (StructLayout) lib.nested("Polygon").getField("LAYOUT").get(null);
        assertEquals(4 + 8 + 4 + 3 * 16, polygon.byteSize(), "int, char[8], padding, struct point[3]");
        assertEquals(16, polygon.byteOffset(MemoryLayout.PathElement.groupElement("corners")));
        assertEquals(8L, ((MemoryLayout) lib.nested("Number").getField("LAYOUT").get(null)).byteSize());
        assertEquals(4L, ((MemoryLayout) lib.nested("Lax").getField("LAYOUT").get(null)).byteSize());
        try (Arena arena = Arena.ofConfined()) {
            Object p = invoke(lib.nested("Polygon"), "allocate", arena);
            invoke(invoke(p, "corners", 2L), "y", 7.0);
            assertEquals(7.0, invoke(invoke(p, "corners", 2L), "y"), "an array of structs gives views of its elements");
        }
    }

    @Test
    void unsignedArraysAreTheSignedArraysOfTheirWidth() throws Exception {
        BuiltBinding lib = cdecls();
        try (Arena arena = Arena.ofConfined()) {
            var in = ShortArray.of(arena, Order.C, new short[] {(short) 0xFFFF, 2, 3}, 3);
            var out = IntArray.allocate(arena, 3);
            var weights = LongArray.of(arena, Order.C, new long[] {1, 10, 100}, 3);
            assertEquals(65535L + 20 + 300, (long) lib.call("widen", in, out, weights));
            assertArrayEquals(new int[] {-1, 2 * 65537, 3 * 65537}, out.toArray(), "0xFFFF * 65537 = 0xFFFFFFFF, which int reads as -1");
            // Heap arrays too; a short array where the C side wants unsigned short * is checked like any other.
            int[] heapOut = new int[3];
            assertEquals(65535L + 20 + 300, (long) lib.call("widen", new short[] {(short) 0xFFFF, 2, 3}, heapOut, new long[] {1, 10, 100}));
            assertArrayEquals(new int[] {-1, 2 * 65537, 3 * 65537}, heapOut);
            var wrong = assertThrows(IllegalArgumentException.class, () -> lib.call("widen", in, out, LongArray.allocate(arena, 2)));
            assertTrue(wrong.getMessage().contains("weights"), wrong.getMessage());
        }
    }

    @Test
    void typedefdArrayAndVoidParameters() throws Exception {
        BuiltBinding lib = cdecls();
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(6.0, (double) lib.call("vec3Sum", DoubleArray.of(arena, Order.C, new double[] {1, 2, 3}, 3)));
        }
        lib.call("counter", 9);
        assertEquals(9, lib.call("counterValue"));
    }

    @Test
    void functionPointerTypesMakeUpcallsAndCallCFunctions() throws Exception {
        BuiltBinding lib = cdecls();
        Class<?> compareFn = lib.nested("CompareFn");
        Method invoker = compareFn.getMethod("invoker", MemorySegment.class);
        Method apply = compareFn.getMethod("apply", MemorySegment.class, MemorySegment.class);
        try (Arena arena = Arena.ofConfined(); CallbackGuard guard = CallbackGuard.open()) {
            MemorySegment a = arena.allocateFrom(ValueLayout.JAVA_INT, 10);
            MemorySegment b = arena.allocateFrom(ValueLayout.JAVA_INT, 3);
            Object c = invoker.invoke(null, lib.call("defaultCompare"));
            assertEquals(7, apply.invoke(c, a, b), "a C function pointer read from a global, called from Java");

            Object reversed = Proxy.newProxyInstance(compareFn.getClassLoader(), new Class<?>[] {compareFn}, (proxy, m, args) ->
                    ((MemorySegment) args[1]).reinterpret(4).get(ValueLayout.JAVA_INT, 0)
                            - ((MemorySegment) args[0]).reinterpret(4).get(ValueLayout.JAVA_INT, 0));
            MemorySegment stub = (MemorySegment) compareFn.getMethod("allocate", compareFn, CallbackGuard.class, Arena.class)
                    .invoke(null, reversed, guard, arena);
            Object ops = invoke(lib.nested("Ops"), "allocate", arena);
            invoke(ops, "compare", stub);
            Object back = invoker.invoke(null, invoke(ops, "compare"));
            assertEquals(-7, apply.invoke(back, a, b), "a Java upcall stored in a struct field and called through its invoker");
        }
    }

    @Test
    void callbacksTakeAndReturnStructsByValue() throws Exception {
        BuiltBinding lib = cdecls();
        Class<?> point = lib.nested("Point");
        Object scale = lib.callback("ApplyTransformF", args -> {
            Object p = invoke(point, "of", args[0]);
            double factor = (double) args[1];
            Object r = invoke(point, "allocate", Arena.ofAuto());
            invoke(r, "x", (double) invoke(p, "x") * factor);
            invoke(r, "y", (double) invoke(p, "y") * factor);
            return invoke(r, "segment");
        });
        assertEquals(7 * 1.5, (double) lib.call("applyTransform", scale, 1.5), 1e-12);
    }

    @Test
    void variadicFunctionsTakeTheCallShapeFromTheArguments() throws Exception {
        BuiltBinding lib = cdecls();
        assertEquals(6.5, (double) lib.call("sumDoubles", 3, new Object[] {1.0, 2.0, 3.5f}));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            int n = (int) lib.call("formatInto", buffer, 64, arena.allocateFrom("%d-%s-%.2f-%ld"),
                    new Object[] {42, "x", 2.5, 1L << 40});
            assertEquals("42-x-2.50-1099511627776", buffer.getString(0));
            assertEquals(n, buffer.getString(0).length());
            var bad = assertThrows(IllegalArgumentException.class, () -> lib.call("sumDoubles", 1, new Object[] {new Object()}));
            assertTrue(bad.getMessage().contains("argument 2 of sum_doubles"), bad.getMessage());
        }
    }
}
