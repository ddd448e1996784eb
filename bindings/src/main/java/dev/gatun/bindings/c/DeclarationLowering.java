// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Declarations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lowers what a header declares besides callable functions, for the files the user named: object-like macros that
 * are numbers or strings and every enumerator become constants; {@code extern} variables become globals; every
 * complete struct and union is lowered with its layout; function-pointer typedefs become callback types; variadic
 * functions keep their fixed part. What cannot be bound is skipped with a warning that says why; the name filter
 * ({@code --include}/{@code --exclude}) applies to every name.
 */
final class DeclarationLowering {

    /** A floating literal, possibly in parentheses and signed: {@code (2.99792458e8)}, {@code -1.5f}. */
    private static final Pattern FLOATING = Pattern.compile(
            "\\(*\\s*([-+]?\\s*(?:\\d+\\.\\d*|\\.\\d+|\\d+(?=[eE]))(?:[eE][-+]?\\d+)?)[fFlL]?\\s*\\)*");
    /** One or more adjacent string literals without a prefix. */
    private static final Pattern STRING = Pattern.compile("\\s*(\"(?:[^\"\\\\\\n]|\\\\.)*\"\\s*)+");
    private static final Pattern PIECE = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private final CTranslationUnit unit;
    private final CLowering types;
    private final Diagnostics diagnostics;
    private final Predicate<String> names;
    private final boolean definitionsExported;

    DeclarationLowering(CTranslationUnit unit, CLowering types, Diagnostics diagnostics, Predicate<String> names,
                        boolean definitionsExported) {
        this.definitionsExported = definitionsExported;
        this.unit = unit;
        this.types = types;
        this.diagnostics = diagnostics;
        this.names = names;
    }

    Declarations lower() {
        var structs = new ArrayList<Type.Struct>();
        var constants = new ArrayList<Declarations.Constant>();
        var globals = new ArrayList<Declarations.Global>();
        var callbacks = new ArrayList<Declarations.FunctionPointer>();
        var variadics = new ArrayList<Declarations.Variadic>();
        Set<String> constantNames = new HashSet<>();
        for (CDeclaration d : unit.declarations()) {
            if (!d.fromUserFile()) {
                continue;
            }
            switch (d) {
                case CMacro m when names.test(m.name()) -> constant(m).filter(c -> constantNames.add(c.name())).ifPresent(constants::add);
                case CEnum e -> {
                    for (CEnum.Enumerator en : e.enumerators()) {
                        if (names.test(en.name()) && constantNames.add(en.name())) {
                            constants.add(new Declarations.Constant(en.name(), en.value(), en.position()));
                        }
                    }
                }
                case CStruct s when s.complete() -> {
                    Type.Struct lowered = types.struct(s);
                    if (names.test(lowered.name()) && !lowered.opaque()) {
                        structs.add(lowered);
                    }
                }
                case CVariable v when names.test(v.name()) -> global(v).ifPresent(globals::add);
                case CTypedef t when names.test(t.name()) -> callback(t).ifPresent(callbacks::add);
                case CFunction f when f.variadic() && names.test(f.name()) -> variadic(f).ifPresent(variadics::add);
                default -> {
                }
            }
        }
        return new Declarations(structs, constants, globals, callbacks, variadics);
    }

    /** A macro whose replacement is an integer constant expression, a floating literal or string literals. */
    private static Optional<Declarations.Constant> constant(CMacro m) {
        if (m.value().isPresent()) {
            return Optional.of(new Declarations.Constant(m.name(), m.value().getAsLong(), m.position()));
        }
        String text = m.replacement().strip();
        Matcher f = FLOATING.matcher(text);
        if (f.matches() && balanced(text)) {
            return Optional.of(new Declarations.Constant(m.name(), Double.parseDouble(f.group(1).replace(" ", "")), m.position()));
        }
        if (STRING.matcher(text).matches()) {
            var value = new StringBuilder();
            Matcher piece = PIECE.matcher(text);
            while (piece.find()) {
                Optional<String> unescaped = unescape(piece.group(1));
                if (unescaped.isEmpty()) {
                    return Optional.empty();
                }
                value.append(unescaped.get());
            }
            return Optional.of(new Declarations.Constant(m.name(), value.toString(), m.position()));
        }
        return Optional.empty();
    }

    private static boolean balanced(String text) {
        return text.chars().filter(c -> c == '(').count() == text.chars().filter(c -> c == ')').count();
    }

    /** C's simple escapes; a string with octal, hex or universal escapes is left unbound rather than guessed. */
    private static Optional<String> unescape(String body) {
        var out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = ++i < body.length() ? body.charAt(i) : '\\';
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\', '"', '\'', '?' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(out.toString());
    }

    private Optional<Declarations.Global> global(CVariable v) {
        String what = "global '" + v.name() + "'";
        try {
            CType t = v.type();
            boolean readOnly = isConst(t);
            List<Dimension> dims = new ArrayList<>();
            SourcePosition at = v.position();
            while (t.canonical() instanceof CType.Array a) {
                if (a.length().isEmpty()) {
                    // extern const char fftw_version[]: only its address is known.
                    return Optional.of(new Declarations.Global(v.name(), v.linkName(), Type.VOID, List.of(), true, v.position()));
                }
                dims.add(new Dimension.Explicit(new Expr.IntConst(0, at), new Expr.IntConst(a.length().getAsLong() - 1, at), at));
                t = a.element();
                readOnly |= isConst(t);
            }
            Type type = types.declarationType(t, what);
            if (type instanceof Type.Callback) {
                // A function pointer variable holds an address; the typedef's interface has an invoker for it.
                type = new Type.Pointer(Type.VOID);
            }
            if (type instanceof Type.Struct s && s.opaque() || type instanceof Type.Void) {
                // extern struct ompi_predefined_communicator_t ompi_mpi_comm_world: MPI_COMM_WORLD is its address.
                return Optional.of(new Declarations.Global(v.name(), v.linkName(), Type.VOID, List.of(), true, v.position()));
            }
            return Optional.of(new Declarations.Global(v.name(), v.linkName(), type, dims, readOnly, v.position()));
        } catch (IllegalArgumentException e) {
            diagnostics.warning(v.position(), "skipped " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Declarations.FunctionPointer> callback(CTypedef t) {
        CType c = t.type().canonical();
        CType.Function fn = c instanceof CType.Pointer p && p.pointee().canonical() instanceof CType.Function f ? f
                : c instanceof CType.Function f ? f : null;
        if (fn == null) {
            return Optional.empty();
        }
        if (fn.variadic()) {
            diagnostics.warning(t.position(), "skipped function pointer type " + t.name() + ": it is variadic; an upcall needs fixed parameters");
            return Optional.empty();
        }
        try {
            return Optional.of(new Declarations.FunctionPointer(t.name(), types.declarationSignature(fn, "function pointer type "
                    + t.name()), t.position()));
        } catch (IllegalArgumentException e) {
            diagnostics.warning(t.position(), "skipped " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Declarations.Variadic> variadic(CFunction f) {
        if (f.isStatic() || f.hasBody() && !definitionsExported) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Declarations.Variadic(f.name(), f.linkName(), types.declarationSignature(f.type(),
                    "variadic function " + f.name()), f.position()));
        } catch (IllegalArgumentException e) {
            diagnostics.warning(f.position(), "skipped " + e.getMessage());
            return Optional.empty();
        }
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
}
