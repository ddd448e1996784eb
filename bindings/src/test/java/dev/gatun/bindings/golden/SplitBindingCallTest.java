// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.bindings.cli.GatunCli;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A header too large for one class file (issue 13): 6,000 functions, 12,000 macros and 1,500 structs, whose single
 * binding class javac refused with {@code too many constants}. {@code gatun build} (gcc, generator, javac, jar) splits
 * it into part classes; a user class in another package, compiled against the jar, calls functions of the first and
 * the last part, reads constants of several parts and passes a struct of a late part, all through {@code Big.}.
 */
class SplitBindingCallTest {

    static final int FUNCTIONS = 6_000;
    static final int MACROS = 12_000;
    static final int STRUCTS = 1_500;

    @TempDir
    Path dir;

    /** The synthetic header: macros, structs, then functions, a few of which the C file defines. */
    static String header() {
        var h = new StringBuilder("#ifndef BIG_H\n#define BIG_H\n");
        for (int i = 0; i < MACROS; i++) {
            h.append("#define BIG_C").append(i).append(' ').append(100_000 + 7 * i).append('\n');
        }
        for (int i = 0; i < STRUCTS; i++) {
            h.append("struct big_s").append(i).append(" { int id; double w; };\n");
        }
        for (int i = 0; i < FUNCTIONS; i++) {
            if (i % 10 == 1) {
                h.append("double big_g").append(i).append("(const double *v /* gatun: dimension(n) */, int n);\n");
            } else {
                h.append("int big_f").append(i).append("(int x);\n");
            }
        }
        h.append("double big_last(const struct big_s").append(STRUCTS - 1).append(" *p);\n#endif\n");
        return h.toString();
    }

    static final String SOURCE = """
            #include "big.h"
            int big_f0(int x) { return x + 1; }
            double big_g1(const double *v, int n) { double s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; }
            int big_f%d(int x) { return 3 * x; }
            double big_last(const struct big_s%d *p) { return p->id * p->w; }
            """.formatted(FUNCTIONS - 1, STRUCTS - 1);

    /** What a user writes: every member through the public class, from another package. */
    static final String USER = """
            package split.user;

            import java.lang.foreign.Arena;
            import split.big.Big;

            public final class UseBig implements java.util.function.Supplier<Object[]> {
                @Override
                public Object[] get() {
                    try (Arena arena = Arena.ofConfined()) {
                        Big.BigS%1$d last = Big.BigS%1$d.allocate(arena).id(4).w(2.5);
                        return new Object[] {Big.bigF0(41), Big.bigF%2$d(14), Big.Raw.bigF0(1), Big.Raw.bigF%2$d(5),
                                Big.bigG1(new double[] {1.5, 2.5, 3.0}), Big.bigLast(last),
                                Big.BIG_C0, Big.BIG_C%3$d, Big.BIG_C%4$d, Big.BigS0.LAYOUT.byteSize()};
                    }
                }
            }
            """.formatted(STRUCTS - 1, FUNCTIONS - 1, MACROS / 2, MACROS - 1);

    @Test
    void wholeHeaderSplitsAndEveryPartIsCalledThroughThePublicClass() throws Exception {
        assumeTrue(BuiltBinding.onPath("gcc") || BuiltBinding.onPath("cc"), "no C compiler");
        Path h = Files.writeString(dir.resolve("big.h"), header());
        Path c = Files.writeString(dir.resolve("big.c"), SOURCE);
        Path jar = dir.resolve("big.jar");
        long start = System.nanoTime();
        assertEquals(0, GatunCli.run("build", "-m", "big", "--package", "split.big", "-o", jar.toString(), h.toString(), c.toString()),
                "gatun build");
        System.out.printf("SplitBindingCallTest: gatun build of %d functions, %d macros, %d structs: %.1f s%n", FUNCTIONS, MACROS,
                STRUCTS, (System.nanoTime() - start) / 1e9);

        // The jar: the public class and its parts, each class file within the constant-pool limit.
        var pools = new TreeMap<String, Integer>();
        try (var j = new JarFile(jar.toFile())) {
            for (var e : j.stream().filter(e -> e.getName().startsWith("split/big/Big") && e.getName().endsWith(".class")).toList()) {
                byte[] bytes = j.getInputStream(e).readAllBytes();
                pools.put(e.getName().substring("split/big/".length()), ((bytes[8] & 0xff) << 8) | (bytes[9] & 0xff));
            }
        }
        long parts = pools.keySet().stream().filter(n -> n.matches("Big_\\d+\\.class")).count();
        assertTrue(parts >= 4, "functions, constants and structs need several parts: " + pools.keySet().stream()
                .filter(n -> !n.contains("$")).toList());
        int largest = pools.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        // One class would have held what the parts hold, less what each part repeats (its helpers' names: a few hundred).
        int together = pools.entrySet().stream().filter(e -> e.getKey().matches("Big_\\d+\\.class"))
                .mapToInt(e -> e.getValue() - 1_000).sum();
        assertTrue(together > 65_535, "the header passes the old wall of one class: " + together);
        assertTrue(largest < 50_000, "every class well within 65,535 constant-pool entries, the largest has " + largest);
        System.out.println("SplitBindingCallTest: " + parts + " parts, constant-pool entries " + pools.entrySet().stream()
                .filter(e -> !e.getKey().contains("$") || e.getKey().endsWith("$Raw.class")).toList());

        // A user's class, compiled against the jar as any client would be, then run.
        Object[] got = UserProgram.run(USER, jar, dir);
        assertArrayEquals(new Object[] {42, 42, 2, 15, 7.0, 10.0, 100_000, 100_000 + 7 * (MACROS / 2), 100_000 + 7 * (MACROS - 1), 16L}, got);
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            // Where the members live: the first function in the first part, the last one later, constants and structs
            // spread over parts above the functions.
            Class<?> big = loader.loadClass("split.big.Big");
            String first = big.getMethod("bigF0", int.class).getDeclaringClass().getSimpleName();
            String last = big.getMethod("bigF" + (FUNCTIONS - 1), int.class).getDeclaringClass().getSimpleName();
            var constants = new ArrayList<String>();
            for (int i : new int[] {0, MACROS / 2, MACROS - 1}) {
                constants.add(big.getField("BIG_C" + i).getDeclaringClass().getSimpleName());
            }
            String struct = List.of(big.getClasses()).stream().filter(k -> k.getSimpleName().equals("BigS" + (STRUCTS - 1)))
                    .findFirst().orElseThrow().getDeclaringClass().getSimpleName();
            assertEquals("Big_1", first);
            assertTrue(number(last) > 1, "the last function is in a later part: " + last);
            assertTrue(constants.stream().distinct().count() >= 2 && number(constants.getFirst()) >= number(last),
                    "constants in several parts above the functions: " + constants);
            assertTrue(number(struct) >= number(constants.getLast()), "the structs in a late part: " + struct);
            assertEquals("Big_1", loader.loadClass("split.big.Big$Raw").getSuperclass().getDeclaringClass().getSimpleName(),
                    "Big.Raw extends the first part's raw layer");
        }
    }

    /** {@code gatun wrap} writes the public class and its parts, and removes the parts an earlier, larger split left. */
    @Test
    void wrapWritesEveryPartAndRemovesStaleOnes() throws Exception {
        Path h = Files.writeString(dir.resolve("big.h"), header());
        Path out = dir.resolve("generated");
        Path pkg = Files.createDirectories(out.resolve("split/big"));
        Path stale = Files.writeString(pkg.resolve("Big_99.java"), "class Big_99 extends Big_100 {}\n");
        Path unrelated = Files.writeString(pkg.resolve("Big_notes.java"), "// not a part\n");
        assertEquals(0, GatunCli.run("wrap", "-m", "big", "--package", "split.big", "-d", out.toString(), h.toString()));
        try (var files = Files.list(pkg)) {
            var names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("Big.java") && names.contains("Big_1.java") && names.contains("Big_2.java"), names.toString());
            assertTrue(!names.contains("Big_99.java") && Files.notExists(stale), "the stale part is gone: " + names);
            assertTrue(Files.exists(unrelated), "other files stay");
            long parts = names.stream().filter(n -> n.matches("Big_\\d+\\.java")).count();
            String last = Files.readString(pkg.resolve("Big_" + parts + ".java"));
            assertTrue(last.contains("static final NativeLibrary LIBRARY = "), "the last part loads the library");
        }
    }

    private static int number(String part) {
        return Integer.parseInt(part.substring(part.indexOf('_') + 1));
    }
}
