// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static dev.gatun.bindings.golden.BuiltBinding.invoke;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C golden kernels built by {@code gatun build} and called: structs by value, by pointer and returned,
 * a union, a packed struct, layouts compared with what gcc computed; C function pointers implemented by
 * Java lambdas; and the errors that must stop bad input before it reaches native code.
 */
class CStructsCallbacksCallTest {

    @TempDir
    Path dir;

    private static Object struct(BuiltBinding lib, String name, Arena arena) {
        return invoke(lib.nested(name), "allocate", arena);
    }

    private static StructLayout layout(BuiltBinding lib, String name) throws ReflectiveOperationException {
        return (StructLayout) lib.nested(name).getField("LAYOUT").get(null);
    }

    @Test
    void structsTravelByValueAndByPointerWithGccLayouts() throws Exception {
        BuiltBinding shapes = BuiltBinding.build("cstructs", dir);
        StructLayout sphere = layout(shapes, "Sphere");
        assertEquals((long) shapes.call("sphereSize"), sphere.byteSize(), "sizeof(sphere) as gcc computes it");
        assertEquals((long) shapes.call("sphereOffsetOfId"), sphere.byteOffset(MemoryLayout.PathElement.groupElement("id")));
        assertEquals((long) shapes.call("packedSize"), layout(shapes, "PackedRec").byteSize());
        assertEquals(11L, layout(shapes, "PackedRec").byteSize(), "#pragma pack(1): 1 + 8 + 2 bytes");
        try (Arena arena = Arena.ofConfined()) {
            Object a = invoke(invoke(invoke(struct(shapes, "Vec3", arena), "x", 1.0), "y", 2.0), "z", 3.0);
            Object b = invoke(invoke(invoke(struct(shapes, "Vec3", arena), "x", 10.0), "y", 20.0), "z", 30.0);
            Object sum = shapes.call("vec3Add", a, b);
            assertEquals(List.of(11.0, 22.0, 33.0), List.of(invoke(sum, "x"), invoke(sum, "y"), invoke(sum, "z")));
            assertEquals("Vec3[x=11.0, y=22.0, z=33.0]", sum.toString());

            Object s = struct(shapes, "Sphere", arena);
            invoke(s, "radius", 2.0f);
            invoke(s, "flags", 2L, 5);
            invoke(s, "id", 77L);
            invoke(invoke(s, "centre"), "x", 1.0);
            assertEquals(4.0 / 3.0 * Math.PI * 8.0, (double) shapes.call("sphereVolume", s), 1e-12);
            shapes.call("sphereMove", s, a);
            Object centre = invoke(s, "centre");
            assertEquals(List.of(2.0, 2.0, 3.0), List.of(invoke(centre, "x"), invoke(centre, "y"), invoke(centre, "z")),
                    "the C code moved the centre, which the Java view shares");
            assertEquals(6, invoke(s, "flags", 2L));
            assertEquals(77L, invoke(s, "id"), "members after the nested struct and the array are where gcc put them");

            Object w = invoke(struct(shapes, "Word", arena), "real", 1.0);
            assertEquals(Double.doubleToRawLongBits(1.0), (long) shapes.call("wordBits", w), "a union by value");
            assertEquals((int) Double.doubleToRawLongBits(1.0), invoke(w, "halves", 0L), "union members share offset 0");

            Object r = invoke(invoke(invoke(struct(shapes, "PackedRec", arena), "kind", (byte) 1), "value", 2.5), "count", (short) 4);
            assertEquals(11.0, (double) shapes.call("packedTotal", r), "2.5 * 4 + 1, read through an unaligned double");
        }
    }

    @Test
    void badStructArgumentsAreRejectedNamingTheParameter() throws Exception {
        BuiltBinding shapes = BuiltBinding.build("cstructs", dir);
        var none = assertThrows(NullPointerException.class, () -> shapes.call("sphereVolume", (Object) null));
        assertEquals("s", none.getMessage());
        Class<?> vec3 = shapes.nested("Vec3");
        try (Arena arena = Arena.ofConfined()) {
            var small = assertThrows(IllegalArgumentException.class, () -> invoke(vec3, "of", arena.allocate(16)));
            assertTrue(small.getMessage().startsWith("segment: expected at least 24 bytes for struct vec3, got 16"), small.getMessage());
            var heap = assertThrows(IllegalArgumentException.class, () -> invoke(vec3, "of", MemorySegment.ofArray(new double[3])));
            assertTrue(heap.getMessage().startsWith("segment: expected native memory"), heap.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> invoke(struct(shapes, "Sphere", arena), "flags", 3L));
            // The raw layer takes any segment; FFM itself refuses heap memory where C expects a pointer.
            Class<?> raw = Class.forName("golden.cstructs.Shapes$Raw", true, vec3.getClassLoader());
            assertThrows(IllegalArgumentException.class, () -> invoke(raw, "sphereVolume", MemorySegment.ofArray(new byte[48])));
        }
    }

    @Test
    void bitFieldsKeepTheirBytesAndGetAccessors(@TempDir Path src) throws Exception {
        Path h = src.resolve("flags.h");
        Files.writeString(h, """
                struct packet { unsigned char kind; unsigned ready : 1, urgent : 1; double payload; };
                double packet_payload(struct packet p);
                """);
        var d = new Diagnostics();
        String java = BindingGenerator.generate("flags", List.of(h), "", d).orElseThrow().javaSource();
        assertEquals(List.of(), d.all(), "bit-fields are bound now");
        assertTrue(java.contains("""
                JAVA_BYTE.withName("kind"),
                                MemoryLayout.paddingLayout(7),
                                JAVA_DOUBLE.withName("payload")).withName("packet");"""), java);
        assertTrue(java.contains("public int ready()") && java.contains("public Packet urgent(int value)"), java);
        assertTrue(java.contains("public static double packetPayload(Packet p)"), "still passed by value");
    }

    @Test
    void cFunctionPointersAreJavaLambdas() throws Exception {
        BuiltBinding lib = BuiltBinding.build("ccallbacks", dir);
        Object square = lib.callback("IntegrateF", args -> (double) args[0] * (double) args[0]);
        assertEquals(1.0 / 3.0, (double) lib.call("integrate", square, 0.0, 1.0, 1000), 1e-6);

        try (Arena arena = Arena.ofConfined()) {
            double[] values = {3, -1, 4, 1, -5, 9, 2, 6};
            DoubleArray x = DoubleArray.of(arena, Order.C, values, values.length);
            // qsort hands the comparator two const void * into x: Java reads them as 8-byte doubles.
            Object descending = lib.callback("SortDoublesCmp", args -> Double.compare(
                    ((MemorySegment) args[1]).reinterpret(8).get(ValueLayout.JAVA_DOUBLE, 0),
                    ((MemorySegment) args[0]).reinterpret(8).get(ValueLayout.JAVA_DOUBLE, 0)));
            lib.call("sortDoubles", x, descending);
            assertArrayEquals(new double[] {9, 6, 4, 3, 2, 1, -1, -5}, x.toArray());

            MemorySegment divisor = arena.allocateFrom(ValueLayout.JAVA_INT, 3);
            Object multiple = lib.callback("CountIfVisit", args -> (int) args[0]
                    % ((MemorySegment) args[1]).reinterpret(4).get(ValueLayout.JAVA_INT, 0) == 0 ? 1 : 0);
            assertEquals(4, lib.call("countIf", 10, multiple, divisor), "0, 3, 6 and 9; the user pointer reaches Java");
        }
        var none = assertThrows(NullPointerException.class, () -> lib.call("integrate", null, 0.0, 1.0, 10));
        assertEquals("f", none.getMessage());
    }

    @Test
    void aThrowingCallbackSurfacesAfterTheNativeCallInsteadOfKillingTheJvm() throws Exception {
        BuiltBinding lib = BuiltBinding.build("ccallbacks", dir);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Object failing = lib.callback("IntegrateF", args -> {
            if (calls.incrementAndGet() == 3) {
                throw new ArithmeticException("integrand undefined at " + args[0]);
            }
            return 1.0;
        });
        // An exception escaping an upcall terminates the process; the guard turns it into this one.
        var thrown = assertThrows(ArithmeticException.class, () -> lib.call("integrate", failing, 0.0, 1.0, 10));
        assertTrue(thrown.getMessage().startsWith("integrand undefined at "), thrown.getMessage());
        assertEquals(10, calls.get(), "the native loop ran to its end with 0 for the failed call");
        Object one = lib.callback("IntegrateF", args -> 1.0);
        assertEquals(1.0, (double) lib.call("integrate", one, 0.0, 1.0, 10), 1e-12, "the next call is unaffected");
    }

    @Test
    void cCallbacksRunConcurrentlyWithoutALock() throws Exception {
        BuiltBinding lib = BuiltBinding.build("ccallbacks", dir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                double k = t;
                Object constant = lib.callback("IntegrateF", args -> {
                    Thread.yield();
                    return k;
                });
                results.add(pool.submit(() -> (Double) lib.call("integrate", constant, 0.0, 2.0, 5000)));
            }
            for (int t = 0; t < 16; t++) {
                assertEquals(2.0 * t, results.get(t).get(), 1e-9, "thread " + t + " saw its own callback");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
