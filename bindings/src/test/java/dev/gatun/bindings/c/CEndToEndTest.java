// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatun.array.DoubleArray;
import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.driver.CompilerDriver;
import dev.gatun.bindings.driver.JarWriter;
import dev.gatun.bindings.emit.JavaEmitter;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.pass.Passes;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cython's {@code cos_doubles}, bound from its C header: the real preprocessor, the parser, the
 * directives, the lowering, the shared passes and emitter, gcc, and a call through the generated class.
 */
class CEndToEndTest {

    private static final String HEADER = """
            #ifndef COS_DOUBLES_H
            #define COS_DOUBLES_H
            void cos_doubles(double *in /* gatun: in, dimension(size) */,
                             double *out /* gatun: out, dimension(size) */, int size);
            double sum_doubles(const double *x, int n); // gatun: x dimension(n)
            #endif
            """;

    private static final String SOURCE = """
            #include <math.h>
            #include "cos_doubles.h"
            void cos_doubles(double *in, double *out, int size) {
                for (int i = 0; i < size; i++) out[i] = cos(in[i]);
            }
            double sum_doubles(const double *x, int n) {
                double s = 0; for (int i = 0; i < n; i++) s += x[i]; return s;
            }
            """;

    @TempDir
    Path dir;

    @Test
    void cosDoublesFromItsHeader() throws Exception {
        Path h = dir.resolve("cos_doubles.h");
        Path c = dir.resolve("cos_doubles.c");
        Files.writeString(h, HEADER);
        Files.writeString(c, SOURCE);
        Diagnostics diagnostics = new Diagnostics();
        CTranslationUnit unit = CParser.parse(CPreprocessor.fromEnvironment().preprocess(List.of(h)), diagnostics);
        Library library = new Library("cosdoubles", List.of(new CLowering(unit, Language.C, diagnostics).lower(h)));
        Annotations notes = Passes.run(library, diagnostics);
        assertEquals(List.of(), diagnostics.all());

        Path lib = dir.resolve("libcosdoubles.so");
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        new CompilerDriver(quiet, System.getenv()).build(new CompilerDriver.Request(
                List.of(new CompilerDriver.Source(c, false)), lib, List.of(dir), List.of(), List.of("m"), false, false),
                dir.resolve("obj"));
        String java = new JavaEmitter(notes).emit(library, "");
        Path jar = dir.resolve("cosdoubles.jar");
        JarWriter.write(jar, "", JavaEmitter.className(library), java, lib, dir.resolve("classes"), System.err);

        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
             Arena arena = Arena.ofConfined()) {
            Class<?> bound = Class.forName(JavaEmitter.className(library), true, loader);
            Method cos = bound.getMethod("cosDoubles", DoubleArray.class, DoubleArray.class);
            DoubleArray in = DoubleArray.allocate(arena, 4);
            DoubleArray out = DoubleArray.allocate(arena, 4);
            double[] x = {0, Math.PI / 3, Math.PI / 2, Math.PI};
            for (int i = 0; i < x.length; i++) {
                in.set(i, x[i]);
            }
            cos.invoke(null, in, out);
            assertArrayEquals(new double[] {1, 0.5, 0, -1}, out.toArray(), 1e-15);
            Method sum = bound.getMethod("sumDoubles", DoubleArray.class);
            assertEquals(1 + 0.5 + 0 - 1, (double) sum.invoke(null, out), 1e-15);
            var tooShort = assertThrows(InvocationTargetException.class,
                    () -> cos.invoke(null, in, DoubleArray.allocate(arena, 3)));
            assertEquals(IllegalArgumentException.class, tooShort.getCause().getClass(), tooShort.getCause().toString());
        }
    }
}
