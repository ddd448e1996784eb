// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Types the signature of a dummy procedure that has no interface block from the place it is called
 * ({@link ProcedureDraft.CallSite}), as f2py does: each actual argument gives a parameter of its
 * declared (or implicit) type; a whole array gives an array parameter whose extents are its declared
 * ones, which must be constants or other arguments of the same call ({@code cu(lencu)} with
 * {@code call f(cu, lencu)}); a scalar the caller declares {@code intent(out)} or {@code intent(in,out)}
 * is written by the callback (f2py's callback "return objects"). A function's result type is the one
 * the calling code itself uses: the declaration of the dummy's name ({@code real*8 fcn}), else implicit
 * typing (never the variable an f2py line assigns to, which the compiled code does not see). What
 * cannot be typed is a {@link Unknown} naming why.
 */
final class CallbackInference {

    /** The signature cannot be inferred; the message says why and what to write instead. */
    static final class Unknown extends Exception {
        private static final long serialVersionUID = 1L;

        Unknown(String message) {
            super(message, null, false, false);
        }
    }

    private final ProcedureDraft d;
    private final String name;
    private final ProcedureDraft.CallSite site;

    private CallbackInference(ProcedureDraft d, String name, ProcedureDraft.CallSite site) {
        this.d = d;
        this.name = name;
        this.site = site;
    }

    /**
     * Infers the signature of dummy procedure {@code name} of {@code d}.
     *
     * @param d    the procedure
     * @param name the dummy procedure
     * @return the signature
     * @throws Unknown when there is no call to learn from, or an argument cannot be typed
     */
    static Signature infer(ProcedureDraft d, String name) throws Unknown {
        ProcedureDraft.CallSite site = d.callSites.get(name);
        if (site == null) {
            throw new Unknown("parameter '" + name + "' is a procedure that is never called here and has no interface block; write an"
                    + " 'interface' for it, or an f2py line such as '!f2py call " + name + "(...)' so its callback signature is known");
        }
        return new CallbackInference(d, name, site).signature();
    }

    private Signature signature() throws Unknown {
        var parameters = new ArrayList<Parameter>();
        Set<String> taken = new HashSet<>();
        List<String> plainNames = new ArrayList<>();
        for (List<Token> actual : site.arguments()) {
            plainNames.add(actual.size() == 1 && actual.getFirst().kind() == Token.Kind.NAME ? actual.getFirst().text() : null);
        }
        plainNames.stream().filter(n -> n != null).forEach(taken::add);
        for (int i = 0; i < site.arguments().size(); i++) {
            List<Token> actual = site.arguments().get(i);
            String plain = plainNames.get(i);
            String param = plain != null && plainNames.indexOf(plain) == i ? plain : fresh(i, taken);
            Parameter p = plain != null ? variable(plain, param, plainNames) : value(actual, param, i);
            parameters.add(p);
        }
        Type result = Type.VOID;
        if (!site.subroutine()) {
            result = resultType();
        }
        return new Signature(result, parameters);
    }

    private static String fresh(int index, Set<String> taken) {
        String n = "arg" + (index + 1);
        while (!taken.add(n)) {
            n = n + "_";
        }
        return n;
    }

    private Type resultType() throws Unknown {
        ProcedureDraft.Entity e = d.entities.get(name);
        TypeSpec spec = e != null && e.type != null ? e.type : null;
        if (spec == null) {
            spec = d.implicit.typeOf(name);
        }
        if (spec == null) {
            throw new Unknown("callback '" + name + "' is called as a function but has no type (implicit none is in effect); declare it, e.g. 'real(8), external :: " + name + "'");
        }
        if (!(spec.type() instanceof Type.Scalar)) {
            throw new Unknown("callback '" + name + "' must return a real, integer or complex scalar, not " + spec.spelling());
        }
        return spec.type();
    }

    private TypeSpec typeOf(String variable) {
        ProcedureDraft.Entity e = d.entities.get(variable);
        return e != null && e.type != null ? e.type : d.implicit.typeOf(variable);
    }

    /** A variable passed whole: its type, shape and (for scalars) whether the callback writes it. */
    private Parameter variable(String actual, String param, List<String> plainNames) throws Unknown {
        ProcedureDraft.Entity e = d.entities.get(actual);
        if (e != null && (e.external || d.interfaces.containsKey(actual))) {
            throw new Unknown("callback '" + name + "' is passed the procedure '" + actual + "'; procedures as callback arguments are not supported");
        }
        TypeSpec spec = typeOf(actual);
        Type type = checked(spec, actual);
        SourcePosition where = site.position();
        List<Dimension> dims = e != null ? e.dimensions : List.of();
        if (!dims.isEmpty()) {
            if (type instanceof Type.Logical || type instanceof Type.Character && dims.size() > 1) {
                throw new Unknown("callback '" + name + "' is passed '" + actual + "', a rank-" + dims.size() + " " + spec.spelling()
                        + " array; callbacks receive numeric arrays and rank-1 arrays of strings");
            }
            for (Dimension dim : dims) {
                extentKnown(actual, dim, plainNames);
            }
            return Parameter.builder(param, type instanceof Type.Character ? new Type.Character(new Expr.Star(where)) : type, where)
                    .dimensions(dims).intent(Parameter.Intent.INOUT).build();
        }
        if (type instanceof Type.Character) {
            return Parameter.builder(param, new Type.Character(new Expr.Star(where)), where).build();
        }
        Parameter.Intent intent = Parameter.Intent.IN;
        if (e != null && d.arguments.contains(actual)) {
            boolean in = e.intents.contains("in");
            boolean out = e.intents.contains("out");
            if (e.intents.contains("inout") || in && out) {
                intent = Parameter.Intent.INOUT;
            } else if (out) {
                intent = Parameter.Intent.OUT;
            }
        }
        if (intent != Parameter.Intent.IN && !(type instanceof Type.Scalar)) {
            throw new Unknown("callback '" + name + "' would write '" + actual + "', a " + spec.spelling() + "; written callback arguments must be real, integer or complex");
        }
        return Parameter.builder(param, type, where).intent(intent).build();
    }

    /** An extent the adapter can compute: constants and the other arguments of the call. */
    private void extentKnown(String array, Dimension dim, List<String> plainNames) throws Unknown {
        List<Expr> bounds = switch (dim) {
            case Dimension.Explicit x -> List.of(x.lower(), x.upper());
            default -> null;
        };
        if (bounds == null) {
            throw new Unknown("callback '" + name + "' is passed the array '" + array + "' of extent '" + dim.render()
                    + "', which the callback cannot know; declare its extent (e.g. '" + array + "(n)' with n also passed to " + name + ")");
        }
        for (Expr b : bounds) {
            for (String ref : b.references()) {
                if (!plainNames.contains(ref) && KindTable.evaluate(b).isEmpty()) {
                    throw new Unknown("callback '" + name + "' is passed the array '" + array + "' whose extent '" + dim.render() + "' names '" + ref
                            + "', which is not passed to " + name + "; the callback could not know the array's length");
                }
            }
        }
    }

    /** A literal, an array element or an expression: passed by value as far as the callback can tell. */
    private Parameter value(List<Token> tokens, String param, int index) throws Unknown {
        Type type = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Type here = switch (t.kind()) {
                case INT -> new Type.Scalar(ScalarKind.INT32);
                case REAL -> new Type.Scalar(t.text().contains("d") ? ScalarKind.DOUBLE : ScalarKind.FLOAT);
                case STRING -> new Type.Character(new Expr.Star(site.position()));
                case OP -> t.is(".true.") || t.is(".false.") ? new Type.Logical(4) : null;
                case NAME -> {
                    boolean call = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
                    ProcedureDraft.Entity e = d.entities.get(t.text());
                    if (call && (e == null || e.dimensions.isEmpty())) {
                        yield null; // an intrinsic or function whose result type Gatun does not track
                    }
                    TypeSpec spec = typeOf(t.text());
                    yield spec == null ? null : spec.type();
                }
                default -> null;
            };
            if (t.kind() == Token.Kind.NAME && i + 1 < tokens.size() && tokens.get(i + 1).is("(")) {
                i = skipParentheses(tokens, i + 1);
            }
            type = wider(type, here);
        }
        if (type == null) {
            throw new Unknown("cannot infer the type of argument " + (index + 1) + " of callback '" + name + "' from '"
                    + String.join(" ", tokens.stream().map(Token::text).toList()) + "'; write an interface block for '" + name + "'");
        }
        return Parameter.builder(param, type, site.position()).build();
    }

    private static int skipParentheses(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is("(")) {
                depth++;
            } else if (tokens.get(i).is(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    /** Fortran's numeric promotion, enough to type an actual expression: complex over real over integer, wider over narrower. */
    private static Type wider(Type a, Type b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a instanceof Type.Scalar x && b instanceof Type.Scalar y) {
            return rank(x.kind()) >= rank(y.kind()) ? a : b;
        }
        return a;
    }

    private static int rank(ScalarKind k) {
        return switch (k) {
            case COMPLEX_DOUBLE -> 9;
            case COMPLEX_FLOAT -> 8;
            case DOUBLE -> 7;
            case FLOAT -> 6;
            case INT64, UINT64 -> 5;
            case INT32, UINT32 -> 4;
            case INT16, UINT16 -> 3;
            default -> 2;
        };
    }

    private Type checked(TypeSpec spec, String actual) throws Unknown {
        if (spec == null) {
            throw new Unknown("argument '" + actual + "' of callback '" + name + "' has no type (implicit none is in effect); declare it");
        }
        if (spec.type() == null) {
            throw new Unknown("argument '" + actual + "' of callback '" + name + "': " + spec.unsupported());
        }
        if (!(spec.type() instanceof Type.Scalar || spec.type() instanceof Type.Logical || spec.type() instanceof Type.Character)) {
            throw new Unknown("argument '" + actual + "' of callback '" + name + "' is a " + spec.spelling() + "; callbacks receive numbers, logicals, strings and arrays of them");
        }
        return spec.type();
    }
}
