// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.fortran.EmbeddedSignature;
import dev.gatun.bindings.fortran.FortranKinds;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Unit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads f2py signature files ({@code .pyf}) into the binding model.
 *
 * <p>With a signature file, the file is the interface: Gatun binds what it declares and only
 * compiles the Fortran sources, as f2py does, so sources Gatun could not parse are no obstacle.
 * One frontend serves all signature files of a library: their {@code usercode} and the wrappers of
 * their {@code callstatement}s end up in one C file, {@link #cSource()}, compiled into the library.
 *
 * <p>Problems are reported as {@code file:line:col: message}; a routine that cannot be bound is
 * skipped with a warning naming the reason, and the others are bound.
 */
public final class PyfFrontend {

    private final Diagnostics diagnostics;
    private final Map<String, Expr> kindConstants;
    private final CallStatementWriter wrappers;
    private final List<Map.Entry<SourcePosition, String>> userCode = new ArrayList<>();
    private final List<String> pythonModules = new ArrayList<>();

    /**
     * Creates a frontend for one library.
     *
     * @param diagnostics where errors and warnings go
     * @param library     the library name: it names the C file ({@code gatun_<library>_pyf.c}) and prefixes wrapper symbols
     * @param kindNames   kind names from a {@code .f2py_f2cmap} ({@code rk} to 8), used where a kind is not an intrinsic one
     */
    public PyfFrontend(Diagnostics diagnostics, String library, Map<String, Long> kindNames) {
        this.diagnostics = diagnostics;
        this.kindConstants = FortranKinds.intrinsicConstants();
        kindNames.forEach((name, kind) -> kindConstants.putIfAbsent(name.toLowerCase(Locale.ROOT), new Expr.IntConst(kind, SourcePosition.NONE)));
        String lower = library.toLowerCase(Locale.ROOT);
        this.wrappers = new CallStatementWriter(cFileName(library), "gatun_pyf_" + lower + "_");
    }

    /**
     * The name the C file of a library's signature files is compiled under.
     *
     * @param library the library name
     * @return {@code gatun_<library>_pyf.c}
     */
    public static String cFileName(String library) {
        return "gatun_" + library.toLowerCase(Locale.ROOT) + "_pyf.c";
    }

    /**
     * Parses one signature file.
     *
     * @param file the {@code .pyf} file
     * @return the routines it declares, as a unit of that file
     */
    public Unit parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diagnostics.error(new SourcePosition(file, 0, 0), "cannot read the signature file: " + e);
            return new Unit(file, Language.FORTRAN, List.of());
        }
        return parse(file, lines);
    }

    /**
     * Parses signature-file text given as lines (for tests).
     *
     * @param file  the name to report in diagnostics
     * @param lines the lines
     * @return the routines it declares
     */
    public Unit parse(Path file, List<String> lines) {
        List<PyfStatement> statements = new PyfReader(diagnostics).read(file, lines);
        PyfParser.Parsed parsed = new PyfParser(diagnostics, kindConstants).parse(statements);
        userCode.addAll(parsed.userCode);
        pythonModules.addAll(parsed.pythonModules);
        return new Unit(file, Language.FORTRAN, new PyfLowering(diagnostics, parsed, wrappers).lowerAll());
    }

    /**
     * Reads the procedures of a Fortran source whose {@code !f2py} lines hold a {@code callstatement}, as f2py
     * reads them: each as a signature file's routine, its callstatement wrapper added to {@link #cSource()}.
     *
     * @param file     the Fortran source, which names the routines' python module in messages
     * @param routines the procedures' statements, as the Fortran frontend kept them
     * @return the bound procedures; those that cannot be bound (syntax errors included) are skipped with a warning
     */
    public List<Procedure> parseEmbedded(Path file, List<EmbeddedSignature> routines) {
        var out = new ArrayList<Procedure>();
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        for (EmbeddedSignature routine : routines) {
            List<PyfStatement> statements = routine.statements().stream()
                    .map(t -> new PyfStatement(t.text(), t.file(), t.lines(), t.columns(), null)).toList();
            // A Fortran source is not a signature file: what the signature reader rejects skips that procedure only.
            var read = new Diagnostics();
            PyfParser.Parsed parsed = new PyfParser(read, kindConstants).parseRoutine(statements, stem, routine.module());
            read.all().forEach(d -> diagnostics.warning(d.position(), d.message()));
            out.addAll(new PyfLowering(diagnostics, parsed, wrappers).lowerAll());
        }
        return out;
    }

    /**
     * Returns the names of the {@code python module} blocks read so far (callback modules excluded).
     *
     * @return the module names, in file order
     */
    public List<String> pythonModules() {
        return List.copyOf(pythonModules);
    }

    /**
     * Returns the C file to compile into the library: usercode and callstatement wrappers.
     *
     * @return the C source, or empty when the signature files have neither
     */
    public Optional<String> cSource() {
        return wrappers.source(userCode);
    }
}
