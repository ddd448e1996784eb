// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Parses the top-level declarations of preprocessed C headers: prototypes, typedefs, structs,
 * unions, enums, extern variables, and the object-like macros {@code -dD} reports.
 *
 * <p>A hand-written tokenizer and recursive-descent parser for C11 declarations as real headers write
 * them, GNU extensions included. Function bodies are skipped by brace matching. A declaration that
 * cannot be read is reported ({@code file:line:col}) and skipped up to the next top-level {@code ;};
 * malformed input is an error, valid C that Gatun cannot bind (say {@code __typeof__}) a warning. The
 * parser never throws for the contents of a header.
 */
public final class CParser {

    private final List<CToken> tokens;
    private final TokenCursor in;
    private final Diagnostics diagnostics;
    private final DeclarationScope scope = new DeclarationScope();
    private final BitSet claimedComments = new BitSet();
    private final TypeReader types;
    private final GatunDirectiveParser directiveParser;
    private final List<CLexer.MacroLine> macroLines;
    private final Deque<Long> packStack = new ArrayDeque<>();

    private CParser(CLexer lexer, Diagnostics diagnostics) {
        this.tokens = lexer.tokenize();
        this.macroLines = lexer.macros();
        this.in = new TokenCursor(tokens);
        this.diagnostics = diagnostics;
        this.types = new TypeReader(in, scope, diagnostics, claimedComments);
        this.directiveParser = new GatunDirectiveParser(diagnostics);
    }

    /**
     * Parses the output of {@link CPreprocessor}.
     *
     * @param source      preprocessed headers
     * @param diagnostics receives errors and warnings, each with the original file:line:col
     * @return the declarations found (those that could not be read are missing and reported)
     */
    public static CTranslationUnit parse(PreprocessedSource source, Diagnostics diagnostics) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(diagnostics, "diagnostics");
        CLexer lexer = new CLexer(source.text(), Path.of("<preprocessed>"), source::isUserFile);
        return new CParser(lexer, diagnostics).translationUnit();
    }

    /**
     * Parses C text that needs no preprocessing (tests, generated declarations); it all counts as the
     * user's file.
     *
     * @param text        C declarations
     * @param file        the name to report in positions
     * @param diagnostics receives errors and warnings
     * @return the declarations found
     */
    public static CTranslationUnit parse(String text, Path file, Diagnostics diagnostics) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(diagnostics, "diagnostics");
        return new CParser(new CLexer(text, file, f -> true), diagnostics).translationUnit();
    }

    private CTranslationUnit translationUnit() {
        while (!in.atEnd()) {
            CToken t = in.peek();
            if (in.accept(";")) {
                continue;
            }
            if (t.kind() == CToken.Kind.PRAGMA_PACK) {
                pragmaPack(in.next());
                continue;
            }
            int start = in.index();
            try {
                if (t.is("_Static_assert") || t.is("__asm__") || t.is("asm") || t.is("__asm")) {
                    in.next();
                    in.skipBalanced();
                    in.expect(";", "after " + t.text() + "(...)");
                    continue;
                }
                types.unsupportedUse = null;
                externalDeclaration(start);
            } catch (ParseError e) {
                if (e.unsupported()) {
                    diagnostics.warning(e.position(), e.getMessage());
                } else {
                    diagnostics.error(e.position(), e.getMessage());
                }
                recover(start);
            } catch (RuntimeException e) {
                // A bug of ours must cost one declaration, not the whole header.
                diagnostics.error(t.position(), "internal error of the C parser, declaration skipped (please report): "
                        + e);
                recover(start);
            }
        }
        List<CDeclaration> all = new ArrayList<>(scope.declarations());
        all.addAll(macros());
        return new CTranslationUnit(all, directiveParser.statusRules());
    }

    private void externalDeclaration(int start) {
        TypeReader.Specifiers spec = types.specifiers();
        if (spec == null) {
            throw in.error("expected a declaration, found " + in.peek());
        }
        if (in.accept(";")) {
            return;
        }
        while (true) {
            TypeReader.Declarator d = types.declarator(false);
            CType type = d.apply(spec.type);
            if (in.at("{")) {
                if (!(type.canonical() instanceof CType.Function f)) {
                    throw in.error("'{' after '" + d.name + "', which is not a function");
                }
                in.skipBalanced();
                declare(spec, d, type, f, true, start);
                return;
            }
            if (in.accept("=")) {
                skipInitializer();
            }
            declare(spec, d, type, type.canonical() instanceof CType.Function f ? f : null, false, start);
            if (!in.accept(",")) {
                in.expect(";", "after the declaration of '" + d.name + "'");
                return;
            }
        }
    }

    private void declare(TypeReader.Specifiers spec, TypeReader.Declarator d, CType type, CType.Function function,
                         boolean hasBody, int start) {
        if (types.unsupportedUse != null) {
            // Only the user's own declarations are worth a warning: <math.h> alone has dozens of
            // __float128 functions nobody asked to bind.
            if (d.nameToken.userFile()) {
                diagnostics.warning(d.nameToken.position(), "'" + d.name + "' uses " + types.unsupportedUse
                        + ", which Java cannot represent; it will not be bound");
            }
            types.unsupportedUse = null;
        }
        SourcePosition pos = d.nameToken.position();
        boolean user = d.nameToken.userFile();
        if (spec.isTypedef) {
            scope.typedefs.putIfAbsent(d.name, type);
            long aligned = Math.max(d.attributes.aligned, spec.attributes.aligned);
            if (aligned > 0) {
                scope.typedefAlignments.putIfAbsent(d.name, aligned);
            }
            scope.addOrdinary(new CTypedef(d.name, type, aligned, pos, user));
            leftoverDirectives(start, "typedef '" + d.name + "'");
        } else if (function != null) {
            List<CParameter> params = withLeadingDirectives(function, d.name, start);
            String link = d.asmLabel != null ? d.asmLabel : d.name;
            scope.addOrdinary(new CFunction(d.name, link, function.returnType(), params, function.variadic(), hasBody,
                    spec.isStatic, pos, user));
        } else if (!spec.isStatic) {
            scope.addOrdinary(new CVariable(d.name, d.asmLabel != null ? d.asmLabel : d.name, type, pos, user));
            leftoverDirectives(start, "variable '" + d.name + "'");
        }
    }

    /** Applies the gatun comments of a prototype that are not inside one parameter (the leading form). */
    private List<CParameter> withLeadingDirectives(CType.Function f, String name, int start) {
        Map<String, List<CDirective>> byName = new LinkedHashMap<>();
        Map<String, SourcePosition> where = new LinkedHashMap<>();
        // The ';' that ends the prototype may carry a trailing "// gatun: ..." comment.
        int end = in.at(";") ? in.index() + 1 : in.index();
        for (int i = start; i < end; i++) {
            if (claimedComments.get(i)) {
                continue;
            }
            claimedComments.set(i);
            for (CToken.Comment c : tokens.get(i).directives()) {
                directiveParser.parseLeading(c.text(), c.position()).forEach((p, ds) -> {
                    byName.computeIfAbsent(p, k -> new ArrayList<>()).addAll(ds);
                    where.putIfAbsent(p, c.position());
                });
            }
        }
        List<CParameter> params = new ArrayList<>(f.parameters());
        byName.forEach((p, ds) -> {
            int idx = -1;
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).name().equals(p)) {
                    idx = i;
                }
            }
            if (idx < 0) {
                diagnostics.warning(where.get(p), "gatun directive names parameter '" + p + "', but " + name
                        + " has parameters " + params.stream().map(CParameter::name).toList()
                        + "; the directive is ignored");
            } else {
                params.set(idx, params.get(idx).withDirectives(ds));
            }
        });
        return params;
    }

    private void leftoverDirectives(int start, String what) {
        for (int i = start; i < in.index(); i++) {
            if (!claimedComments.get(i) && !tokens.get(i).directives().isEmpty()) {
                claimedComments.set(i);
                for (CToken.Comment c : tokens.get(i).directives()) {
                    // A status rule is the library's, wherever it is written; anything else here applies to nothing.
                    if (GatunDirectiveParser.isStatusRule(c.text())) {
                        directiveParser.parseLeading(c.text(), c.position());
                    } else {
                        diagnostics.warning(c.position(), "gatun directive on " + what
                                + " is ignored: directives apply to function parameters");
                        break;
                    }
                }
            }
        }
    }

    private void skipInitializer() {
        while (!in.atEnd() && !in.at(",") && !in.at(";")) {
            if (in.at("(") || in.at("[") || in.at("{")) {
                in.skipBalanced();
            } else {
                in.next();
            }
        }
    }

    /**
     * Skips from the start of a failed declaration to the {@code ;} (or function body) that ends it.
     * Only braces nest: a {@code ;} never sits inside parentheses of a declaration, so an unclosed
     * {@code (} must not swallow the rest of the header.
     */
    private void recover(int start) {
        in.reset(start);
        int depth = 0;
        boolean body = false;
        while (!in.atEnd()) {
            CToken t = in.next();
            if (t.is("{")) {
                if (depth == 0) {
                    body = in.index() - 2 >= start && tokens.get(in.index() - 2).is(")");
                }
                depth++;
            } else if (t.is("}")) {
                depth--;
                if (depth <= 0 && body) {
                    return;
                }
            } else if (t.is(";") && depth <= 0) {
                return;
            }
        }
    }

    private void pragmaPack(CToken t) {
        String args = t.text().replace("(", "").replace(")", "").replace(" ", "");
        String[] parts = args.isEmpty() ? new String[0] : args.split(",");
        if (parts.length == 0) {
            types.pack = 0;
        } else if (parts[0].equals("push")) {
            packStack.push(types.pack);
            if (parts.length > 1 && parts[parts.length - 1].matches("\\d+")) {
                types.pack = Long.parseLong(parts[parts.length - 1]);
            }
        } else if (parts[0].equals("pop")) {
            types.pack = packStack.isEmpty() ? 0 : packStack.pop();
        } else if (parts[0].matches("\\d+")) {
            types.pack = Long.parseLong(parts[0]);
        } else {
            diagnostics.warning(t.position(), "#pragma pack" + t.text() + " is not understood; ignored");
        }
    }

    /** Turns the {@code #define} lines into {@link CMacro}s, evaluating integer constants. */
    private List<CMacro> macros() {
        Map<String, CMacro> live = new LinkedHashMap<>();
        Map<String, Long> values = new java.util.HashMap<>(scope.constants);
        // Macros defined as nothing expand to nothing: HDF5's H5F_ACC_TRUNC is (H5CHECK H5OPEN 0x0002u), a constant
        // once -D H5private_H empties H5CHECK and H5OPEN (otherwise they call H5check(), H5open()).
        java.util.Set<String> empty = new java.util.HashSet<>();
        for (CLexer.MacroLine m : macroLines) {
            empty.remove(m.name());
            if (m.replacement() == null) {
                live.remove(m.name());
                values.remove(m.name());
                continue;
            }
            if (m.replacement().isEmpty()) {
                empty.add(m.name());
            }
            OptionalLong value = constantValue(m.replacement(), values, empty);
            value.ifPresent(v -> values.put(m.name(), v));
            live.remove(m.name());
            live.put(m.name(), new CMacro(m.name(), m.replacement(), value, m.position(), m.userFile()));
        }
        return List.copyOf(live.values());
    }

    private OptionalLong constantValue(String text, Map<String, Long> values, java.util.Set<String> empty) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        List<CToken> replacement = new CLexer(text, Path.of("<macro>"), f -> false).tokenize().stream()
                .filter(t -> !(t.kind() == CToken.Kind.IDENTIFIER && empty.contains(t.text()))).toList();
        if (replacement.isEmpty() || replacement.size() == 1 && replacement.getFirst().kind() == CToken.Kind.END) {
            return OptionalLong.empty();
        }
        TokenCursor cursor = new TokenCursor(replacement);
        TokenCursor saved = types.in;
        types.in = cursor;
        try {
            long v = new ConstantEvaluator(cursor, values, types).conditional();
            return cursor.atEnd() ? OptionalLong.of(v) : OptionalLong.empty();
        } catch (ParseError | ArithmeticException e) {
            return OptionalLong.empty();
        } finally {
            types.in = saved;
        }
    }
}
