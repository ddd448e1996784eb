// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Declarations;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Unit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads Fortran 77 and Fortran 90+ sources (fixed or free form) into the binding model.
 *
 * <p>Only declarations are read: procedure headers, argument declarations, f2py directives and
 * interface blocks. Bodies are skipped. Problems are reported to the {@link Diagnostics} as
 * {@code file:line:col: message}; unsupported constructs are skipped with a warning.
 *
 * <p>One frontend instance remembers the named constants of the modules it has read, so files
 * that {@code use} a module read earlier see its kind constants; parse files in dependency order.
 */
public final class FortranFrontend {

    private final Diagnostics diagnostics;
    private final Map<String, Map<String, Expr>> moduleConstants = FortranParser.newModuleTable();
    /** The public derived types of the modules read so far, for files that {@code use} them. */
    private final Map<String, Map<String, dev.gatun.bindings.model.Type>> moduleTypes = new java.util.HashMap<>();
    private final Map<String, Long> kindNames;

    /**
     * Creates a frontend reporting to {@code diagnostics}.
     *
     * @param diagnostics where errors and warnings go
     */
    public FortranFrontend(Diagnostics diagnostics) {
        this(diagnostics, Map.of());
    }

    /**
     * Creates a frontend that knows extra kind names, from an f2py kind map ({@code .f2py_f2cmap}).
     *
     * @param diagnostics where errors and warnings go
     * @param kindNames   kind name to kind value ({@code rk} to 8), used only where the sources and the
     *                    intrinsic modules do not define the name: the compiled code uses the real kind
     */
    public FortranFrontend(Diagnostics diagnostics, Map<String, Long> kindNames) {
        this.diagnostics = diagnostics;
        this.kindNames = Map.copyOf(kindNames);
    }

    /**
     * Parses a Fortran file.
     *
     * @param file the source file; its extension and content decide fixed or free form
     * @return the procedures it declares and its source form
     */
    public FortranSource parse(Path file) {
        List<String> lines;
        try {
            if (FortranPreprocessor.needed(file)) {
                lines = FortranPreprocessor.run(file, System.getenv());
            } else {
                lines = decode(Files.readAllBytes(file)).lines().toList();
            }
        } catch (IOException e) {
            diagnostics.error(new SourcePosition(file, 0, 0), "cannot read the source file: " + e);
            return new FortranSource(new Unit(file, Language.FORTRAN, List.of()), SourceForm.FREE);
        } catch (FortranPreprocessor.PreprocessorException e) {
            diagnostics.error(new SourcePosition(file, 0, 0), e.getMessage());
            return new FortranSource(new Unit(file, Language.FORTRAN, List.of()), SourceForm.FREE);
        }
        return parse(file, lines);
    }

    /**
     * Decodes a source: a byte-order mark selects UTF-8, UTF-16 or UTF-32 (as f2py's reader does);
     * otherwise UTF-8, leniently, since old sources are often Latin-1 and only their comments hold such bytes.
     */
    static String decode(byte[] bytes) {
        int skip = 0;
        java.nio.charset.Charset charset = StandardCharsets.UTF_8;
        if (starts(bytes, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (starts(bytes, 0xFF, 0xFE, 0, 0)) {
            skip = 4;
            charset = java.nio.charset.Charset.forName("UTF-32LE");
        } else if (starts(bytes, 0, 0, 0xFE, 0xFF)) {
            skip = 4;
            charset = java.nio.charset.Charset.forName("UTF-32BE");
        } else if (starts(bytes, 0xFF, 0xFE)) {
            skip = 2;
            charset = StandardCharsets.UTF_16LE;
        } else if (starts(bytes, 0xFE, 0xFF)) {
            skip = 2;
            charset = StandardCharsets.UTF_16BE;
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses Fortran source text given as lines (for tests and generated inputs).
     *
     * @param file  the name to report in diagnostics and to detect the form from
     * @param lines the source lines
     * @return the procedures it declares and its source form
     */
    public FortranSource parse(Path file, List<String> lines) {
        SourceForm form = SourceForm.detect(file, lines);
        List<Statement> statements = new StatementReader(diagnostics).read(file, lines, form);
        var parser = new FortranParser(diagnostics, moduleConstants, kindNames, moduleTypes);
        List<ProcedureDraft> drafts = parser.parse(statements);
        return new FortranSource(new Unit(file, Language.FORTRAN, DraftLowering.lowerAll(drafts, diagnostics),
                DraftLowering.lowerCommons(drafts, diagnostics), parser.variables(), Declarations.NONE, parser.types(),
                // What cannot be lowered there is not bound anyway: no warning about a private procedure.
                DraftLowering.lowerAll(parser.privates(), new dev.gatun.bindings.diag.Diagnostics())), form, parser.signatures());
    }
}
