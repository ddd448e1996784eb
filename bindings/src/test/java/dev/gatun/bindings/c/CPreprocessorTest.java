// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatun.bindings.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real preprocessor: options, user files versus system headers, positions, and failures. */
class CPreprocessorTest {

    @Test
    void userHeadersAreToldApartFromWhatTheyInclude(@TempDir Path dir) throws Exception {
        Path inc = Files.createDirectory(dir.resolve("inc"));
        Files.writeString(inc.resolve("detail.h"), "typedef int detail_t;\n");
        Path h = dir.resolve("mylib.h");
        Files.writeString(h, """
                #include <stdio.h>
                #include "detail.h"
                #ifdef WITH_EXTRA
                int extra(void);
                #endif
                #ifndef DROPPED
                int dropped(void);
                #endif

                int mylib_print(FILE *out, detail_t level);
                """);
        Diagnostics diagnostics = new Diagnostics();
        CPreprocessor cpp = CPreprocessor.fromEnvironment().withIncludeDirectory(inc).withDefine("WITH_EXTRA", "1")
                .withDefine("DROPPED", null);
        CTranslationUnit u = CParser.parse(cpp.preprocess(List.of(h)), diagnostics);
        assertEquals(List.of(), diagnostics.errors());
        assertEquals(List.of("extra", "mylib_print"), u.userDeclarations().stream()
                .filter(CFunction.class::isInstance).map(CDeclaration::name).toList());
        assertFalse(u.function("fopen").orElseThrow().fromUserFile(), "stdio.h is not bound by default");
        assertFalse(u.typedef("detail_t").orElseThrow().fromUserFile(), "only the named header counts");
        CFunction print = u.function("mylib_print").orElseThrow();
        assertEquals(h.toAbsolutePath().normalize() + ":10:5", print.position().toString());
        assertTrue(u.function("dropped").isEmpty());

        CTranslationUnit undefined = CParser.parse(cpp.withUndefine("DROPPED").preprocess(List.of(h)), diagnostics);
        assertTrue(undefined.function("dropped").isPresent(), "-U after -D undefines it");
    }

    @Test
    void macroConstantsAndAliases(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("m.h");
        Files.writeString(h, """
                #define VERSION_MAJOR 3
                #define VERSION (VERSION_MAJOR * 1000 + 20)
                #define MASK (1u << 4)
                #define NAME "gatun"
                #define api_call api_call_v2
                int api_call_v2(int);
                """);
        CTranslationUnit u = CParser.parse(CPreprocessor.fromEnvironment().preprocess(List.of(h)), new Diagnostics());
        assertEquals(3020, u.macro("VERSION").orElseThrow().value().orElseThrow());
        assertEquals(16, u.macro("MASK").orElseThrow().value().orElseThrow());
        assertTrue(u.macro("NAME").orElseThrow().value().isEmpty());
        assertEquals("api_call_v2", u.function("api_call").orElseThrow().name());
    }

    @Test
    void compilerErrorsArePassedOn(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("broken.h");
        Files.writeString(h, "#include \"no_such_header.h\"\n#error stop here\n");
        CPreprocessorException e = assertThrows(CPreprocessorException.class,
                () -> CPreprocessor.fromEnvironment().preprocess(List.of(h)));
        assertTrue(e.getMessage().contains("no_such_header.h: No such file or directory"), e.getMessage());
    }

    @Test
    void missingCompilerAndMissingHeaderAreExplained(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("a.h");
        Files.writeString(h, "int a;\n");
        CPreprocessorException noCc = assertThrows(CPreprocessorException.class,
                () -> CPreprocessor.fromEnvironment().withCompiler("/nonexistent/cc").preprocess(List.of(h)));
        assertTrue(noCc.getMessage().contains("set $CC"), noCc.getMessage());
        CPreprocessorException noHeader = assertThrows(CPreprocessorException.class,
                () -> CPreprocessor.fromEnvironment().preprocess(List.of(dir.resolve("missing.h"))));
        assertTrue(noHeader.getMessage().contains("missing.h' does not exist"), noHeader.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CPreprocessor.fromEnvironment().withDefine("1x", "2"));
    }
}
