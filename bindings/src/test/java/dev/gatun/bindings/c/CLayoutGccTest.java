// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatun.bindings.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLayout against gcc: a generated C program prints sizeof, _Alignof, offsetof and the first bit of
 * every bit-field for each struct, and every number must match.
 */
class CLayoutGccTest {

    private static final String TRICKY = """
            #include <stddef.h>
            struct padding { char c; double d; short s; };
            struct nested { char c; struct padding p; int tail[3]; };
            struct bits { unsigned a:3; unsigned b:30; char c; int d:5; long long e:40; unsigned :0; char f; };
            struct bits2 { char a; int b:20; int c:20; short d:9; short e:9; char f:7; };
            struct unnamed_bits { char a; int :4; char b; };
            struct zero_width { char a; int :0; char b; long long :0; char c; };
            struct __attribute__((packed)) packed { char c; int i; double d; short s:3; int j:31; };
            struct member_packed { char c; int i __attribute__((packed)); double d; };
            struct aligned_member { char c; _Alignas(16) int i; char tail; };
            struct attr_aligned { int x; } __attribute__((aligned(32)));
            struct has_attr_aligned { char c; struct attr_aligned a; short s; };
            union u { char c; double d; int arr[5]; };
            union bit_union { char c; int b:20; };
            struct anon { int kind; union { int i; double d; struct { char x, y; } pt; }; struct { short lo, hi; }; };
            struct flex { int n; double data[]; };
            struct complexes { char c; double _Complex z; float _Complex f; long double ld; long double _Complex lz; };
            struct ptrs { char c; void (*cb)(int); const char *name; int *arr[3]; char (*matrix)[4]; };
            struct withenum { char c; enum big { BIG_A = 1, BIG_B = 0x100000000LL } e; enum small { SMALL_A } s; };
            #pragma pack(push, 2)
            struct pragma_packed { char c; int i; double d; };
            #pragma pack(pop)
            struct after_pop { char c; int i; };
            #pragma pack(push, 1)
            struct pack1_bits { long m0:18; long long m1:54; char c; unsigned x:12; unsigned y:12; short s; };
            #pragma pack(pop)
            #pragma pack(push, 8)
            struct pack8_bits { int m0; char m1; int m2:30; char m3:6; int m4:6; int m5:8; };
            #pragma pack(pop)
            #pragma pack(4)
            struct pack4_bits { short m0:10; long long m1:47; short m2:15; short m3; char m4:4; short m5; };
            #pragma pack()
            struct __attribute__((packed)) packed_char_bits { char a:3; char b:7; int c:20; };
            struct bool_and_va { _Bool b; __builtin_va_list ap; char c; };
            typedef struct { int a; char b; short arr[sizeof(int) * 2 + (1 << 2)]; } anon_typedef;
            struct longs { char c; long l; unsigned long long ull; signed char sc; unsigned short us; };
            """;

    @Test
    void trickyStructsMatchGcc(@TempDir Path dir) throws Exception {
        Path header = dir.resolve("tricky.h");
        Files.writeString(header, TRICKY);
        Comparison c = compare(dir, CPreprocessor.fromEnvironment(), header, s -> true);
        c.assertSame();
        assertTrue(c.gcc().size() > 100, "compared " + c.gcc().size() + " numbers");
    }

    @Test
    void cudaStructsMatchGcc(@TempDir Path dir) throws Exception {
        assumeTrue(RealHeadersTest.CUDA != null, "no CUDA toolkit headers at /usr/local/cuda/include");
        Comparison c = compare(dir, CPreprocessor.fromEnvironment(), RealHeadersTest.CUDA, CStruct::fromUserFile);
        c.assertSame();
        assertTrue(c.gcc().containsKey("CUDA_MEMCPY2D_st sizeof"), c.gcc().keySet().toString());
        assertTrue(c.gcc().size() > 500, "compared " + c.gcc().size() + " numbers");
    }

    @Test
    void fftwMpiAndPthreadStructsMatchGcc(@TempDir Path dir) throws Exception {
        assumeTrue(RealHeadersTest.FFTW != null, "no fftw3.h (install libfftw3-dev)");
        Path mpi = RealHeadersTest.firstExisting("/usr/lib/x86_64-linux-gnu/openmpi/include/mpi.h");
        assumeTrue(mpi != null, "no Open MPI mpi.h");
        Path header = dir.resolve("all.h");
        Files.writeString(header, "#include <fftw3.h>\n#include <mpi.h>\n#include <pthread.h>\n#include <stdio.h>\n");
        Comparison c = compare(dir, CPreprocessor.fromEnvironment().withIncludeDirectory(mpi.getParent()), header,
                s -> true);
        c.assertSame();
        assertEquals(12L, c.gcc().get("fftw_iodim_do_not_use_me sizeof"));
        assertTrue(c.gcc().containsKey("ompi_status_public_t._ucount offsetof"), "MPI_Status compared");
        assertTrue(c.gcc().containsKey("_IO_FILE sizeof"), "FILE compared");
    }

    /** Our numbers and gcc's, keyed by {@code tag.member what}. */
    record Comparison(Map<String, Long> ours, Map<String, Long> gcc) {
        /** Fails listing only the numbers that differ. */
        void assertSame() {
            Map<String, String> diff = new TreeMap<>();
            java.util.Set<String> keys = new java.util.TreeSet<>(ours.keySet());
            keys.addAll(gcc.keySet());
            for (String k : keys) {
                if (!java.util.Objects.equals(ours.get(k), gcc.get(k))) {
                    diff.put(k, "ours " + ours.get(k) + ", gcc " + gcc.get(k));
                }
            }
            assertEquals(Map.of(), diff, "layouts that differ from gcc");
        }
    }

    private static Comparison compare(Path dir, CPreprocessor cpp, Path header,
                                      java.util.function.Predicate<CStruct> which) throws Exception {
        Diagnostics diagnostics = new Diagnostics();
        CTranslationUnit unit = CParser.parse(cpp.preprocess(List.of(header)), diagnostics);
        assertEquals(List.of(), diagnostics.errors());
        CLayout layout = new CLayout(unit);
        Map<String, Long> ours = new TreeMap<>();
        StringBuilder program = new StringBuilder("#include <stdio.h>\n#include <string.h>\n#include <stddef.h>\n#include \"")
                .append(header).append("\"\nstatic void first_bit(const char *key, const unsigned char *p, size_t n) {\n")
                .append("  for (size_t i = 0; i < n * 8; i++) if (p[i / 8] >> (i % 8) & 1) { printf(\"%s %zu\\n\", key, i); return; }\n")
                .append("}\nint main(void) {\n");
        for (CDeclaration d : unit.declarations()) {
            if (!(d instanceof CStruct s) || !s.complete() || !which.test(s)) {
                continue;
            }
            CType type = cType(unit, s);
            if (type == null) {
                continue;
            }
            String spelling = type instanceof CType.TypedefRef t ? t.name() : type.spelling();
            String key = s.isAnonymousTag() ? spelling : s.name();
            CLayout.StructLayout l = layout.of(s);
            ours.put(key + " sizeof", layout.sizeOf(type));
            ours.put(key + " alignof", layout.alignmentOf(type));
            program.append("  printf(\"%s %zu\\n\", \"").append(key).append(" sizeof\", sizeof(").append(spelling)
                    .append("));\n  printf(\"%s %zu\\n\", \"").append(key).append(" alignof\", _Alignof(")
                    .append(spelling).append("));\n");
            for (String member : memberNames(l)) {
                CLayout.MemberLayout m = l.member(member).orElseThrow();
                if (m.bitWidth() < 0) {
                    ours.put(key + "." + member + " offsetof", m.offset());
                    program.append("  printf(\"%s %zu\\n\", \"").append(key).append('.').append(member)
                            .append(" offsetof\", offsetof(").append(spelling).append(", ").append(member).append("));\n");
                } else {
                    ours.put(key + "." + member + " bit", m.bitOffset());
                    program.append("  { ").append(spelling).append(" v; memset(&v, 0, sizeof v); v.").append(member)
                            .append(" = ~0; first_bit(\"").append(key).append('.').append(member)
                            .append(" bit\", (const unsigned char *) &v, sizeof v); }\n");
                }
            }
        }
        program.append("  return 0;\n}\n");
        return new Comparison(ours, runWithGcc(dir, program.toString(), cpp));
    }

    /** Names reachable by {@code v.name}: direct members, and members of anonymous members. */
    private static List<String> memberNames(CLayout.StructLayout l) {
        List<String> out = new ArrayList<>();
        for (CLayout.MemberLayout m : l.members()) {
            if (!m.name().isEmpty()) {
                out.add(m.name());
            } else if (m.nested() != null) {
                out.addAll(memberNames(m.nested()));
            }
        }
        return out;
    }

    /** The struct's own type, or for an anonymous one the typedef that names it (C cannot name it otherwise). */
    private static CType cType(CTranslationUnit unit, CStruct s) {
        if (!s.isAnonymousTag()) {
            return s.type();
        }
        for (CDeclaration d : unit.declarations()) {
            if (d instanceof CTypedef t && t.type().unqualified().equals(s.type())) {
                return t.reference();
            }
        }
        return null;
    }

    private static Map<String, Long> runWithGcc(Path dir, String program, CPreprocessor cpp)
            throws IOException, InterruptedException {
        Path c = dir.resolve("layout.c");
        Path exe = dir.resolve("layout");
        Files.writeString(c, program);
        List<String> cmd = new ArrayList<>(List.of("gcc", "-w", "-o", exe.toString(), c.toString()));
        cmd.addAll(cpp.options());
        run(cmd, dir);
        Map<String, Long> out = new TreeMap<>();
        for (String line : run(List.of(exe.toString()), dir).split("\n")) {
            if (!line.isBlank()) {
                int sp = line.lastIndexOf(' ');
                out.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
            }
        }
        return out;
    }

    private static String run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }
}
