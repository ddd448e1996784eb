// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.DerivedType;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.ModuleVariable;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the statements of a Fortran file: program units, modules and the procedures they contain,
 * the specification part of each procedure (handed to {@link DeclarationParser}) and interface
 * blocks for callbacks. Procedure bodies are skipped, not parsed: only their {@code end} matters.
 */
final class FortranParser {

    /** Keywords that fixed-form code often glues to {@code end}: {@code ENDDO}, {@code ENDSUBROUTINE}. */
    private static final Set<String> END_SUFFIXES = Set.of("subroutine", "function", "module", "interface", "type",
            "program", "do", "if", "select", "where", "forall", "block", "associate", "critical", "enum", "submodule",
            "blockdata", "file");
    private static final Set<String> PREFIXES = Set.of("recursive", "pure", "elemental", "impure", "non_recursive", "module");
    private static final Set<String> IGNORED_IN_SPECIFICATION = Set.of("intrinsic", "save", "data", "common",
            "equivalence", "namelist", "format", "import", "target", "contiguous", "volatile", "asynchronous",
            "public", "private", "protected", "sequence", "entry");
    // A callstatement makes the procedure an EmbeddedSignature; one still met here is in a procedure with internal
    // procedures or in an interface body, which are read as Fortran.
    private static final Set<String> F2PY_UNSUPPORTED = Set.of("callstatement", "callprotoargument", "fortranname",
            "threadsafe", "note", "usercode", "pymethoddef");

    /** A parsed procedure header. */
    private record Header(String name, Procedure.Kind kind, List<Token> arguments, TypeSpec prefixType,
                          String resultName, boolean bindC, String bindName, SourcePosition position) {
    }

    private final Diagnostics diagnostics;
    private final Map<String, Long> kindNames;
    private final Map<String, Map<String, Expr>> moduleConstants;
    private final DeclarationParser declarations;
    private final List<ProcedureDraft> finished = new ArrayList<>();
    /** Private module procedures: a type-bound procedure bound to one is called through its binding, with its signature. */
    private final List<ProcedureDraft> privates = new ArrayList<>();
    private final List<ModuleVariable> variables = new ArrayList<>();
    private final Map<String, Map<String, Type>> moduleTypes;
    private final List<DerivedType> types = new ArrayList<>();
    private final List<EmbeddedSignature> signatures = new ArrayList<>();
    private List<Statement> statements;
    private int index;

    /**
     * {@code kindNames}: an f2py kind map's names, the fallback for kinds that nothing else defines; {@code moduleTypes}:
     * the derived types of the modules read so far (this parser adds its own), for {@code use}.
     */
    FortranParser(Diagnostics diagnostics, Map<String, Map<String, Expr>> moduleConstants, Map<String, Long> kindNames,
            Map<String, Map<String, Type>> moduleTypes) {
        this.kindNames = kindNames;
        this.diagnostics = diagnostics;
        this.moduleConstants = moduleConstants;
        this.moduleTypes = moduleTypes;
        this.declarations = new DeclarationParser(diagnostics, moduleConstants, moduleTypes);
    }

    /** Parses one file's statements into procedure drafts, in source order. */
    List<ProcedureDraft> parse(List<Statement> fileStatements) {
        this.statements = fileStatements;
        this.index = 0;
        Map<String, Expr> fileConstants = baseConstants();
        while (index < statements.size()) {
            Cursor c = nextCursor();
            if (c == null) {
                warnUnreadable("outside any procedure");
                continue;
            }
            try {
                Token first = c.peek();
                if (first.is("module") && c.peek(1).kind() == Token.Kind.NAME && !c.peek(1).is("procedure")
                        && !c.peek(1).is("subroutine") && !c.peek(1).is("function")) {
                    module(c.peek(1).text(), c.position(first));
                } else if (first.is("program") || first.is("blockdata") || (first.is("block") && c.peek(1).is("data"))
                        || first.is("submodule")) {
                    if (first.is("submodule")) {
                        diagnostics.warning(c.position(first), "skipped submodule: submodule procedures are not bound yet");
                    }
                    skipUnit(c.position(first), first.text());
                } else {
                    Header h = header(c, fileConstants);
                    if (h != null) {
                        procedure(h, null, fileConstants, Map.of(), new ImplicitRules(), finished);
                    } else if (!first.is("end")) {
                        diagnostics.warning(c.position(first), "skipped statement outside any procedure: " + shorten(c.statement().text()));
                    }
                }
            } catch (Cursor.ParseException e) {
                skipBrokenUnit(c, e);
            }
        }
        return finished;
    }

    /**
     * A statement outside any procedure that could not be parsed: when it names a procedure (a broken
     * header), that procedure is skipped through its {@code end} with a warning, and the rest of the
     * file is still bound.
     */
    private void skipBrokenUnit(Cursor c, Cursor.ParseException e) {
        List<Token> tokens = Lexer.tokens(c.statement());
        String what = "statement";
        for (int i = 0; i + 1 < tokens.size() && i < 8; i++) {
            if ((tokens.get(i).is("subroutine") || tokens.get(i).is("function")) && tokens.get(i + 1).kind() == Token.Kind.NAME) {
                what = tokens.get(i).text() + " '" + tokens.get(i + 1).text() + "'";
                break;
            }
        }
        diagnostics.warning(e.position(), "skipped " + what + ": " + e.getMessage());
        if (what.equals("statement")) {
            return;
        }
        int depth = 0;
        while (index < statements.size()) {
            Cursor next = nextCursor();
            if (next == null) {
                continue;
            }
            if (isEnd(next, "subroutine") || isEnd(next, "function")) {
                if (depth-- == 0) {
                    return;
                }
            } else if (quietHeader(next)) {
                depth++;
            }
        }
    }

    /** True when the statement is a procedure header; a malformed one counts as none. */
    private boolean quietHeader(Cursor c) {
        try {
            return header(c, Map.of()) != null;
        } catch (Cursor.ParseException e) {
            return false;
        }
    }

    // The statement the last nextCursor() could not tokenise, and why.
    private Statement unlexed;
    private Lexer.LexException lexError;

    /**
     * Lexes the next statement, or returns null when it cannot be tokenised: the caller decides
     * whether that matters (in a procedure body it does not; see {@link #warnUnreadable}).
     */
    private Cursor nextCursor() {
        Statement s = statements.get(index++);
        try {
            return new Cursor(s, normalise(Lexer.tokens(s)));
        } catch (Lexer.LexException e) {
            unlexed = s;
            lexError = e;
            return null;
        }
    }

    /** Warns about the statement nextCursor() could not read. */
    private void warnUnreadable(String where) {
        diagnostics.warning(unlexed.positionAt(lexError.index()), "skipped statement " + where + ": " + lexError.getMessage());
    }

    /** True when an unreadable statement begins like a declaration, so skipping it could lose an argument's type. */
    private boolean unlexedLooksLikeDeclaration() {
        String text = unlexed.text().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        for (String word : List.of("integer", "real", "double", "complex", "logical", "character", "type(", "dimension",
                "intent", "external", "implicit", "parameter", "use", "common", "optional", "value")) {
            if (text.startsWith(word) && !text.startsWith(word + "=")) {
                return true;
            }
        }
        return unlexed.directive();
    }

    /** Splits fixed-form glued keywords: ENDDO -> END DO, IMPLICITNONE -> IMPLICIT NONE. */
    private static List<Token> normalise(List<Token> tokens) {
        Token first = tokens.getFirst();
        if (first.kind() != Token.Kind.NAME) {
            return tokens;
        }
        String t = first.text();
        String[] split = null;
        if (t.startsWith("end") && END_SUFFIXES.contains(t.substring(3))) {
            split = new String[] {"end", t.substring(3)};
        } else if (t.equals("implicitnone")) {
            split = new String[] {"implicit", "none"};
        }
        if (split == null) {
            return tokens;
        }
        var out = new ArrayList<Token>();
        out.add(new Token(Token.Kind.NAME, split[0], first.index()));
        out.add(new Token(Token.Kind.NAME, split[1], first.index() + split[0].length()));
        out.addAll(tokens.subList(1, tokens.size()));
        return out;
    }

    private void module(String name, SourcePosition start) {
        Map<String, Expr> constants = baseConstants();
        ImplicitRules implicit = new ImplicitRules();
        moduleConstants.put(name, constants);
        Map<String, Type> scopeTypes = new LinkedHashMap<>();
        // What 'use' of this module imports: its own public types; filled at 'end module', when accessibility is known.
        Map<String, Type> exportedTypes = new LinkedHashMap<>();
        moduleTypes.put(name, exportedTypes);
        int firstTypeDefinition = types.size();
        int firstDraft = finished.size();
        Accessibility access = new Accessibility();
        // The module's own declarations collect here, as a procedure's would: they are its variables.
        var scope = new ProcedureDraft(name, Procedure.Kind.SUBROUTINE, start, constants, implicit);
        while (index < statements.size()) {
            Cursor c = nextCursor();
            if (c == null) {
                warnUnreadable("in module '" + name + "'");
                continue;
            }
            try {
                Token first = c.peek();
                if (isEnd(c, "module")) {
                    // Private module procedures cannot be reached from a shim (use-association fails),
                    // and they are not the module's interface: they are not bound.
                    var own = finished.subList(firstDraft, finished.size());
                    own.stream().filter(d -> !access.isPublic(d.name)).forEach(privates::add);
                    own.removeIf(d -> !access.isPublic(d.name));
                    moduleVariables(name, scope, access);
                    scopeTypes.forEach((typeName, type) -> {
                        if (access.isPublic(typeName)) {
                            exportedTypes.put(typeName, type);
                        }
                    });
                    types.subList(firstTypeDefinition, types.size()).removeIf(t -> !access.isPublic(t.name().toLowerCase(java.util.Locale.ROOT)));
                    return;
                } else if ((first.is("private") || first.is("public")) && !c.peek(1).is("(")) {
                    access.statement(c);
                } else if (first.is("contains")) {
                    continue;
                } else if (first.is("use")) {
                    declarations.use(c, constants, scopeTypes);
                } else if (first.is("implicit")) {
                    declarations.implicit(c, implicit, constants);
                } else if (first.is("interface") || (first.is("abstract") && c.peek(1).is("interface"))) {
                    skipUntilEnd("interface");
                } else if (first.is("type") && !c.peek(1).is("(")) {
                    Type t = typeDefinition(c, name, constants, scopeTypes, access);
                    if (t != null) {
                        types.add(new DerivedType(name, t));
                    }
                } else if (TypeSpec.startsAt(c) && header(copy(c), constants) == null || first.is("parameter")) {
                    declarations.declaration(c, scope, constants);
                } else {
                    Header h = header(c, constants);
                    if (h != null) {
                        procedure(h, name, constants, scopeTypes, implicit, finished);
                    }
                }
            } catch (Cursor.ParseException e) {
                skipBrokenUnit(c, e);
            }
        }
        diagnostics.error(start, "module '" + name + "' has no matching 'end module'");
    }

    /** Public, typed module variables that are not procedures; pointers and unbindable types are skipped with a warning. */
    private void moduleVariables(String module, ProcedureDraft scope, Accessibility access) {
        for (ProcedureDraft.Entity e : scope.entities.values()) {
            if (e.external || e.type == null || !access.isPublic(e.name) || "private".equals(e.unsupportedAttribute)
                    || finished.stream().anyMatch(d -> d.name.equalsIgnoreCase(e.name))) {
                continue;
            }
            boolean allocatable = "allocatable".equals(e.unsupportedAttribute);
            if (e.type.type() == null || e.unsupportedAttribute != null && !allocatable || allocatable && e.dimensions.isEmpty()) {
                diagnostics.warning(e.position, "skipped module variable '" + e.name + "' of module '" + module + "': "
                        + (e.type.type() == null ? "its type " + e.type.spelling() + " is not bound"
                        : allocatable ? "allocatable scalars are not bound" : e.unsupportedAttribute + " variables are not bound"));
                continue;
            }
            variables.add(new ModuleVariable(module, e.name, e.type.type(), e.dimensions, allocatable, e.position));
        }
    }

    /** The public variables of the modules parsed so far, in source order. */
    List<ModuleVariable> variables() {
        return variables;
    }

    /** The private module procedures parsed so far, in source order. */
    List<ProcedureDraft> privates() {
        return privates;
    }

    /** The public derived types of the modules parsed so far, in source order. */
    List<DerivedType> types() {
        return types;
    }

    /**
     * Reads a derived-type definition from its {@code type} statement through {@code end type} and registers it in
     * {@code scope} under its lower-case name. Returns the model type, or null when it cannot be bound (reported;
     * procedures that use it are then skipped naming it).
     */
    private Type typeDefinition(Cursor c, String module, Map<String, Expr> constants, Map<String, Type> scope, Accessibility access) {
        DerivedTypeReader.Header header;
        try {
            header = DerivedTypeReader.header(c);
        } catch (Cursor.ParseException e) {
            diagnostics.warning(e.position(), "skipped a type definition: " + e.getMessage());
            skipUntilEnd("type");
            return null;
        }
        var draft = new ProcedureDraft(header.name(), Procedure.Kind.SUBROUTINE, header.position(), constants, new ImplicitRules());
        draft.types.putAll(scope);
        var reader = new DerivedTypeReader(header, draft, diagnostics);
        boolean bindings = false;
        while (index < statements.size()) {
            Cursor s = nextCursor();
            if (s == null) {
                reader.unreadable(unlexed.positionAt(lexError.index()), lexError.getMessage());
                continue;
            }
            try {
                if (isEnd(s, "type")) {
                    Type t = reader.lower(module);
                    // A type that cannot be bound stays in scope as an opaque struct, so its users are skipped naming it.
                    scope.put(header.name().toLowerCase(java.util.Locale.ROOT), t != null ? t : Type.Struct.opaque(header.name(), header.position()));
                    if (header.isPrivate() && access != null) {
                        access.explicit.put(header.name(), false);
                    }
                    return t;
                } else if (s.peek().is("contains")) {
                    bindings = true;
                } else if (bindings) {
                    reader.binding(s);
                } else if (TypeSpec.startsAt(s)) {
                    declarations.declaration(s, draft, constants, true);
                } else {
                    reader.otherStatement(s);
                }
            } catch (Cursor.ParseException e) {
                reader.problem(e.position(), e.getMessage());
            }
        }
        diagnostics.error(header.position(), "type '" + header.name() + "' has no matching 'end type'");
        return null;
    }

    /**
     * The accessibility statements of one module: a bare {@code private} makes private the default,
     * and {@code public :: a, b} / {@code private :: c} name exceptions (the last statement wins).
     */
    private static final class Accessibility {
        private boolean privateByDefault;
        private final Map<String, Boolean> explicit = new HashMap<>();

        void statement(Cursor c) {
            boolean isPublic = c.next().is("public");
            c.accept("::");
            if (c.atEnd()) {
                privateByDefault = !isPublic;
                return;
            }
            do {
                Token t = c.next();
                if (t.kind() == Token.Kind.NAME) {
                    explicit.put(t.text(), isPublic);
                }
            } while (!c.atEnd());
        }

        boolean isPublic(String name) {
            return explicit.getOrDefault(name, !privateByDefault);
        }
    }

    private static Cursor copy(Cursor c) {
        Cursor copy = new Cursor(c.statement(), Lexer.tokens(c.statement()));
        copy.reset(c.mark());
        return copy;
    }

    /** Parses a subroutine or function statement, or returns null (cursor unchanged) when it is not one. */
    private Header header(Cursor c, Map<String, Expr> constants) {
        int mark = c.mark();
        TypeSpec prefixType = null;
        while (true) {
            if (c.peek().kind() == Token.Kind.NAME && PREFIXES.contains(c.peek().text())
                    && !c.peek(1).is("(") && !c.peek(1).is("=")) {
                c.next();
            } else if (prefixType == null && TypeSpec.startsAt(c)) {
                try {
                    prefixType = TypeSpec.parse(c, constants);
                } catch (Cursor.ParseException e) {
                    c.reset(mark);
                    return null;
                }
            } else {
                break;
            }
        }
        Procedure.Kind kind;
        if (c.peek().is("subroutine") && c.peek(1).kind() == Token.Kind.NAME) {
            kind = Procedure.Kind.SUBROUTINE;
        } else if (c.peek().is("function") && c.peek(1).kind() == Token.Kind.NAME) {
            kind = Procedure.Kind.FUNCTION;
        } else {
            c.reset(mark);
            return null;
        }
        Token keyword = c.next();
        Token name = c.expectName("a procedure name");
        var args = new ArrayList<Token>();
        if (c.accept("(")) {
            if (!c.peek().is(")")) {
                do {
                    if (c.peek().is("*")) {
                        throw c.error(c.peek(), "alternate returns (*) are not supported");
                    }
                    Token arg = c.expectName("a dummy argument name");
                    if (args.stream().anyMatch(a -> a.text().equals(arg.text()))) {
                        throw c.error(arg, "dummy argument '" + arg.text() + "' appears twice in the argument list of '" + name.text() + "'");
                    }
                    args.add(arg);
                } while (c.accept(","));
            }
            c.expect(")", "to close the argument list of '" + name.text() + "'");
        }
        String resultName = null;
        boolean bindC = false;
        String bindName = null;
        while (!c.atEnd()) {
            if (c.accept("result")) {
                c.expect("(", "after 'result'");
                resultName = c.expectName("the result variable").text();
                c.expect(")", "to close 'result('");
            } else if (c.accept("bind")) {
                c.expect("(", "after 'bind'");
                c.expect("c", "in 'bind('");
                if (c.accept(",")) {
                    c.expect("name", "in 'bind(c, ...'");
                    c.expect("=", "after 'name'");
                    Token label = c.next();
                    if (label.kind() != Token.Kind.STRING) {
                        throw c.error(label, "expected the binding name as a string, found " + Cursor.describe(label));
                    }
                    bindName = label.text().strip();
                }
                c.expect(")", "to close 'bind('");
                bindC = true;
            } else {
                throw c.error(c.peek(), "unexpected " + Cursor.describe(c.peek()) + " after the " + keyword.text() + " header");
            }
        }
        if (kind == Procedure.Kind.SUBROUTINE && prefixType != null) {
            throw c.error(keyword, "a subroutine cannot have a result type; did you mean 'function'?");
        }
        return new Header(name.text(), kind, args, prefixType, resultName, bindC, bindName, c.position(keyword));
    }

    /** Parses a procedure's specification part, then skips its body through the matching end. */
    private void procedure(Header h, String module, Map<String, Expr> constants, Map<String, Type> scopeTypes, ImplicitRules implicit,
            List<ProcedureDraft> sink) {
        var draft = new ProcedureDraft(h.name(), h.kind(), h.position(), constants, implicit);
        draft.types.putAll(scopeTypes);
        draft.module = module;
        draft.prefixType = h.prefixType();
        draft.resultName = h.resultName();
        draft.bindC = h.bindC();
        draft.bindName = h.bindName();
        for (Token a : h.arguments()) {
            draft.arguments.add(a.text());
            draft.argumentPositions.put(a.text(), statements.get(index - 1).positionAt(a.index()));
        }
        if (sink == finished && embeddedSignature(module)) {
            return;
        }
        String unitWord = h.kind() == Procedure.Kind.SUBROUTINE ? "subroutine" : "function";
        boolean inBody = false;
        boolean broken = false;
        int depth = 0;
        while (index < statements.size()) {
            Cursor c = nextCursor();
            if (c == null) {
                // Body statements are never bound: one the lexer cannot read (old extensions) does not matter.
                if (!inBody && unlexedLooksLikeDeclaration()) {
                    diagnostics.warning(unlexed.positionAt(lexError.index()), "skipped " + unitWord + " '" + h.name() + "': "
                            + lexError.getMessage());
                    broken = true;
                }
                inBody = true;
                continue;
            }
            try {
                if (inBody) {
                    if (isEnd(c, unitWord) || isEnd(c, "subroutine") || isEnd(c, "function")) {
                        if (depth == 0) {
                            if (!broken) {
                                sink.add(draft);
                            }
                            return;
                        }
                        depth--;
                    } else if (quietHeader(c)) {
                        depth++;
                    } else {
                        CallSiteReader.scan(c, draft);
                    }
                    continue;
                }
                if (isEnd(c, unitWord)) {
                    sink.add(draft);
                    return;
                }
                int mark = c.mark();
                inBody = !specification(c, draft);
                if (inBody) {
                    c.reset(mark);
                    // An f2py call-signature line (cf2py y = func(y)) may sit among the declarations: it does not start the body.
                    inBody = !(CallSiteReader.scan(c, draft) && c.statement().directive());
                }
            } catch (Cursor.ParseException e) {
                // One procedure the parser cannot read does not fail the library: skip it, bind the rest.
                diagnostics.warning(e.position(), "skipped " + unitWord + " '" + h.name() + "': " + e.getMessage());
                broken = true;
                inBody = true;
            }
        }
        diagnostics.error(h.position(), unitWord + " '" + h.name() + "' has no matching 'end'");
    }

    private static final java.util.regex.Pattern UNIT_END = java.util.regex.Pattern.compile(
            "(?i)end\\s*((subroutine|function)(\\s+\\w+)?)?\\s*");
    private static final java.util.regex.Pattern CALLSTATEMENT = java.util.regex.Pattern.compile("(?i)callstatement\\b.*");

    /**
     * When the procedure whose header was just read has an {@code !f2py callstatement}, f2py reads its declarations
     * and {@code !f2py} lines as a signature with C in it: they are kept raw, as an {@link EmbeddedSignature} for the
     * signature-file frontend, and the procedure is skipped here through its {@code end}. Its header, its
     * {@code !f2py} lines and its declarations before the first executable statement are kept.
     */
    private boolean embeddedSignature(String module) {
        int end = index;
        boolean callStatement = false;
        while (end < statements.size()) {
            Statement s = statements.get(end);
            String text = s.text().strip();
            if (!s.directive() && (UNIT_END.matcher(text).matches() || text.equalsIgnoreCase("contains"))) {
                break;
            }
            callStatement |= s.directive() && CALLSTATEMENT.matcher(text).matches();
            end++;
        }
        // No end (reported by the Fortran reading), or internal procedures after 'contains': read as Fortran.
        if (!callStatement || end == statements.size() || !UNIT_END.matcher(statements.get(end).text().strip()).matches()) {
            return false;
        }
        var texts = new ArrayList<EmbeddedSignature.Text>();
        texts.add(text(statements.get(index - 1)));
        boolean inBody = false;
        for (int i = index; i < end; i++) {
            Statement s = statements.get(i);
            inBody |= !s.directive() && !declares(s);
            if (s.directive() || !inBody) {
                texts.add(text(s));
            }
        }
        texts.add(text(statements.get(end)));
        signatures.add(new EmbeddedSignature(module, texts));
        index = end + 1;
        return true;
    }

    /** True for a statement of the specification part that a signature reads: declarations, use and implicit. */
    private static boolean declares(Statement s) {
        try {
            Cursor c = new Cursor(s, normalise(Lexer.tokens(s)));
            Token first = c.peek();
            return TypeSpec.startsAt(c) || first.is("use") || first.is("implicit")
                    || DeclarationParser.ATTRIBUTES.contains(first.text()) && !c.peek(1).is("=");
        } catch (Lexer.LexException e) {
            return false;
        }
    }

    private static EmbeddedSignature.Text text(Statement s) {
        return new EmbeddedSignature.Text(s.text(), s.file(), s.lines(), s.columns());
    }

    /** The procedures bound through their {@code !f2py} signature ({@link EmbeddedSignature}), in source order. */
    List<EmbeddedSignature> signatures() {
        return signatures;
    }

    /** Handles one statement of the specification part; returns false when it starts the body. */
    private boolean specification(Cursor c, ProcedureDraft draft) {
        Token first = c.peek();
        if (first.is("contains")) {
            return false;
        }
        if (first.is("use")) {
            declarations.use(c, draft.constants, draft.types);
        } else if (first.is("type") && !c.peek(1).is("(") && !c.peek(1).is("=")) {
            // A type defined inside a procedure: bound only through bind(C) procedures, which need no shim naming it.
            typeDefinition(c, null, draft.constants, draft.types, null);
        } else if (first.is("implicit")) {
            declarations.implicit(c, draft.implicit, draft.constants);
        } else if (first.is("interface") || (first.is("abstract") && c.peek(1).is("interface"))) {
            interfaceBlock(draft);
        } else if (TypeSpec.startsAt(c) || (DeclarationParser.ATTRIBUTES.contains(first.text())
                && !c.peek(1).is("=") && !IGNORED_IN_SPECIFICATION.contains(first.text()))) {
            declarations.declaration(c, draft, draft.constants);
        } else if (first.is("equivalence") && c.peek(1).is("(")) {
            diagnostics.warning(c.position(first), "skipped EQUIVALENCE in " + (draft.kind == Procedure.Kind.SUBROUTINE ? "subroutine" : "function")
                    + " '" + draft.name + "': Gatun does not bind storage association (the procedure itself is bound)");
        } else if (first.is("common") && !c.peek(1).is("=") && !c.peek(1).is("(")) {
            declarations.common(c, draft, draft.constants);
        } else if (IGNORED_IN_SPECIFICATION.contains(first.text()) && !c.peek(1).is("=")) {
            return true;
        } else if (c.statement().directive() && F2PY_UNSUPPORTED.contains(first.text())) {
            diagnostics.warning(c.position(first), "skipped f2py directive '" + first.text() + "' in " + draft.name
                    + ": Gatun does not support it");
        } else {
            return false;
        }
        return true;
    }

    /** Reads the procedure interfaces of an interface block (the signatures of dummy procedures). */
    private void interfaceBlock(ProcedureDraft owner) {
        List<ProcedureDraft> bodies = new ArrayList<>();
        while (index < statements.size()) {
            Cursor c = nextCursor();
            if (c == null) {
                continue;
            }
            if (isEnd(c, "interface")) {
                bodies.forEach(b -> owner.interfaces.put(b.name, b));
                return;
            }
            Header h = header(c, owner.constants);
            if (h != null) {
                // Interface bodies do not inherit the host's implicit rules or names (only via import).
                procedure(h, null, owner.constants, owner.types, new ImplicitRules(), bodies);
            }
        }
    }

    private void skipUnit(SourcePosition start, String what) {
        int depth = 0;
        while (index < statements.size()) {
            Cursor c = nextCursor();
            if (c == null) {
                continue;
            }
            if (c.peek().is("end") && (c.peek(1).kind() == Token.Kind.END || c.peek(1).is(what)
                    || c.peek(1).is("program") || c.peek(1).is("submodule") || c.peek(1).is("block"))) {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (isEnd(c, "subroutine") || isEnd(c, "function")) {
                depth--;
            } else if (header(c, Map.of()) != null) {
                depth++;
            }
        }
        diagnostics.error(start, what + " has no matching 'end'");
    }

    private void skipUntilEnd(String word) {
        while (index < statements.size()) {
            Cursor c = nextCursor();
            if (c != null && c.peek().is("end") && c.peek(1).is(word)) {
                return;
            }
        }
    }

    /** True for {@code end}, {@code end <word>} and {@code end <word> <name>}. */
    private static boolean isEnd(Cursor c, String word) {
        if (!c.peek().is("end")) {
            return false;
        }
        Token next = c.peek(1);
        return next.kind() == Token.Kind.END || (next.is(word) && (c.peek(2).kind() == Token.Kind.END
                || (c.peek(2).kind() == Token.Kind.NAME && c.peek(3).kind() == Token.Kind.END)));
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** The intrinsic kinds, then the kind map's names where they define nothing; sources override both. */
    private Map<String, Expr> baseConstants() {
        Map<String, Expr> constants = KindTable.intrinsicConstants();
        kindNames.forEach((name, kind) -> constants.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), new Expr.IntConst(kind, SourcePosition.NONE)));
        return constants;
    }

    static Map<String, Map<String, Expr>> newModuleTable() {
        return new HashMap<>();
    }
}
