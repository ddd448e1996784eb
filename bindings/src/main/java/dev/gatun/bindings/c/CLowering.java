// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.ArrayOrder;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.model.Unit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lowers parsed C declarations and their gatun directives into the binding model.
 *
 * <p>The rules, in f2py's spirit: a scalar is passed by value with {@code intent(in)}; a pointer to a
 * numeric scalar is an array (its element type plus dimensions from {@code dimension(...)}, the declared
 * {@code [N]}, or one assumed-size dimension), {@code intent(in)} when it points to {@code const} and
 * {@code intent(inout)} otherwise unless a directive says more ({@code out} without a dimension makes
 * it f2py's {@code intent(out)} scalar: one value passed by reference and returned);
 * {@code const char *} is a string;
 * function pointers are callbacks; every other pointer is an address ({@link Type.Pointer}). Functions
 * that cannot be called through a fixed FFM signature (variadic, defined in the header, using
 * {@code long double}, {@code __int128}, {@code __float128} or {@code va_list}) are skipped with a
 * warning that names the reason. Structs and unions carry their gcc layout; members the model cannot
 * describe (bit-fields, anonymous members, flexible arrays) are left out of the accessors with a warning. A pointer to {@code double[2]} (FFTW's
 * {@code fftw_complex}) is an array of complex doubles, which has the same layout.
 */
public final class CLowering {

    private final CTranslationUnit unit;
    private final Language language;
    private final Diagnostics diagnostics;
    private final Map<String, Type.Struct> structs = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Map<String, String> typedefNames = new HashMap<>();
    private final CLayout layouts;
    private SignatureFile signatures = SignatureFile.empty();
    private Predicate<String> names = name -> true;
    private boolean definitionsExported;

    /** Thrown while lowering a type that no Java carrier can hold; the caller skips the declaration. */
    private static final class Unbindable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unbindable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param unit        the parsed headers
     * @param language    {@link Language#C}, or {@link Language#CUDA} for {@code extern "C"} launchers
     * @param diagnostics receives a warning for every declaration that cannot be bound
     */
    public CLowering(CTranslationUnit unit, Language language, Diagnostics diagnostics) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.language = Objects.requireNonNull(language, "language");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.layouts = new CLayout(unit);
        if (language == Language.FORTRAN) {
            throw new IllegalArgumentException("language: C headers lower to C or CUDA procedures, not FORTRAN");
        }
        // An anonymous struct is known by the typedef that names it: typedef struct { ... } fftw_iodim.
        for (CDeclaration d : unit.declarations()) {
            if (d instanceof CTypedef t && t.type().unqualified() instanceof CType.Tagged tag && tag.isAnonymous()) {
                typedefNames.putIfAbsent(tag.tag(), t.name());
            }
        }
    }

    /**
     * The name of a struct or union: its tag; for an anonymous one, the typedef that names it
     * ({@code typedef struct { ... } fftw_iodim}), else its enclosing struct's name and the member it types
     * ({@code sphere_centre}, {@code sphere_anon2} for the third member when that has no name), else the
     * variable it types, else its line and column ({@code anonymous_12_5}). Stable as long as the header is.
     */
    private String structName(CStruct s) {
        if (!s.isAnonymousTag()) {
            return s.name();
        }
        if (anonymousNames.isEmpty()) {
            nameAnonymousTypes();
        }
        String name = anonymousNames.get(s.name());
        return name != null ? name : "anonymous_" + s.position().line() + "_" + s.position().column();
    }

    private final Map<String, String> anonymousNames = new HashMap<>();

    private void nameAnonymousTypes() {
        anonymousNames.putAll(typedefNames);
        anonymousNames.put("", ""); // marks the map as computed
        for (CDeclaration d : unit.declarations()) {
            if (d instanceof CVariable v && v.type().canonical() instanceof CType.Tagged t && t.isAnonymous()) {
                anonymousNames.putIfAbsent(t.tag(), v.name() + "_t");
            }
        }
        // Parents before their anonymous members: a parent that is itself anonymous is named first.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CDeclaration d : unit.declarations()) {
                if (!(d instanceof CStruct parent) || parent.isAnonymousTag() && !anonymousNames.containsKey(parent.name())) {
                    continue;
                }
                String parentName = parent.isAnonymousTag() ? anonymousNames.get(parent.name()) : parent.name();
                for (int i = 0; i < parent.members().size(); i++) {
                    CStruct.Member m = parent.members().get(i);
                    CType t = m.type().canonical();
                    while (t instanceof CType.Array a) {
                        t = a.element().canonical();
                    }
                    if (t instanceof CType.Tagged tag && tag.isAnonymous() && !anonymousNames.containsKey(tag.tag())) {
                        anonymousNames.put(tag.tag(), parentName + "_" + (m.name().isEmpty() ? "anon" + i : m.name()));
                        changed = true;
                    }
                }
            }
        }
    }

    /**
     * Adds directives written outside the headers, in {@code .gatun} side files; they apply to every
     * function lowered afterwards.
     *
     * @param file the parsed side files
     * @return this lowering
     */
    public CLowering withSignatures(SignatureFile file) {
        this.signatures = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * Restricts which functions are lowered, by name; the others are not looked at, so they cost no warnings.
     *
     * @param which accepts the names to bind, e.g. an include/exclude glob filter
     * @return this lowering
     */
    public CLowering withNames(Predicate<String> which) {
        this.names = Objects.requireNonNull(which, "which");
        return this;
    }

    /**
     * Lowers a C source file rather than a header: its non-static function definitions are what the
     * library exports, so they are bound like prototypes (a header's inline bodies still are not).
     *
     * @param source the {@code .c} file the user named
     * @return the procedures that can be bound, in declaration order
     */
    public Unit lowerSource(Path source) {
        definitionsExported = true;
        try {
            return lower(source, f -> f.fromUserFile() && !f.isStatic());
        } finally {
            definitionsExported = false;
        }
    }

    /**
     * Lowers the functions declared in the files the user named.
     *
     * @param source the header to record as the unit's source
     * @return the procedures that can be bound, in declaration order
     */
    public Unit lower(Path source) {
        return lower(source, CFunction::fromUserFile);
    }

    /**
     * Lowers the functions the filter selects.
     *
     * @param source the header to record as the unit's source
     * @param which  which functions to bind, e.g. {@code f -> f.name().startsWith("cblas_")}
     * @return the procedures that can be bound, in declaration order
     */
    public Unit lower(Path source, Predicate<CFunction> which) {
        List<Procedure> out = new ArrayList<>();
        for (CFunction f : unit.functions()) {
            // Variadic functions are declarations with invokers (DeclarationLowering), not fixed-signature procedures.
            if (which.test(f) && names.test(f.name()) && !f.variadic()) {
                procedure(f).ifPresent(out::add);
            }
        }
        var rules = new ArrayList<>(unit.statusRules());
        rules.addAll(signatures.statusRules());
        return new Unit(source, language, out,
                new DeclarationLowering(unit, this, diagnostics, names, definitionsExported).lower().withStatuses(rules));
    }

    /**
     * Lowers one function.
     *
     * @param declared the function as declared (a signature file may refine it)
     * @return the procedure, or empty (with a warning saying why) when it cannot be bound
     */
    public Optional<Procedure> procedure(CFunction declared) {
        CFunction f = signatures.apply(declared, diagnostics);
        try {
            if (f.variadic()) {
                throw new Unbindable("it is variadic ('...'); FFM needs one fixed signature per binding");
            }
            if (f.hasBody() && !(definitionsExported && f.fromUserFile() && !f.isStatic())) {
                throw new Unbindable("it is defined in the header" + (f.isStatic() ? " (static inline)" : "")
                        + ", so the library may export no symbol for it");
            }
            Optional<String> wide = unrepresentable(f.type());
            if (wide.isPresent()) {
                throw new Unbindable("its signature uses " + wide.get() + ", which Java cannot represent");
            }
            Type result = valueType(f.returnType(), "the result");
            if (result instanceof Type.Callback) {
                // A function that returns a function pointer returns an address; Java calls it through an invoker.
                result = new Type.Pointer(Type.VOID);
            }
            List<Parameter> params = new ArrayList<>();
            for (int i = 0; i < f.parameters().size(); i++) {
                params.add(parameter(f, f.parameters().get(i), i));
            }
            return Optional.of(new Procedure(f.name(), f.linkName(), language,
                    result instanceof Type.Void ? Procedure.Kind.SUBROUTINE : Procedure.Kind.FUNCTION, result,
                    Procedure.Interop.DIRECT, params, Optional.empty(), f.position()));
        } catch (Unbindable | IllegalArgumentException e) {
            diagnostics.warning(f.position(), "skipped " + f.name() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Lowers a struct or union with its gcc layout. Members the model cannot describe (bit-fields,
     * anonymous members, flexible arrays, types Java cannot hold) are left out with one warning naming
     * them; their bytes stay in the layout, so the struct keeps its size and can still be passed by value.
     *
     * @param s the declaration
     * @return the model struct, named by its tag or, for an anonymous one, by its typedef; opaque when only
     *     forward-declared
     */
    public Type.Struct struct(CStruct s) {
        String name = structName(s);
        Type.Struct done = structs.get(s.name());
        if (done != null) {
            return done;
        }
        if (!s.complete() || !inProgress.add(s.name())) {
            // Forward-declared, or a struct that points to itself: an address is all a binding needs here.
            return Type.Struct.opaque(name, s.position());
        }
        Type.Struct lowered;
        try {
            CLayout.StructLayout layout = layouts.of(s);
            List<String> skipped = new ArrayList<>();
            List<Type.Field> fields = fields(layout, name, skipped);
            if (!skipped.isEmpty()) {
                diagnostics.warning(s.position(), (s.isUnion() ? "union " : "struct ") + name + ": "
                        + String.join("; ", skipped) + "; no accessors are generated for "
                        + (skipped.size() == 1 ? "it" : "them") + ", their bytes stay in the layout");
            }
            lowered = new Type.Struct(name, s.isUnion(), fields, layout.size(), layout.alignment(), s.position());
        } catch (IllegalArgumentException e) {
            diagnostics.warning(s.position(), (s.isUnion() ? "union " : "struct ") + name + " is bound as opaque: "
                    + e.getMessage());
            lowered = Type.Struct.opaque(name, s.position());
        } finally {
            inProgress.remove(s.name());
        }
        structs.put(s.name(), lowered);
        return lowered;
    }

    private List<Type.Field> fields(CLayout.StructLayout layout, String owner, List<String> skipped) {
        List<Type.Field> out = new ArrayList<>();
        List<CStruct.Member> declaredMembers = layout.struct().members();
        for (int index = 0; index < layout.members().size(); index++) {
            CLayout.MemberLayout m = layout.members().get(index);
            CStruct.Member declared = declaredMembers.get(index);
            if (m.bitWidth() >= 0) {
                if (m.name().isEmpty() || m.bitWidth() == 0) {
                    continue; // unnamed bit-fields are padding
                }
                try {
                    Type type = valueType(m.type(), "bit-field '" + m.name() + "'");
                    if (!(type instanceof Type.Scalar sc && !sc.kind().isComplex() && sc.kind() != ScalarKind.FLOAT && sc.kind() != ScalarKind.DOUBLE
                            || type instanceof Type.Logical)) {
                        throw new Unbindable("bit-field '" + m.name() + "' has the type " + type.describe());
                    }
                    int shift = (int) (m.bitOffset() % 8);
                    if (shift + m.bitWidth() > 64) {
                        throw new Unbindable("bit-field '" + m.name() + "' spans more than 8 bytes");
                    }
                    out.add(new Type.Field(m.name(), type, List.of(), m.bitOffset() / 8, shift, m.bitWidth(), declared.position()));
                } catch (Unbindable e) {
                    skipped.add(e.getMessage());
                }
                continue;
            }
            try {
                List<Dimension> dims = new ArrayList<>();
                CType t = m.type();
                while (t.canonical() instanceof CType.Array a) {
                    if (a.length().isEmpty() || a.length().getAsLong() == 0) {
                        throw new Unbindable("member '" + m.name() + "' is a flexible array; reach its elements through "
                                + "segment().asSlice(LAYOUT.byteSize())");
                    }
                    dims.add(new Dimension.Explicit(new Expr.IntConst(0, declared.position()),
                            new Expr.IntConst(a.length().getAsLong() - 1, declared.position()), declared.position()));
                    t = a.element();
                }
                if (m.name().isEmpty()) {
                    // struct { union { int u; float f; }; }: the union's members are members of this struct.
                    if (!(valueType(t, "an anonymous member") instanceof Type.Struct inner) || inner.opaque()) {
                        throw new Unbindable("an anonymous member is incomplete");
                    }
                    out.add(new Type.Field("", inner, List.of(), m.offset(), declared.position()));
                    continue;
                }
                Type type = complexPair(t).<Type>map(Type.Scalar::new).orElseGet(() -> null);
                if (type == null) {
                    type = valueType(t, "member '" + m.name() + "'");
                }
                if (type instanceof Type.Callback) {
                    // A function pointer stored in a struct is an address; its typedef's invoker calls it.
                    type = new Type.Pointer(Type.VOID);
                }
                if (type instanceof Type.Struct inner && inner.opaque()) {
                    throw new Unbindable("member '" + m.name() + "' is the opaque " + inner.describe());
                }
                out.add(new Type.Field(m.name(), type, dims, m.offset(), declared.position()));
            } catch (Unbindable e) {
                skipped.add(e.getMessage());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Parameters

    private Parameter parameter(CFunction f, CParameter p, int index) {
        String name = p.name().isEmpty() ? "arg" + (index + 1) : p.name();
        if (p.type().canonical() instanceof CType.Void) {
            throw new Unbindable("parameter '" + name + "' at " + p.position() + " has type void, which no value has");
        }
        Directives d = new Directives(p, name, f);
        CType c = p.type().canonical();
        Parameter.Builder b;
        if (c instanceof CType.Pointer ptr && ptr.pointee().canonical() instanceof CType.Int ch
                && ch.kind() == CType.IntKind.CHAR && d.dimensions != null && d.dimensions.size() == 1
                && d.dimensions.getFirst() instanceof Dimension.Explicit e && (d.intent == Parameter.Intent.OUT
                || d.intent == Parameter.Intent.INOUT)) {
            // "char *version" with "out dimension(N)": a buffer of N bytes the function fills with text.
            Expr length = e.upper() instanceof Expr.IntConst u ? new Expr.IntConst(u.value() + 1, u.position())
                    : e.upper() instanceof Expr.Binary minus && minus.op() == Expr.BinaryOp.SUB
                    && minus.right() instanceof Expr.IntConst one && one.value() == 1 ? minus.left() : null;
            if (length == null) {
                throw new Unbindable("parameter '" + name + "': the length of a text buffer must be one extent");
            }
            b = Parameter.builder(name, new Type.Character(length), p.position()).passing(Parameter.Passing.REFERENCE)
                    .intent(d.intent);
        } else if (c instanceof CType.Pointer ptr && d.intent == Parameter.Intent.OUT && d.dimensions == null
                && ptr.pointee().canonical() instanceof CType.Pointer inner) {
            // "T **handle" with "out": the function stores an address there (cuCtxCreate, cuGetErrorName).
            b = Parameter.builder(name, pointerType(inner, "parameter '" + name + "'"), p.position())
                    .passing(Parameter.Passing.REFERENCE).intent(Parameter.Intent.OUT);
        } else if (c instanceof CType.Pointer ptr && isArrayPointer(ptr, d)) {
            CType pointee = ptr.pointee();
            Type element = complexPair(pointee).<Type>map(Type.Scalar::new)
                    .orElseGet(() -> valueType(pointee, "parameter '" + name + "'"));
            // "gatun: out" without a dimension is f2py's intent(out) scalar: one value, returned.
            boolean scalarOut = d.intent == Parameter.Intent.OUT && d.dimensions == null && !d.device
                    && !(p.declaredType().canonical() instanceof CType.Array);
            List<Dimension> dims = scalarOut ? List.of() : d.dimensions != null ? d.dimensions : declaredDimensions(p);
            b = Parameter.builder(name, element, p.position()).passing(Parameter.Passing.REFERENCE)
                    .dimensions(dims).order(d.order != null ? d.order : ArrayOrder.C).device(d.device)
                    .intent(d.intent != null ? d.intent : isConst(pointee) ? Parameter.Intent.IN
                            : Parameter.Intent.INOUT);
        } else {
            if (d.dimensions != null) {
                d.ignore("dimension(...)", "it is not a pointer to numbers");
            }
            if (d.device) {
                d.ignore("device", "only pointers to numbers can be device arrays");
            }
            Type type = c instanceof CType.Pointer ptr && isString(ptr)
                    ? new Type.Character(new Expr.Star(p.position()))
                    : valueType(p.type(), "parameter '" + name + "'");
            boolean byReference = type instanceof Type.Character;
            b = Parameter.builder(name, type, p.position())
                    .passing(byReference ? Parameter.Passing.REFERENCE : Parameter.Passing.VALUE);
            if (d.intent == Parameter.Intent.HIDE || d.intent == Parameter.Intent.IN) {
                b.intent(d.intent);
            } else if (d.intent != null && byReference) {
                b.intent(d.intent);
            } else if (d.intent != null) {
                d.ignore("intent(" + d.intent.name().toLowerCase(java.util.Locale.ROOT) + ")",
                        "it is passed by value; make it a pointer to return a value");
            } else if (byReference && !isConst(((CType.Pointer) c).pointee())) {
                b.intent(Parameter.Intent.INOUT);
            }
        }
        boolean callback = b.build().type() instanceof Type.Callback;
        if (d.retain && !callback) {
            d.ignore("retain", "it is not a function pointer");
        }
        return b.depends(d.depends).checks(d.checks).retained(d.retain && callback).build();
    }

    /**
     * Finds {@code __int128} or {@code __float128} anywhere in a signature, even behind pointers and
     * typedefs ({@code fftwq_complex *}): the parser promised such declarations are not bound.
     */
    private static Optional<String> unrepresentable(CType t) {
        return switch (t) {
            case CType.Int i when i.kind().size() == 16 -> Optional.of(i.kind().spelling());
            case CType.Floating f when f.kind() == CType.FloatKind.FLOAT128 -> Optional.of(f.kind().spelling());
            case CType.Complex c when c.kind() == CType.FloatKind.FLOAT128 -> Optional.of(c.spelling());
            case CType.Qualified q -> unrepresentable(q.type());
            case CType.TypedefRef r -> unrepresentable(r.target());
            case CType.Pointer p -> unrepresentable(p.pointee());
            case CType.Array a -> unrepresentable(a.element());
            case CType.Function f -> {
                Optional<String> r = unrepresentable(f.returnType());
                for (CParameter p : f.parameters()) {
                    r = r.or(() -> unrepresentable(p.declaredType()));
                }
                yield r;
            }
            default -> Optional.empty();
        };
    }

    /**
     * {@code double[2]} is laid out as {@code double _Complex}: FFTW's {@code fftw_complex *} is an array
     * of complex numbers.
     */
    private static Optional<ScalarKind> complexPair(CType pointee) {
        if (pointee.canonical() instanceof CType.Array a && a.length().equals(java.util.OptionalLong.of(2))
                && a.element().canonical() instanceof CType.Floating f) {
            return switch (f.kind()) {
                case DOUBLE -> Optional.of(ScalarKind.COMPLEX_DOUBLE);
                case FLOAT -> Optional.of(ScalarKind.COMPLEX_FLOAT);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** A pointer to numbers is an array; so is anything with a dimension or device directive. */
    private static boolean isArrayPointer(CType.Pointer ptr, Directives d) {
        CType pointee = ptr.pointee().canonical();
        if (complexPair(pointee).isPresent()) {
            return true;
        }
        boolean numeric = switch (pointee) {
            case CType.Int i -> i.kind() != CType.IntKind.BOOL && i.kind().size() <= 8 && !isCharKind(i.kind());
            case CType.Floating f -> f.kind() == CType.FloatKind.FLOAT || f.kind() == CType.FloatKind.DOUBLE;
            case CType.Complex x -> x.kind() == CType.FloatKind.FLOAT || x.kind() == CType.FloatKind.DOUBLE;
            case CType.Tagged t -> t.kind() == CType.TagKind.ENUM;
            default -> false;
        };
        boolean scalarPointee = numeric || pointee instanceof CType.Int;
        return numeric || scalarPointee && (d.dimensions != null || d.device);
    }

    private static boolean isString(CType.Pointer ptr) {
        return ptr.pointee().canonical() instanceof CType.Int i && isCharKind(i.kind());
    }

    private static boolean isCharKind(CType.IntKind k) {
        return k == CType.IntKind.CHAR || k == CType.IntKind.SIGNED_CHAR || k == CType.IntKind.UNSIGNED_CHAR;
    }

    private static boolean isConst(CType t) {
        CType x = t;
        while (true) {
            if (x instanceof CType.Qualified q) {
                if (q.isConst()) {
                    return true;
                }
                x = q.type();
            } else if (x instanceof CType.TypedefRef r) {
                x = r.target();
            } else {
                return false;
            }
        }
    }

    /** {@code double a[3][4]} keeps its extents; a plain pointer is one assumed-size dimension. */
    private static List<Dimension> declaredDimensions(CParameter p) {
        SourcePosition at = p.position();
        List<Dimension> dims = new ArrayList<>();
        CType t = p.declaredType().canonical();
        while (t instanceof CType.Array a && a.length().isPresent()) {
            dims.add(new Dimension.Explicit(new Expr.IntConst(0, at), new Expr.IntConst(a.length().getAsLong() - 1, at),
                    at));
            t = a.element().canonical();
        }
        if (dims.isEmpty()) {
            dims.add(new Dimension.AssumedSize(new Expr.IntConst(0, at), at));
        }
        return dims;
    }

    // ---------------------------------------------------------------------------------------------
    // Types

    /**
     * Lowers a type for a declaration other than a function's parameter (a global, a callback's).
     *
     * @throws IllegalArgumentException with the reason when no Java carrier can hold it
     */
    Type declarationType(CType t, String what) {
        try {
            Optional<String> wide = unrepresentable(t);
            if (wide.isPresent()) {
                throw new Unbindable(what + " uses " + wide.get() + ", which Java cannot represent");
            }
            Type lowered = complexPair(t).<Type>map(Type.Scalar::new).orElse(null);
            return lowered != null ? lowered : valueType(t, what);
        } catch (Unbindable e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * Lowers a function type (a function-pointer typedef's, a variadic function's fixed part).
     *
     * @throws IllegalArgumentException with the reason when some part cannot be bound
     */
    Signature declarationSignature(CType.Function f, String what) {
        try {
            Optional<String> wide = unrepresentable(f);
            if (wide.isPresent()) {
                throw new Unbindable(what + " uses " + wide.get() + ", which Java cannot represent");
            }
            return signature(new CType.Function(f.returnType(), f.parameters(), false), what);
        } catch (Unbindable e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private Type valueType(CType t, String what) {
        CType c = t.canonical();
        return switch (c) {
            case CType.Void v -> Type.VOID;
            case CType.Int i -> intType(i.kind(), what);
            case CType.Floating f -> switch (f.kind()) {
                case FLOAT -> new Type.Scalar(ScalarKind.FLOAT);
                case DOUBLE -> new Type.Scalar(ScalarKind.DOUBLE);
                default -> throw new Unbindable(what + " is " + f.spelling() + ", which Java cannot represent");
            };
            case CType.Complex x -> switch (x.kind()) {
                case FLOAT -> new Type.Scalar(ScalarKind.COMPLEX_FLOAT);
                case DOUBLE -> new Type.Scalar(ScalarKind.COMPLEX_DOUBLE);
                default -> throw new Unbindable(what + " is " + x.spelling() + ", which Java cannot represent");
            };
            case CType.Tagged e when e.kind() == CType.TagKind.ENUM -> intType(
                    unit.enumeration(e.tag()).map(CEnum::underlyingKind).orElse(CType.IntKind.UNSIGNED_INT), what);
            case CType.Tagged s -> struct(unit.struct(s.tag()).orElseThrow(() ->
                    new Unbindable(what + " has the undeclared type " + s.spelling())));
            case CType.Pointer p -> pointerType(p, what);
            case CType.Array a -> throw new Unbindable(what + " is an array type " + a.spelling()
                    + " outside a parameter");
            case CType.Function fn -> new Type.Callback(signature(fn, what));
            case CType.VaList v -> throw new Unbindable(what + " is a va_list; bind the '...' variant instead");
            case CType.Unsupported u -> throw new Unbindable(what + " is " + u.description());
            case CType.Qualified q -> throw new IllegalStateException("canonical() keeps no qualifiers");
            case CType.TypedefRef r -> throw new IllegalStateException("canonical() keeps no typedefs");
        };
    }

    private static Type intType(CType.IntKind k, String what) {
        return switch (k) {
            case BOOL -> new Type.Logical(1);
            case CHAR, SIGNED_CHAR -> new Type.Scalar(ScalarKind.INT8);
            case UNSIGNED_CHAR -> new Type.Scalar(ScalarKind.UINT8);
            case SHORT -> new Type.Scalar(ScalarKind.INT16);
            case UNSIGNED_SHORT -> new Type.Scalar(ScalarKind.UINT16);
            case INT -> new Type.Scalar(ScalarKind.INT32);
            case UNSIGNED_INT -> new Type.Scalar(ScalarKind.UINT32);
            case LONG, LONG_LONG -> new Type.Scalar(ScalarKind.INT64);
            case UNSIGNED_LONG, UNSIGNED_LONG_LONG -> new Type.Scalar(ScalarKind.UINT64);
            case INT128, UNSIGNED_INT128 -> throw new Unbindable(what + " is " + k.spelling()
                    + ", which Java cannot represent");
        };
    }

    private Type pointerType(CType.Pointer p, String what) {
        CType pointee = p.pointee().canonical();
        if (pointee instanceof CType.Function f) {
            return new Type.Callback(signature(f, what));
        }
        try {
            return new Type.Pointer(pointee instanceof CType.Array ? Type.VOID : valueType(pointee, what));
        } catch (Unbindable e) {
            // An address of something Java cannot hold is still an address.
            return new Type.Pointer(Type.VOID);
        }
    }

    private Signature signature(CType.Function f, String what) {
        if (f.variadic()) {
            throw new Unbindable(what + " is a variadic callback");
        }
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < f.parameters().size(); i++) {
            CParameter p = f.parameters().get(i);
            String name = p.name().isEmpty() ? "arg" + (i + 1) : p.name();
            Type t = valueType(p.type(), what + ", callback parameter '" + name + "'");
            if (t instanceof Type.Callback) {
                t = new Type.Pointer(Type.VOID); // a function pointer handed to a callback is an address to it
            }
            params.add(Parameter.builder(name, t, p.position()).passing(Parameter.Passing.VALUE).build());
        }
        Type result = valueType(f.returnType(), what + ", callback result");
        return new Signature(result instanceof Type.Callback ? new Type.Pointer(Type.VOID) : result, params);
    }

    // ---------------------------------------------------------------------------------------------
    // Directives

    /** The directives of one parameter, merged and converted to model terms. */
    private final class Directives {
        Parameter.Intent intent;
        List<Dimension> dimensions;
        ArrayOrder order;
        boolean device;
        boolean retain;
        final List<String> depends = new ArrayList<>();
        final List<Expr> checks = new ArrayList<>();
        private final CParameter parameter;
        private final String name;
        private final String function;
        private final CFunction owner;

        Directives(CParameter p, String name, CFunction owner) {
            this.parameter = p;
            this.name = name;
            this.owner = owner;
            this.function = owner.name();
            Set<CDirective.IntentFlag> flags = EnumSet.noneOf(CDirective.IntentFlag.class);
            for (CDirective d : p.directives()) {
                switch (d) {
                    case CDirective.Intent i -> flags.addAll(i.flags());
                    case CDirective.Dimension dim -> dimensions = dimensions(dim);
                    case CDirective.Depend dep -> depends.addAll(dep.names());
                    case CDirective.Check chk -> expression(chk.expression(), chk.position()).ifPresent(checks::add);
                    case CDirective.Order o -> order = o.order() == CDirective.ArrayOrder.C ? ArrayOrder.C
                            : ArrayOrder.FORTRAN;
                    case CDirective.Device dev -> device = true;
                    case CDirective.Retain r -> retain = true;
                }
            }
            if (flags.contains(CDirective.IntentFlag.HIDE)) {
                intent = Parameter.Intent.HIDE;
            } else if (flags.contains(CDirective.IntentFlag.INOUT)
                    || flags.contains(CDirective.IntentFlag.IN) && flags.contains(CDirective.IntentFlag.OUT)) {
                intent = Parameter.Intent.INOUT;
            } else if (flags.contains(CDirective.IntentFlag.OUT)) {
                intent = Parameter.Intent.OUT;
            } else if (flags.contains(CDirective.IntentFlag.IN)) {
                intent = Parameter.Intent.IN;
            }
        }

        private List<Dimension> dimensions(CDirective.Dimension dim) {
            List<Dimension> out = new ArrayList<>();
            SourcePosition at = dim.position();
            for (String extent : dim.extents()) {
                if (extent.equals("*")) {
                    out.add(new Dimension.AssumedSize(new Expr.IntConst(0, at), at));
                    continue;
                }
                Optional<Expr> e = expression(extent, at);
                if (e.isEmpty()) {
                    return null;
                }
                // C arrays count from 0: extent n is the bound 0:n-1.
                Expr upper = e.get() instanceof Expr.IntConst c ? new Expr.IntConst(c.value() - 1, at)
                        : new Expr.Binary(Expr.BinaryOp.SUB, e.get(), new Expr.IntConst(1, at), at);
                out.add(new Dimension.Explicit(new Expr.IntConst(0, at), upper, at));
            }
            return out;
        }

        private Optional<Expr> expression(String text, SourcePosition at) {
            try {
                Expr e = withConstants(DirectiveExpressions.parse(text, at));
                for (String ref : e.references()) {
                    if (owner.parameter(ref).isEmpty()) {
                        throw new IllegalArgumentException("'" + ref + "' is neither a parameter of " + function
                                + " nor an integer constant of the header");
                    }
                }
                return Optional.of(e);
            } catch (IllegalArgumentException e) {
                diagnostics.warning(at, "parameter '" + name + "' of " + function + ": cannot read gatun expression: "
                        + e.getMessage() + "; the directive is ignored");
                return Optional.empty();
            }
        }

        /** A name that is no parameter but an integer macro or enumerator of the header is its value. */
        private Expr withConstants(Expr e) {
            return switch (e) {
                case Expr.Ref r when owner.parameter(r.name()).isEmpty() -> constant(r.name())
                        .<Expr>map(v -> new Expr.IntConst(v, r.position())).orElse(r);
                case Expr.Unary u -> new Expr.Unary(u.op(), withConstants(u.operand()), u.position());
                case Expr.Binary b -> new Expr.Binary(b.op(), withConstants(b.left()), withConstants(b.right()), b.position());
                default -> e;
            };
        }

        private Optional<Long> constant(String constantName) {
            java.util.OptionalLong enumerator = unit.enumerator(constantName);
            if (enumerator.isPresent()) {
                return Optional.of(enumerator.getAsLong());
            }
            return unit.macro(constantName).filter(m -> m.value().isPresent()).map(m -> m.value().getAsLong());
        }

        void ignore(String directive, String why) {
            diagnostics.warning(parameter.position(), "parameter '" + name + "' of " + function + ": gatun directive "
                    + directive + " is ignored: " + why);
        }
    }
}
