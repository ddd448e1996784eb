package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
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

    /**
     * Creates a frontend reporting to {@code diagnostics}.
     *
     * @param diagnostics where errors and warnings go
     */
    public FortranFrontend(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
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
                // Lenient: old sources are often Latin-1; only their comments hold such bytes.
                lines = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)
                        .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString().lines().toList();
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
     * Parses Fortran source text given as lines (for tests and generated inputs).
     *
     * @param file  the name to report in diagnostics and to detect the form from
     * @param lines the source lines
     * @return the procedures it declares and its source form
     */
    public FortranSource parse(Path file, List<String> lines) {
        SourceForm form = SourceForm.detect(file, lines);
        List<Statement> statements = new StatementReader(diagnostics).read(file, lines, form);
        List<ProcedureDraft> drafts = new FortranParser(diagnostics, moduleConstants).parse(statements);
        return new FortranSource(new Unit(file, Language.FORTRAN, DraftLowering.lowerAll(drafts, diagnostics),
                DraftLowering.lowerCommons(drafts, diagnostics)), form);
    }
}
