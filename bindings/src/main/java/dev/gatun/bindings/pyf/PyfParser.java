// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Procedure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks the statements of a signature file: {@code python module} blocks, their {@code usercode},
 * {@code interface} blocks, Fortran {@code module} blocks inside them, and each routine's
 * declarations (handed to {@link PyfDeclarations}). A routine with a syntax error is reported at
 * {@code file:line:col} and dropped; the rest of the file is still read.
 */
final class PyfParser {

    /** Everything a signature file declares. */
    static final class Parsed {
        final List<RoutineDraft> routines = new ArrayList<>();
        /** {@code __user__} modules: lower-case module name to its routines (callback signatures). */
        final Map<String, List<RoutineDraft>> callbackModules = new LinkedHashMap<>();
        /** The {@code usercode} blocks, in file order, with where each was written. */
        final List<Map.Entry<SourcePosition, String>> userCode = new ArrayList<>();
        final List<String> pythonModules = new ArrayList<>();
    }

    private static final java.util.regex.Pattern PYTHON_MODULE = java.util.regex.Pattern.compile("(?i)\\s*python\\s+module\\s+(\\w+)");
    private static final java.util.regex.Pattern ROUTINE_HEADER = java.util.regex.Pattern.compile(
            "(?i)\\s*(?:[\\w*()=, ]+\\s+)?(?:subroutine|function)\\s+\\w+");
    private static final Set<String> PREFIXES = Set.of("recursive", "pure", "elemental", "impure", "module");

    private final Diagnostics diagnostics;
    private final PyfDeclarations declarations;
    private final Parsed parsed = new Parsed();
    private List<PyfStatement> statements;
    private int index;

    PyfParser(Diagnostics diagnostics, Map<String, Expr> kindConstants) {
        this.diagnostics = diagnostics;
        this.declarations = new PyfDeclarations(kindConstants);
    }

    Parsed parse(List<PyfStatement> fileStatements) {
        this.statements = fileStatements;
        this.index = 0;
        while (index < statements.size()) {
            PyfStatement s = statements.get(index++);
            if (s.block() != null) {
                block(s, null);
                continue;
            }
            try {
                PyfTokens c = new PyfTokens(s);
                if (c.peek().is("python") && c.peek(1).is("module")) {
                    c.next();
                    c.next();
                    pythonModule(c.expectName("the python module name").text(), s.positionAt(0));
                } else {
                    diagnostics.warning(s.positionAt(0), "skipped statement outside any 'python module' block: " + shorten(s.text()));
                }
            } catch (PyfTokens.SyntaxError e) {
                diagnostics.error(e.position(), e.getMessage());
                var header = PYTHON_MODULE.matcher(s.text());
                if (header.lookingAt()) {
                    pythonModule(header.group(1), s.positionAt(0)); // read its body anyway: one error, not one per line
                }
            }
        }
        return parsed;
    }

    /**
     * Reads one routine given as its statements, header to {@code end}, outside any {@code python module}: a
     * Fortran source's procedure whose {@code !f2py} lines make it a signature.
     *
     * @param routine      the statements
     * @param pythonModule what to name the routine's python module (its file)
     * @param module       the Fortran module holding it, or null
     */
    Parsed parseRoutine(List<PyfStatement> routine, String pythonModule, String module) {
        this.statements = routine;
        this.index = 0;
        if (statements.isEmpty()) {
            return parsed;
        }
        PyfStatement header = statements.get(index++);
        try {
            if (!routine(new PyfTokens(header), pythonModule, module, parsed.routines)) {
                diagnostics.warning(header.positionAt(0), "skipped a routine whose header cannot be read: " + shorten(header.text()));
            }
        } catch (PyfTokens.SyntaxError e) {
            diagnostics.error(e.position(), e.getMessage());
        }
        return parsed;
    }

    private void block(PyfStatement s, String pythonModule) {
        switch (s.block()) {
            case "usercode" -> parsed.userCode.add(Map.entry(s.positionAt(0), s.text()));
            case "pymethoddef" -> diagnostics.warning(s.positionAt(0), "skipped pymethoddef: it adds Python C-API methods, which have no Java counterpart");
            default -> diagnostics.warning(s.positionAt(0), "skipped " + s.block() + " block outside a routine"
                    + (pythonModule == null ? "" : " of python module '" + pythonModule + "'"));
        }
    }

    private void pythonModule(String name, SourcePosition start) {
        boolean user = name.toLowerCase(Locale.ROOT).contains("__user__");
        List<RoutineDraft> sink = user ? parsed.callbackModules.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                : parsed.routines;
        if (!user) {
            parsed.pythonModules.add(name);
        }
        while (index < statements.size()) {
            PyfStatement s = statements.get(index++);
            if (s.block() != null) {
                block(s, name);
                continue;
            }
            try {
                PyfTokens c = new PyfTokens(s);
                if (isEnd(c, "python")) {
                    return;
                } else if (c.peek().is("interface")) {
                    interfaceBlock(name, sink);
                } else if (c.peek().is("module") && c.peek(1).kind() == PyfTokens.Kind.NAME && !c.peek(1).is("procedure")) {
                    fortranModule(name, c.peek(1).text(), s.positionAt(0), sink);
                } else if (c.peek().is("usercode") || c.peek().is("pymethoddef")) {
                    c.next();
                    if (c.peek().kind() == PyfTokens.Kind.STRING) {
                        String text = c.next().text();
                        if (s.text().strip().toLowerCase(Locale.ROOT).startsWith("usercode")) {
                            parsed.userCode.add(Map.entry(s.positionAt(0), text));
                        }
                    }
                } else if (!routine(c, name, null, sink)) {
                    diagnostics.warning(s.positionAt(0), "skipped statement in python module '" + name + "': " + shorten(s.text()));
                }
            } catch (PyfTokens.SyntaxError e) {
                diagnostics.error(e.position(), e.getMessage());
                skipBrokenRoutine(s);
            }
        }
        diagnostics.error(start, "python module '" + name + "' has no matching 'end python module'");
    }

    private void interfaceBlock(String pythonModule, List<RoutineDraft> sink) {
        while (index < statements.size()) {
            PyfStatement s = statements.get(index++);
            if (s.block() != null) {
                block(s, pythonModule);
                continue;
            }
            try {
                PyfTokens c = new PyfTokens(s);
                if (isEnd(c, "interface")) {
                    return;
                } else if (c.peek().is("module") && c.peek(1).kind() == PyfTokens.Kind.NAME && !c.peek(1).is("procedure")) {
                    fortranModule(pythonModule, c.peek(1).text(), s.positionAt(0), sink);
                } else if (!routine(c, pythonModule, null, sink)) {
                    diagnostics.warning(s.positionAt(0), "skipped statement in an interface block: " + shorten(s.text()));
                }
            } catch (PyfTokens.SyntaxError e) {
                diagnostics.error(e.position(), e.getMessage());
                skipBrokenRoutine(s);
            }
        }
    }

    private void fortranModule(String pythonModule, String module, SourcePosition start, List<RoutineDraft> sink) {
        while (index < statements.size()) {
            PyfStatement s = statements.get(index++);
            if (s.block() != null) {
                block(s, pythonModule);
                continue;
            }
            try {
                PyfTokens c = new PyfTokens(s);
                if (isEnd(c, "module")) {
                    return;
                }
                if (c.peek().is("contains") || c.peek().is("use") || c.peek().is("implicit")) {
                    continue;
                }
                if (!routine(c, pythonModule, module, sink)) {
                    diagnostics.warning(s.positionAt(0), "skipped module data in module '" + module + "': " + shorten(s.text())
                            + " (only the module's routines are bound from a signature file)");
                }
            } catch (PyfTokens.SyntaxError e) {
                diagnostics.error(e.position(), e.getMessage());
                skipBrokenRoutine(s);
            }
        }
        diagnostics.error(start, "module '" + module + "' has no matching 'end module'");
    }

    /** Parses a routine if the statement is its header; returns false (cursor unchanged) otherwise. */
    private boolean routine(PyfTokens c, String pythonModule, String module, List<RoutineDraft> sink) {
        int mark = c.mark();
        RoutineDraft.TypeSpec prefix = null;
        while (true) {
            if (c.peek().kind() == PyfTokens.Kind.NAME && PREFIXES.contains(c.peek().lower()) && !c.peek(1).is("(")) {
                c.next();
            } else if (prefix == null && PyfDeclarations.startsType(c)) {
                prefix = declarations.type(c);
            } else {
                break;
            }
        }
        Procedure.Kind kind;
        if (c.peek().is("subroutine") && c.peek(1).kind() == PyfTokens.Kind.NAME) {
            kind = Procedure.Kind.SUBROUTINE;
        } else if (c.peek().is("function") && c.peek(1).kind() == PyfTokens.Kind.NAME) {
            kind = Procedure.Kind.FUNCTION;
        } else {
            c.reset(mark);
            return false;
        }
        PyfTokens.Token keyword = c.next();
        PyfTokens.Token name = c.expectName("a routine name");
        var draft = new RoutineDraft(name.text(), kind, c.position(name), pythonModule, module);
        draft.prefixType = prefix;
        if (c.accept("(")) {
            if (!c.peek().is(")")) {
                do {
                    PyfTokens.Token a = c.expectName("an argument name");
                    draft.arguments.add(a.text());
                    draft.argumentPositions.put(a.text().toLowerCase(Locale.ROOT), c.position(a));
                } while (c.accept(","));
            }
            c.expect(")", "to close the argument list of '" + name.text() + "'");
        }
        while (!c.atEnd()) {
            if (c.accept("result")) {
                c.expect("(", "after 'result'");
                draft.resultName = c.expectName("the result variable").text();
                c.expect(")", "to close 'result('");
            } else if (c.accept("bind")) {
                c.expect("(", "after 'bind'");
                while (!c.atEnd() && !c.accept(")")) {
                    c.next();
                }
            } else {
                throw c.error(c.peek(), "unexpected " + c.peek().describe() + " after the " + keyword.lower() + " header");
            }
        }
        if (body(draft)) {
            sink.add(draft);
        }
        return true;
    }

    /** Reads the routine's statements through its end; returns false when they had errors (reported). */
    private boolean body(RoutineDraft draft) {
        boolean failed = false;
        while (index < statements.size()) {
            PyfStatement s = statements.get(index++);
            if (s.block() != null) {
                if (s.block().equals("callstatement")) {
                    draft.callStatement = s.text();
                    draft.callStatementAt = s.positionAt(0);
                } else {
                    block(s, draft.pythonModule);
                }
                continue;
            }
            String text = s.text().strip();
            if (text.regionMatches(true, 0, "callstatement", 0, 13) && (text.length() == 13 || !Character.isLetterOrDigit(text.charAt(13)))) {
                // C code: not lexed as Fortran.
                draft.callStatement = text.substring(13).strip();
                draft.callStatementAt = s.positionAt(0);
                continue;
            }
            try {
                PyfTokens c = new PyfTokens(s);
                if (isEnd(c, draft.kindWord())) {
                    if (failed) {
                        diagnostics.warning(draft.position, "skipped " + draft.kindWord() + " '" + draft.name
                                + "': its declarations have errors (reported above)");
                    }
                    return !failed;
                }
                if (!failed) {
                    statement(c, draft);
                }
            } catch (PyfTokens.SyntaxError e) {
                diagnostics.error(e.position(), e.getMessage());
                failed = true;
            }
        }
        diagnostics.error(draft.position, draft.kindWord() + " '" + draft.name + "' has no matching 'end'");
        return false;
    }

    private void statement(PyfTokens c, RoutineDraft draft) {
        PyfTokens.Token first = c.peek();
        switch (first.lower()) {
            case "fortranname" -> {
                c.next();
                draft.fortranName = c.atEnd() ? "" : c.expectName("the Fortran name").text();
            }
            case "callprotoargument" -> {
                c.next();
                draft.callProtoArgument = c.rest();
            }
            case "threadsafe" -> draft.threadsafe = true;
            case "use" -> use(c, draft);
            case "note", "entry", "common", "data", "equivalence", "include", "implicit", "save", "intrinsic", "format" -> {
                // f2py documentation notes and statements that do not change a signature.
            }
            default -> declarations.declaration(c, draft);
        }
    }

    /** {@code use cb__user__routines[, only:] [local => remote, ...]}. */
    private static void use(PyfTokens c, RoutineDraft draft) {
        c.expect("use", "");
        String module = c.expectName("a module name").lower();
        Map<String, String> renames = new LinkedHashMap<>();
        if (c.accept(",")) {
            if (c.peek().is("only") && c.peek(1).is(":")) {
                c.next();
                c.next();
            }
            while (!c.atEnd()) {
                String local = c.expectName("a name in the use list").lower();
                String remote = c.accept("=>") ? c.expectName("a routine of module " + module).lower() : local;
                renames.put(local, remote);
                c.accept(",");
            }
        }
        draft.uses.put(module, renames);
    }

    /**
     * After an error in a routine's header, skips its body through its {@code end}, so the body's statements
     * and its {@code end} are not read as the enclosing block's (which would close it early).
     */
    private void skipBrokenRoutine(PyfStatement header) {
        if (!ROUTINE_HEADER.matcher(header.text()).lookingAt()) {
            return;
        }
        diagnostics.warning(header.positionAt(0), "skipped the routine declared here: its header has errors (reported above)");
        while (index < statements.size()) {
            String text = statements.get(index++).text().strip().toLowerCase(Locale.ROOT);
            if (text.equals("end") || text.matches("end\\s*(subroutine|function)\\b.*")) {
                return;
            }
        }
    }

    /** True for {@code end}, {@code end <word> [name]}, and {@code end python module [name]}. */
    private static boolean isEnd(PyfTokens c, String word) {
        if (!c.peek().is("end") && !c.peek().lower().equals("end" + word)) {
            return false;
        }
        int next = c.peek().is("end") ? 1 : 0;
        if (c.peek(next).kind() == PyfTokens.Kind.END) {
            return true;
        }
        return c.peek(next).is(word);
    }

    private static String shorten(String text) {
        String t = text.strip();
        return t.length() > 50 ? t.substring(0, 50) + "..." : t;
    }
}
