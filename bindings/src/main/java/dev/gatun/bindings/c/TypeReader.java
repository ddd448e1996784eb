// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads the type half of C declarations: declaration specifiers, declarators (pointers, arrays,
 * functions, nested declarators), parameter lists with their gatun comments, struct/union/enum
 * bodies, GNU attributes and {@code __asm__} labels.
 */
final class TypeReader implements ConstantEvaluator.TypeNames {

    /** The specifiers of one declaration: storage class, base type, attributes. */
    static final class Specifiers {
        boolean isTypedef;
        boolean isExtern;
        boolean isStatic;
        CType type;
        final Attributes attributes = new Attributes();
    }

    /** One declarator: its name (null when abstract) and how it derives its type from the base. */
    static final class Declarator {
        String name;
        CToken nameToken;
        List<UnaryOperator<CType>> derivations = List.of();
        String asmLabel;
        final Attributes attributes = new Attributes();

        CType apply(CType base) {
            CType t = base;
            for (UnaryOperator<CType> d : derivations) {
                t = d.apply(t);
            }
            return t;
        }
    }

    private static final Set<String> STORAGE = Set.of("extern", "static", "auto", "register", "_Thread_local",
            "__thread", "inline", "__inline", "__inline__", "_Noreturn", "__extension__");
    private static final Set<String> CONST = Set.of("const", "__const", "__const__");
    private static final Set<String> VOLATILE = Set.of("volatile", "__volatile", "__volatile__");
    private static final Set<String> RESTRICT = Set.of("restrict", "__restrict", "__restrict__");
    private static final Set<String> IGNORED_QUALIFIERS = Set.of("_Nonnull", "_Nullable", "_Null_unspecified",
            "__unaligned");
    private static final Set<String> TYPE_KEYWORDS = Set.of("void", "char", "short", "int", "long", "float",
            "double", "signed", "__signed", "__signed__", "unsigned", "_Bool", "_Complex", "__complex__",
            "__complex", "_Imaginary", "__int128", "__int128_t", "__uint128_t", "_Float32", "_Float64",
            "_Float32x", "_Float64x", "_Float128", "__float128", "_Float128x", "_Float16", "__float80", "__ibm128",
            "__fp16", "__bf16", "__builtin_va_list");
    private static final Set<String> ATTRIBUTE = Set.of("__attribute__", "__attribute");
    private static final Set<String> ASM = Set.of("__asm__", "__asm", "asm");
    private static final Set<String> TYPEOF = Set.of("typeof", "__typeof__", "__typeof", "typeof_unqual");

    TokenCursor in;
    private final DeclarationScope scope;
    private final Diagnostics diagnostics;
    private final GatunDirectiveParser directiveParser;
    private final BitSet claimedComments;
    /** The {@code #pragma pack} value in force, or 0. */
    long pack;
    /** The first unsupported type used by the current declaration, reported once with its name. */
    String unsupportedUse;
    private int parameterDepth;

    TypeReader(TokenCursor in, DeclarationScope scope, Diagnostics diagnostics, BitSet claimedComments) {
        this.in = in;
        this.scope = scope;
        this.diagnostics = diagnostics;
        this.directiveParser = new GatunDirectiveParser(diagnostics);
        this.claimedComments = claimedComments;
    }

    ConstantEvaluator evaluator() {
        return new ConstantEvaluator(in, scope.constants, this);
    }

    // ---------------------------------------------------------------------------------------------
    // Specifiers

    /** Reads declaration specifiers; returns null when the cursor is at none. */
    Specifiers specifiers() {
        Specifiers s = new Specifiers();
        CToken first = in.peek();
        List<String> keywords = new ArrayList<>();
        CType named = null;
        boolean isConst = false;
        boolean isVolatile = false;
        boolean any = false;
        while (in.peek().isIdentifier()) {
            CToken t = in.peek();
            String w = t.text();
            if (w.equals("typedef")) {
                s.isTypedef = true;
            } else if (STORAGE.contains(w)) {
                s.isExtern |= w.equals("extern");
                s.isStatic |= w.equals("static");
            } else if (CONST.contains(w)) {
                isConst = true;
            } else if (VOLATILE.contains(w)) {
                isVolatile = true;
            } else if (RESTRICT.contains(w) || IGNORED_QUALIFIERS.contains(w)) {
                // restrict on a non-pointer is meaningless; the nullability markers change nothing.
                in.next();
                continue;
            } else if (w.equals("_Atomic")) {
                if (in.peek(1).is("(")) {
                    throw unsupported(t, "_Atomic(type)");
                }
            } else if (ATTRIBUTE.contains(w)) {
                attributes(s.attributes);
                continue;
            } else if (w.equals("__declspec")) {
                in.next();
                in.skipBalanced();
                continue;
            } else if (w.equals("_Alignas")) {
                s.attributes.aligned = Math.max(s.attributes.aligned, alignas());
                continue;
            } else if (TYPE_KEYWORDS.contains(w) && named == null) {
                keywords.add(w);
            } else if ((w.equals("struct") || w.equals("union") || w.equals("enum")) && named == null
                    && keywords.isEmpty()) {
                named = tagged();
                any = true;
                continue;
            } else if (TYPEOF.contains(w)) {
                throw unsupported(t, w + "(...)");
            } else if (named == null && keywords.isEmpty() && scope.typedefs.containsKey(w)) {
                named = new CType.TypedefRef(w, scope.typedefs.get(w), scope.typedefAlignments.getOrDefault(w, 0L));
            } else {
                break;
            }
            any = true;
            in.next();
        }
        if (!any) {
            return null;
        }
        CType base = named != null ? named : basicType(keywords, first);
        if (base == null) {
            return null;
        }
        if (s.attributes.mode != null) {
            base = withMode(base, s.attributes.mode, first);
        }
        if (s.attributes.vector) {
            throw unsupported(first, "vector types (__attribute__((vector_size)))");
        }
        s.type = isConst || isVolatile ? new CType.Qualified(base, isConst, isVolatile, false) : base;
        return s;
    }

    /** Returns true when the cursor is at a token that starts declaration specifiers. */
    boolean startsSpecifiers() {
        CToken t = in.peek();
        if (!t.isIdentifier()) {
            return false;
        }
        String w = t.text();
        return w.equals("typedef") || STORAGE.contains(w) || CONST.contains(w) || VOLATILE.contains(w)
                || TYPE_KEYWORDS.contains(w) || ATTRIBUTE.contains(w) || w.equals("struct") || w.equals("union")
                || w.equals("enum") || w.equals("_Alignas") || w.equals("_Atomic") || TYPEOF.contains(w)
                || scope.typedefs.containsKey(w) || RESTRICT.contains(w);
    }

    private CType basicType(List<String> kw, CToken at) {
        if (kw.isEmpty()) {
            return null;
        }
        int longs = Collections.frequency(kw, "long");
        boolean unsigned = kw.contains("unsigned");
        boolean signed = kw.contains("signed") || kw.contains("__signed") || kw.contains("__signed__");
        boolean complex = kw.contains("_Complex") || kw.contains("__complex__") || kw.contains("__complex");
        CType real;
        if (kw.contains("void")) {
            real = new CType.Void();
        } else if (kw.contains("__builtin_va_list")) {
            real = new CType.VaList();
        } else if (kw.contains("_Bool")) {
            real = new CType.Int(CType.IntKind.BOOL);
        } else if (kw.contains("char")) {
            real = new CType.Int(unsigned ? CType.IntKind.UNSIGNED_CHAR
                    : signed ? CType.IntKind.SIGNED_CHAR : CType.IntKind.CHAR);
        } else if (kw.contains("short")) {
            real = new CType.Int(unsigned ? CType.IntKind.UNSIGNED_SHORT : CType.IntKind.SHORT);
        } else if (kw.contains("float") || kw.contains("_Float32")) {
            real = new CType.Floating(CType.FloatKind.FLOAT);
        } else if (kw.contains("double")) {
            real = new CType.Floating(longs > 0 ? CType.FloatKind.LONG_DOUBLE : CType.FloatKind.DOUBLE);
        } else if (kw.contains("_Float64") || kw.contains("_Float32x")) {
            real = new CType.Floating(CType.FloatKind.DOUBLE);
        } else if (kw.contains("_Float64x") || kw.contains("__float80")) {
            real = new CType.Floating(CType.FloatKind.LONG_DOUBLE);
        } else if (kw.contains("_Float128") || kw.contains("__float128") || kw.contains("_Float128x")
                || kw.contains("__ibm128")) {
            noteUnsupported(at, "__float128");
            real = new CType.Floating(CType.FloatKind.FLOAT128);
        } else if (kw.contains("_Float16") || kw.contains("__fp16") || kw.contains("__bf16")) {
            throw unsupported(at, "half-precision floating types");
        } else if (kw.contains("__int128") || kw.contains("__int128_t") || kw.contains("__uint128_t")) {
            noteUnsupported(at, "__int128");
            real = new CType.Int(unsigned || kw.contains("__uint128_t") ? CType.IntKind.UNSIGNED_INT128
                    : CType.IntKind.INT128);
        } else if (longs >= 2) {
            real = new CType.Int(unsigned ? CType.IntKind.UNSIGNED_LONG_LONG : CType.IntKind.LONG_LONG);
        } else if (longs == 1) {
            real = new CType.Int(unsigned ? CType.IntKind.UNSIGNED_LONG : CType.IntKind.LONG);
        } else if (kw.contains("int") || signed || unsigned) {
            real = new CType.Int(unsigned ? CType.IntKind.UNSIGNED_INT : CType.IntKind.INT);
        } else if (complex) {
            // GNU: a bare _Complex means double _Complex.
            real = new CType.Floating(CType.FloatKind.DOUBLE);
        } else {
            throw new ParseError(at.position(), "cannot combine " + String.join(" ", kw) + " into a type", false);
        }
        if (!complex) {
            return real;
        }
        if (real instanceof CType.Floating f) {
            return new CType.Complex(f.kind());
        }
        throw unsupported(at, "complex integer types");
    }

    private CType withMode(CType base, String mode, CToken at) {
        if (!(base.canonical() instanceof CType.Int i)) {
            throw unsupported(at, "__attribute__((mode(" + mode + "))) on a non-integer type");
        }
        boolean u = !i.kind().isSigned();
        CType.IntKind k = switch (mode.replace("_", "")) {
            case "QI" -> u ? CType.IntKind.UNSIGNED_CHAR : CType.IntKind.SIGNED_CHAR;
            case "HI" -> u ? CType.IntKind.UNSIGNED_SHORT : CType.IntKind.SHORT;
            case "SI" -> u ? CType.IntKind.UNSIGNED_INT : CType.IntKind.INT;
            case "DI", "word", "pointer" -> u ? CType.IntKind.UNSIGNED_LONG : CType.IntKind.LONG;
            case "TI" -> u ? CType.IntKind.UNSIGNED_INT128 : CType.IntKind.INT128;
            default -> throw unsupported(at, "__attribute__((mode(" + mode + ")))");
        };
        return new CType.Int(k);
    }

    private long alignas() {
        in.next();
        in.expect("(", "after _Alignas");
        long a = startsTypeName() ? alignOf(typeName()) : evaluator().conditional();
        in.expect(")", "to close _Alignas");
        return a;
    }

    /** Notes an unsupported type: the declaration is kept, and reported once by the caller. */
    private void noteUnsupported(CToken at, String what) {
        if (unsupportedUse == null) {
            unsupportedUse = what + " (at " + at.position() + ")";
        }
    }

    ParseError unsupported(CToken at, String what) {
        return new ParseError(at.position(), what + " is not supported; the declaration is skipped", true);
    }

    // ---------------------------------------------------------------------------------------------
    // Declarators

    /**
     * Reads a declarator.
     *
     * @param abstractAllowed true where the name may be missing (parameters, type names)
     */
    Declarator declarator(boolean abstractAllowed) {
        Declarator d = new Declarator();
        d.derivations = derivations(d, abstractAllowed, 0);
        trailing(d);
        return d;
    }

    /** Reads what may follow a declarator: {@code __asm__("label")} and attributes, in any order. */
    void trailing(Declarator d) {
        while (true) {
            if (ATTRIBUTE.contains(in.peek().text()) && in.peek().isIdentifier()) {
                attributes(d.attributes);
            } else if (in.peek().isIdentifier() && ASM.contains(in.peek().text())) {
                d.asmLabel = asmLabel();
            } else {
                return;
            }
        }
    }

    /** Far beyond the 12 levels C requires; deeper types would overflow the stack of every pass that walks them. */
    static final int MAX_DECLARATOR_DEPTH = 200;

    private List<UnaryOperator<CType>> derivations(Declarator d, boolean abstractAllowed, int depth) {
        List<UnaryOperator<CType>> pointers = new ArrayList<>();
        while (true) {
            if (depth + pointers.size() > MAX_DECLARATOR_DEPTH) {
                throw unsupported(in.peek(), "a declarator nesting pointers and parentheses more than " + MAX_DECLARATOR_DEPTH + " levels deep");
            }
            if (in.peek().isIdentifier() && ATTRIBUTE.contains(in.peek().text())) {
                attributes(d.attributes);
            } else if (in.accept("*")) {
                boolean c = false;
                boolean v = false;
                boolean r = false;
                while (in.peek().isIdentifier()) {
                    String w = in.peek().text();
                    if (CONST.contains(w)) {
                        c = true;
                    } else if (VOLATILE.contains(w)) {
                        v = true;
                    } else if (RESTRICT.contains(w)) {
                        r = true;
                    } else if (IGNORED_QUALIFIERS.contains(w) || w.equals("_Atomic")) {
                        // no effect on layout or calls
                    } else if (ATTRIBUTE.contains(w)) {
                        attributes(d.attributes);
                        continue;
                    } else {
                        break;
                    }
                    in.next();
                }
                boolean qc = c;
                boolean qv = v;
                boolean qr = r;
                pointers.add(t -> qc || qv || qr ? new CType.Qualified(new CType.Pointer(t), qc, qv, qr)
                        : new CType.Pointer(t));
            } else if (in.at("^")) {
                throw unsupported(in.peek(), "Apple blocks ('^')");
            } else {
                break;
            }
        }
        List<UnaryOperator<CType>> inner = List.of();
        if (in.at("(") && nestedDeclaratorAhead(abstractAllowed)) {
            in.next();
            inner = derivations(d, abstractAllowed, depth + pointers.size() + 1);
            in.expect(")", "to close the parenthesised declarator");
        } else if (in.peek().isIdentifier() && !ASM.contains(in.peek().text())
                && !ATTRIBUTE.contains(in.peek().text())) {
            if (d.name != null) {
                throw in.error("a declarator has one name; '" + d.name + "' already named it, found " + in.peek());
            }
            d.nameToken = in.next();
            d.name = d.nameToken.text();
        } else if (!abstractAllowed && d.name == null) {
            throw in.error("expected a name in the declaration, found " + in.peek());
        }
        List<UnaryOperator<CType>> suffixes = new ArrayList<>();
        while (true) {
            if (in.at("[")) {
                suffixes.add(arraySuffix());
            } else if (in.at("(")) {
                suffixes.add(functionSuffix());
            } else {
                break;
            }
        }
        List<UnaryOperator<CType>> all = new ArrayList<>(pointers);
        all.addAll(suffixes.reversed());
        all.addAll(inner);
        return all;
    }

    /** At {@code (} in declarator position: a parenthesised declarator, or a parameter list? */
    private boolean nestedDeclaratorAhead(boolean abstractAllowed) {
        CToken t = in.peek(1);
        if (t.is("*") || t.is("(") || t.is("[") || t.is("^")) {
            return true;
        }
        if (t.isIdentifier()) {
            if (ATTRIBUTE.contains(t.text())) {
                return true;
            }
            int mark = in.index();
            in.next();
            boolean typeStart = startsSpecifiers();
            in.reset(mark);
            return !typeStart && !abstractAllowed || !typeStart && !in.peek(2).is(",") && !in.peek(2).is(")");
        }
        return false;
    }

    private UnaryOperator<CType> arraySuffix() {
        in.expect("[", "");
        while (in.peek().isIdentifier() && (in.peek().is("static") || CONST.contains(in.peek().text())
                || VOLATILE.contains(in.peek().text()) || RESTRICT.contains(in.peek().text()))) {
            in.next();
        }
        OptionalLong length = OptionalLong.empty();
        if (in.at("*") && in.peek(1).is("]")) {
            in.next();
        } else if (!in.at("]")) {
            int mark = in.index();
            try {
                long n = evaluator().conditional();
                if (n < 0) {
                    throw new ParseError(in.get(mark).position(), "array size is negative (" + n + ")", false);
                }
                length = OptionalLong.of(n);
            } catch (ParseError e) {
                if (parameterDepth == 0) {
                    throw e;
                }
                // A parameter's variable-length bound (double a[n]) is a pointer to the ABI.
                in.reset(mark);
                while (!in.at("]") && !in.at(")") && !in.at(";") && !in.atEnd()) {
                    if (in.at("(") || in.at("[")) {
                        in.skipBalanced();
                    } else {
                        in.next();
                    }
                }
            }
        }
        in.expect("]", "to close the array size");
        OptionalLong n = length;
        return t -> new CType.Array(t, n);
    }

    private UnaryOperator<CType> functionSuffix() {
        in.expect("(", "");
        List<CParameter> params = new ArrayList<>();
        boolean variadic = false;
        parameterDepth++;
        try {
            if (in.at("void") && in.peek(1).is(")")) {
                in.next();
            }
            while (!in.accept(")")) {
                if (in.accept("...")) {
                    variadic = true;
                    in.expect(")", "after '...': it must be the last parameter");
                    break;
                }
                params.add(parameter());
                if (!in.accept(",")) {
                    in.expect(")", "or ',' after a parameter");
                    break;
                }
            }
        } finally {
            parameterDepth--;
        }
        boolean v = variadic;
        if (params.size() == 1 && params.getFirst().name().isEmpty() && params.getFirst().declaredType().canonical() instanceof CType.Void) {
            params.clear(); // typedef void V; int f(V) declares no parameters, like f(void)
        }
        return t -> new CType.Function(t, params, v);
    }

    private CParameter parameter() {
        int start = in.index();
        CToken first = in.peek();
        Specifiers s = specifiers();
        if (s == null) {
            throw in.error("expected a parameter type, found " + in.peek());
        }
        Declarator d = declarator(true);
        CType declared = d.apply(s.type);
        List<CDirective> directives = new ArrayList<>();
        // The comment may sit anywhere from the type to the ',' or ')' that ends the parameter.
        for (int i = start; i <= in.index(); i++) {
            if (!claimedComments.get(i) && !in.get(i).directives().isEmpty()) {
                claimedComments.set(i);
                for (CToken.Comment c : in.get(i).directives()) {
                    directives.addAll(directiveParser.parseInline(c.text(), c.position()));
                }
            }
        }
        SourcePosition pos = d.nameToken != null ? d.nameToken.position() : first.position();
        return new CParameter(d.name == null ? "" : d.name, adjust(declared), declared, directives, pos);
    }

    /** Parameter adjustment (C11 6.7.6.3): arrays and functions are passed as pointers. */
    static CType adjust(CType declared) {
        CType u = declared.unqualified();
        if (u instanceof CType.TypedefRef && (u.canonical() instanceof CType.Array || u.canonical() instanceof CType.Function)) {
            u = u.canonical(); // typedef double dvec[3]; f(dvec v) takes a double *
        }
        if (u instanceof CType.Array a) {
            return new CType.Pointer(a.element());
        }
        if (u instanceof CType.Function) {
            return new CType.Pointer(u);
        }
        return declared;
    }

    // ---------------------------------------------------------------------------------------------
    // Type names (casts, sizeof)

    @Override
    public boolean startsTypeName() {
        return startsSpecifiers();
    }

    @Override
    public CType typeName() {
        Specifiers s = specifiers();
        if (s == null) {
            throw in.error("expected a type name, found " + in.peek());
        }
        Declarator d = declarator(true);
        return d.apply(s.type);
    }

    @Override
    public long sizeOf(CType type) {
        try {
            return new CLayout(scope).sizeOf(type);
        } catch (IllegalArgumentException e) {
            throw in.error(e.getMessage());
        }
    }

    @Override
    public long alignOf(CType type) {
        try {
            return new CLayout(scope).alignmentOf(type);
        } catch (IllegalArgumentException e) {
            throw in.error(e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Struct, union, enum

    private CType tagged() {
        CToken keyword = in.next();
        CType.TagKind kind = CType.TagKind.valueOf(keyword.text().toUpperCase(java.util.Locale.ROOT));
        Attributes attrs = new Attributes();
        attributes(attrs);
        CToken tagToken = null;
        if (in.peek().isIdentifier() && !ATTRIBUTE.contains(in.peek().text())) {
            tagToken = in.next();
        }
        attributes(attrs);
        if (!in.at("{")) {
            if (tagToken == null) {
                throw in.error("expected a tag or '{' after '" + keyword.text() + "', found " + in.peek());
            }
            if (kind != CType.TagKind.ENUM && scope.struct(tagToken.text()).isEmpty()) {
                scope.defineTag(new CStruct(tagToken.text(), kind == CType.TagKind.UNION, List.of(), false, false, 0,
                        0, tagToken.position(), tagToken.userFile()));
            }
            return new CType.Tagged(kind, tagToken.text());
        }
        String tag = tagToken != null ? tagToken.text() : scope.anonymousTag(kind, keyword);
        CToken at = tagToken != null ? tagToken : keyword;
        if (kind == CType.TagKind.ENUM) {
            List<CEnum.Enumerator> values = enumBody();
            attributes(attrs);
            scope.defineTag(new CEnum(tag, values, at.position(), at.userFile()));
        } else {
            List<CStruct.Member> members = structBody();
            attributes(attrs);
            scope.defineTag(new CStruct(tag, kind == CType.TagKind.UNION, members, true, attrs.packed, attrs.aligned,
                    pack, at.position(), at.userFile()));
        }
        return new CType.Tagged(kind, tag);
    }

    private List<CEnum.Enumerator> enumBody() {
        in.expect("{", "");
        List<CEnum.Enumerator> out = new ArrayList<>();
        long next = 0;
        while (!in.accept("}")) {
            CToken name = in.next();
            if (!name.isIdentifier()) {
                throw new ParseError(name.position(), "expected an enumerator name, found " + name, false);
            }
            attributes(new Attributes());
            long value = in.accept("=") ? evaluator().conditional() : next;
            scope.constants.put(name.text(), value);
            out.add(new CEnum.Enumerator(name.text(), value, name.position()));
            next = value + 1;
            if (!in.accept(",")) {
                in.expect("}", "or ',' after enumerator '" + name.text() + "'");
                break;
            }
        }
        return out;
    }

    private List<CStruct.Member> structBody() {
        CToken open = in.expect("{", "");
        List<CStruct.Member> out = new ArrayList<>();
        while (!in.accept("}")) {
            if (in.atEnd()) {
                throw new ParseError(open.position(), "struct body is not closed: no '}' before the end of the input",
                        false);
            }
            if (in.accept(";")) {
                continue;
            }
            if (in.at("_Static_assert")) {
                in.next();
                in.skipBalanced();
                in.expect(";", "after _Static_assert");
                continue;
            }
            CToken first = in.peek();
            Specifiers s = specifiers();
            if (s == null) {
                throw in.error("expected a member declaration, found " + in.peek());
            }
            if (in.accept(";")) {
                if (s.type instanceof CType.Tagged t && t.isAnonymous() && t.kind() != CType.TagKind.ENUM) {
                    out.add(new CStruct.Member("", s.type, OptionalInt.empty(), s.attributes.aligned,
                            s.attributes.packed, first.position()));
                }
                continue;
            }
            while (true) {
                Declarator d = in.at(":") ? new Declarator() : declarator(false);
                OptionalInt width = OptionalInt.empty();
                if (in.accept(":")) {
                    width = OptionalInt.of((int) evaluator().conditional());
                }
                trailing(d);
                d.attributes.merge(s.attributes);
                CType type = d.apply(s.type);
                if (d.attributes.mode != null) {
                    type = withMode(type, d.attributes.mode, first);
                }
                SourcePosition pos = d.nameToken != null ? d.nameToken.position() : first.position();
                out.add(new CStruct.Member(d.name == null ? "" : d.name, type, width, d.attributes.aligned,
                        d.attributes.packed, pos));
                if (!in.accept(",")) {
                    if (!in.at("}")) { // gcc accepts the last member without its ';' (with a warning), so do we
                        in.expect(";", "after struct member '" + (d.name == null ? "" : d.name) + "'");
                    }
                    break;
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // GNU extensions

    /** Reads any number of {@code __attribute__((...))}, keeping the ones layout needs. */
    void attributes(Attributes into) {
        while (in.peek().isIdentifier() && ATTRIBUTE.contains(in.peek().text())) {
            in.next();
            in.expect("(", "after __attribute__");
            in.expect("(", "after __attribute__(");
            while (!in.accept(")")) {
                if (in.accept(",")) {
                    continue;
                }
                CToken name = in.next();
                if (name.kind() == CToken.Kind.END) {
                    throw in.error("unterminated __attribute__");
                }
                String n = name.text().replaceAll("^__(.*)__$", "$1");
                switch (n) {
                    case "packed" -> into.packed = true;
                    case "aligned" -> {
                        if (in.accept("(")) {
                            into.aligned = Math.max(into.aligned, evaluator().conditional());
                            in.expect(")", "to close aligned(...)");
                        } else {
                            into.aligned = Math.max(into.aligned, 16);
                        }
                    }
                    case "mode" -> {
                        in.expect("(", "after mode");
                        into.mode = in.next().text().replaceAll("^__(.*)__$", "$1");
                        in.expect(")", "to close mode(...)");
                    }
                    case "vector_size" -> {
                        into.vector = true;
                        in.skipBalanced();
                    }
                    default -> {
                        if (in.at("(")) {
                            in.skipBalanced();
                        }
                    }
                }
            }
            in.expect(")", "to close __attribute__((...))");
        }
    }

    /** Reads {@code __asm__("label")}; adjacent string literals are joined as C joins them. */
    private String asmLabel() {
        CToken kw = in.next();
        in.expect("(", "after " + kw.text());
        StringBuilder label = new StringBuilder();
        while (in.peek().kind() == CToken.Kind.STRING) {
            String s = in.next().text();
            label.append(s, s.indexOf('"') + 1, s.length() - 1);
        }
        in.expect(")", "to close " + kw.text() + "(\"label\")");
        return label.toString();
    }
}
