// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fuzz;

import dev.gatun.array.Npy;
import dev.gatun.array.NpyFormatException;
import dev.gatun.array.DoubleArray;
import dev.gatun.array.Order;
import dev.gatun.array.IntArray;
import dev.gatun.array.NdArray;
import dev.gatun.array.ComplexDoubleArray;
import dev.gatun.bindings.c.CLowering;
import dev.gatun.bindings.c.CParser;
import dev.gatun.bindings.c.CPreprocessor;
import dev.gatun.bindings.c.CPreprocessorException;
import dev.gatun.bindings.c.CTranslationUnit;
import dev.gatun.bindings.c.PreprocessedSource;
import dev.gatun.bindings.c.SignatureFile;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.BindingGenerator;
import dev.gatun.bindings.emit.FortranShimEmitter;
import dev.gatun.bindings.emit.JavaEmitter;
import dev.gatun.bindings.fortran.FortranFrontend;
import dev.gatun.bindings.pyf.PyfFrontend;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Unit;
import dev.gatun.bindings.pass.Passes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fuzz targets, one per parser: Fortran sources, C (already preprocessed text, and raw headers through
 * the real {@code cc -E}), {@code gatun:} directives and signature files, f2py {@code .pyf} signature files,
 * and {@code .npy} headers. The C
 * and Fortran targets run the whole generator behind the parser (lowering, passes, both emitters), since a
 * parser that accepts an input hands it on: a crash in a later stage is as fatal to {@code gatun wrap}.
 */
final class ParserTargets {

    private ParserTargets() {
    }

    /** The repository root: surefire runs in the module directory. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("bindings")) ? here : here.getParent();
    }

    /** Files under the repository with one of the extensions, build outputs and git data left out. */
    static List<Path> repositoryFiles(String... extensions) {
        try (Stream<Path> walk = Files.walk(root())) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .filter(p -> Stream.of(extensions).anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a case: Latin-1 where it fits (so stray bytes reach the parser as bytes), else UTF-8. */
    static void write(Path file, String text) throws IOException {
        boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(text);
        Files.writeString(file, text, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** Binds what the frontend produced: passes and both emitters, as {@code gatun wrap} does. */
    static void bind(List<Unit> units, Diagnostics diagnostics) {
        Library library = new Library("fuzz", units);
        Annotations notes = Passes.run(library, diagnostics);
        if (!diagnostics.hasErrors()) {
            new JavaEmitter(notes).emit(library, "fuzz.pkg");
            new FortranShimEmitter(notes).emit(library);
        }
    }

    /** Splits "header line\nbody". */
    private static String[] headed(String input) {
        int nl = input.indexOf('\n');
        return nl < 0 ? new String[] {input, ""} : new String[] {input.substring(0, nl), input.substring(nl + 1)};
    }

    /** Fortran: fixed and free form, with {@code !f2py} directives; the first line of a case is its file name. */
    static final class Fortran implements Fuzzer.Target {
        @Override
        public String name() {
            return "fortran";
        }

        @Override
        public List<String> seeds() {
            List<String> out = new ArrayList<>();
            for (Path f : repositoryFiles(".f", ".f90", ".F90", ".f77", ".for")) {
                out.add(f.getFileName() + "\n" + read(f));
            }
            return out;
        }

        @Override
        public String mutate(Mutator mutator, String seed, String other) {
            String[] s = headed(seed);
            return s[0] + "\n" + mutator.mutate(s[1], headed(other)[1]);
        }

        @Override
        public void run(String input) {
            String[] s = headed(input);
            var d = new Diagnostics();
            Path file = Path.of(s[0].isBlank() ? "fuzz.f90" : s[0].replace('/', '_'));
            Unit unit = new FortranFrontend(d).parse(file, List.of(s[1].split("\n", -1))).unit();
            bind(List.of(unit), d);
        }
    }

    /** f2py signature files: the first line of a case is its file name; the whole generator runs behind the parser. */
    static final class Pyf implements Fuzzer.Target {
        @Override
        public String name() {
            return "pyf";
        }

        @Override
        public List<String> seeds() {
            List<String> out = new ArrayList<>();
            for (Path f : repositoryFiles(".pyf")) {
                out.add(f.getFileName() + "\n" + read(f));
            }
            return out;
        }

        @Override
        public String mutate(Mutator mutator, String seed, String other) {
            String[] s = headed(seed);
            return s[0] + "\n" + mutator.mutate(s[1], headed(other)[1]);
        }

        @Override
        public void run(String input) {
            String[] s = headed(input);
            var d = new Diagnostics();
            Path file = Path.of(s[0].isBlank() ? "fuzz.pyf" : s[0].replace('/', '_'));
            Unit unit = new PyfFrontend(d, "fuzz", java.util.Map.of()).parse(file, List.of(s[1].split("\n", -1)));
            bind(List.of(unit), d);
        }
    }

    /**
     * C: most cases are already preprocessed text ({@code cc -E -C -dD} of the repository's C files and of
     * system headers, mutated), parsed and lowered directly; one in four goes as a raw header through the
     * real preprocessor and the whole generator.
     */
    static final class C implements Fuzzer.Target {
        private final CPreprocessor preprocessor = CPreprocessor.fromEnvironment();
        private final Path scratch;

        C(Path scratch) {
            this.scratch = scratch;
        }

        @Override
        public String name() {
            return "c";
        }

        static List<Path> headers() {
            List<Path> out = new ArrayList<>(repositoryFiles(".h", ".c"));
            for (String system : List.of("/usr/include/x86_64-linux-gnu/cblas.h", "/usr/include/fftw3.h",
                    "/usr/include/stdio.h", "/usr/lib/x86_64-linux-gnu/openmpi/include/mpi.h")) {
                if (Files.isReadable(Path.of(system))) {
                    out.add(Path.of(system));
                }
            }
            return out;
        }

        @Override
        public List<String> seeds() {
            List<String> out = new ArrayList<>();
            for (Path h : headers()) {
                try {
                    out.add("PRE " + h + "\n" + preprocessor.preprocess(List.of(h)).text());
                } catch (CPreprocessorException e) {
                    continue; // a source that needs include paths the fuzzer does not know
                }
                if (!h.startsWith("/usr/")) {
                    out.add("RAW " + h.getFileName() + "\n" + read(h));
                }
            }
            return out;
        }

        @Override
        public String mutate(Mutator mutator, String seed, String other) {
            // Three cases in four skip cc -E (milliseconds per case) and mutate preprocessed text.
            String chosen = seed.startsWith("RAW ") && other.startsWith("PRE ") && mutator.nextInt(4) != 0 ? other : seed;
            String[] s = headed(chosen);
            return s[0] + "\n" + mutator.mutate(s[1], headed(other)[1]);
        }

        @Override
        public void run(String input) throws IOException {
            String[] s = headed(input);
            var d = new Diagnostics();
            if (s[0].startsWith("RAW ")) {
                String name = s[0].substring(4);
                Path file = scratch.resolve(name.endsWith(".c") ? "fuzz.c" : "fuzz.h");
                write(file, s[1]);
                BindingGenerator.generate("fuzz", List.of(file), "fuzz.pkg", d, preprocessor);
                return;
            }
            Path file = Path.of(s[0].substring(4));
            parseAndBind(new PreprocessedSource(s[1], Set.of(file), List.of("cc", "-E")), file, d);
        }
    }

    static void parseAndBind(PreprocessedSource source, Path file, Diagnostics d) {
        CTranslationUnit unit = CParser.parse(source, d);
        bind(List.of(new CLowering(unit, Language.C, d).lower(file)), d);
    }

    /**
     * Directives: the {@code gatun:} comments of the repository's C inputs, mutated inside the comment only
     * (so the C around them stays valid and the directive reaches lowering), plus {@code .gatun} signature files.
     */
    static final class Directives implements Fuzzer.Target {
        private final Path scratch;

        Directives(Path scratch) {
            this.scratch = scratch;
        }

        @Override
        public String name() {
            return "directives";
        }

        @Override
        public List<String> seeds() {
            List<String> out = new ArrayList<>();
            for (Path h : repositoryFiles(".h", ".c")) {
                String text = read(h);
                if (text.contains("gatun:") && !text.contains("#include <")) {
                    // Only the declarations matter here: drop the preprocessor lines, keep the rest as it is.
                    out.add("C\n" + String.join("\n", text.lines().map(l -> l.startsWith("#") ? "" : l).toList()));
                }
            }
            out.add("C\n// gatun: a dimension(n, m) intent(inout) order(fortran)\n// gatun: n hide; m check(m > 0) depend(a)\n"
                    + "void scale(double *a, int n, int m, double factor);\n"
                    + "int saxpy(float alpha, const float *d_x, float *d_y, int n); // gatun: d_x device; d_y device\n"
                    + "void text(char *buf /* gatun: out, dimension(len) */, int len, double **p /* gatun: out */);\n");
            for (Path g : repositoryFiles(".gatun")) {
                out.add("SIG\n" + read(g));
            }
            return out;
        }

        @Override
        public String mutate(Mutator mutator, String seed, String other) {
            String[] s = headed(seed);
            String body = s[1];
            if (s[0].equals("SIG")) {
                return "SIG\n" + mutator.mutate(body, headed(other)[1]);
            }
            // Mutate one directive comment: from its marker to the end of the comment.
            List<Integer> markers = new ArrayList<>();
            for (int at = body.indexOf("gatun:"); at >= 0; at = body.indexOf("gatun:", at + 1)) {
                markers.add(at);
            }
            if (markers.isEmpty()) {
                return "C\n" + mutator.mutate(body, "");
            }
            int start = markers.get(mutator.nextInt(markers.size())) + "gatun:".length();
            int close = body.indexOf("*/", start);
            int newline = body.indexOf('\n', start);
            int end = close >= 0 && (newline < 0 || close < newline || body.lastIndexOf("/*", start) > body.lastIndexOf('\n', start))
                    ? (close < 0 ? body.length() : close) : (newline < 0 ? body.length() : newline);
            String piece = mutator.mutate(body.substring(start, end), "");
            // A mutated comment must stay one comment: no early close, no new line ending a // comment.
            piece = piece.replace("*/", "* /").replace('\n', ' ').replace('\r', ' ');
            return "C\n" + body.substring(0, start) + piece + body.substring(end);
        }

        @Override
        public void run(String input) throws IOException {
            String[] s = headed(input);
            var d = new Diagnostics();
            if (s[0].equals("SIG")) {
                Path file = scratch.resolve("fuzz.gatun");
                write(file, s[1]);
                SignatureFile signatures = SignatureFile.read(List.of(file), d);
                signatures.functions().keySet().forEach(signatures::directives);
                // Apply them to prototypes of every function the file names, so the directives reach lowering.
                StringBuilder header = new StringBuilder("# 1 \"fuzz.h\"\n");
                for (String f : signatures.functions().keySet()) {
                    if (f.matches("[A-Za-z_][A-Za-z_0-9]*")) {
                        header.append("int ").append(f).append("(double *a, int n, char *version, int *resultlen, void **p);\n");
                    }
                }
                Path h = Path.of("fuzz.h");
                CTranslationUnit unit = CParser.parse(new PreprocessedSource(header.toString(), Set.of(h), List.of()), d);
                bind(List.of(new CLowering(unit, Language.C, d).withSignatures(signatures).lower(h)), d);
                return;
            }
            Path h = Path.of("fuzz.h");
            parseAndBind(new PreprocessedSource("# 1 \"fuzz.h\"\n" + s[1], Set.of(h), List.of()), h, d);
        }
    }

    /** {@code .npy} files: valid files of every element type, order and format version, mutated mostly in the header. */
    static final class NpyHeader implements Fuzzer.Target {
        private final Path scratch;

        NpyHeader(Path scratch) {
            this.scratch = scratch;
        }

        @Override
        public String name() {
            return "npy";
        }

        @Override
        public List<String> seeds() {
            List<String> out = new ArrayList<>();
            try (Arena arena = Arena.ofConfined()) {
                List<NdArray> arrays = List.of(DoubleArray.of(arena, Order.C, new double[] {1, 2, 3, 4, 5, 6}, 2, 3),
                        DoubleArray.of(arena, Order.FORTRAN, new double[] {1, 2, 3, 4, 5, 6}, 3, 2),
                        IntArray.allocate(arena, 7), ComplexDoubleArray.allocate(arena, 2, 2), DoubleArray.allocate(arena));
                int n = 0;
                for (NdArray a : arrays) {
                    for (int version = 1; version <= 3; version++) {
                        Path file = scratch.resolve("seed" + n++ + ".npy");
                        Npy.write(file, a, version);
                        out.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }

        @Override
        public String mutate(Mutator mutator, String seed, String other) {
            byte[] bytes = seed.getBytes(StandardCharsets.ISO_8859_1);
            int headerEnd = seed.indexOf('\n') + 1;
            return new String(mutator.mutate(bytes, headerEnd > 0 ? headerEnd : 128), StandardCharsets.ISO_8859_1);
        }

        @Override
        public void run(String input) throws IOException {
            Path file = scratch.resolve("case.npy");
            Files.write(file, input.getBytes(StandardCharsets.ISO_8859_1));
            try (Arena arena = Arena.ofConfined()) {
                var array = Npy.read(file, arena);
                array.toString();
                if (array.segment().byteSize() < array.size() * array.elementType().byteSize()) {
                    throw new AssertionError("the mapped data is shorter than the shape says: " + array);
                }
            } catch (NpyFormatException expected) {
                if (expected.getMessage() == null || !expected.getMessage().toLowerCase(Locale.ROOT).contains("case.npy")) {
                    throw new AssertionError("an NpyFormatException must name the file: " + expected.getMessage(), expected);
                }
            }
        }
    }
}
