// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pass;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Language;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import java.util.Optional;
import java.util.Set;

/**
 * Marks procedures the emitters cannot bind yet with {@link Notes.Unsupported} and reports a
 * warning naming the parameter and the reason; everything else in the library is still bound.
 */
final class UnsupportedFilter {

    /** Element types with a Gatun array class. */
    /** Unsigned C integers travel in the signed array of their width (same bits, as numpy's u1..u8 in Npy). */
    static final Set<ScalarKind> ARRAY_ELEMENTS = Set.of(ScalarKind.DOUBLE, ScalarKind.FLOAT, ScalarKind.INT8,
            ScalarKind.INT16, ScalarKind.INT32, ScalarKind.INT64, ScalarKind.UINT8, ScalarKind.UINT16, ScalarKind.UINT32,
            ScalarKind.UINT64, ScalarKind.COMPLEX_FLOAT, ScalarKind.COMPLEX_DOUBLE);

    private final Annotations notes;
    private final Diagnostics diagnostics;

    UnsupportedFilter(Annotations notes, Diagnostics diagnostics) {
        this.notes = notes;
        this.diagnostics = diagnostics;
    }

    void run(Library library) {
        Set<String> moduleTypes = new java.util.HashSet<>();
        library.units().forEach(u -> u.types().forEach(t -> moduleTypes.add(t.name().toLowerCase(java.util.Locale.ROOT))));
        for (Procedure p : library.procedures()) {
            Optional<String> unsupported = reason(p, moduleTypes);
            if (unsupported.isPresent()) {
                notes.put(p, new Notes.Unsupported(unsupported.get()));
                diagnostics.warning(p.position(), "skipped " + (p.kind() == Procedure.Kind.FUNCTION ? "function" : "subroutine") + " '" + p.name() + "': " + unsupported.get());
                continue;
            }
            rawOnly(p).ifPresent(r -> {
                notes.put(p, new Notes.RawOnly(r));
                diagnostics.warning(p.position(), "function '" + p.name() + "' is bound in Raw only (no checked method): " + r);
            });
        }
    }

    /**
     * Why a C function otherwise bound gets only its raw method: a {@code char *} it writes (or one that may be null)
     * with no length a check could use. The friendly layer takes a NUL-terminated string in, or fills a buffer of
     * known length; the raw layer takes any {@code MemorySegment}, as jextract's bindings do.
     */
    private static Optional<String> rawOnly(Procedure proc) {
        if (proc.language() == Language.FORTRAN) {
            return Optional.empty();
        }
        for (Parameter p : proc.parameters()) {
            if (p.type() instanceof Type.Character c && !p.isCharacterBytes()
                    && (p.optional() || (p.intent() != Parameter.Intent.IN && c.assumedLength()))) {
                return Optional.of("parameter '" + p.name() + "' is a char * the function writes; give its length with a"
                        + " directive, e.g. 'gatun: " + p.name() + " out dimension(256)'");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> reason(Procedure proc, Set<String> moduleTypes) {
        boolean direct = proc.interop() == Procedure.Interop.DIRECT;
        for (Parameter p : proc.parameters()) {
            String where = "parameter '" + p.name() + "' ";
            Type t = p.type();
            if (proc.language() == Language.FORTRAN && (t instanceof Type.Struct || t instanceof Type.Derived)) {
                Optional<String> bad = fortranObject(p, t, direct, moduleTypes);
                if (bad.isPresent()) {
                    return Optional.of(where + bad.get());
                }
            } else if (t instanceof Type.Struct s) {
                if (p.passing() != Parameter.Passing.VALUE) {
                    return Optional.of(where + "is a derived type; only C structs passed by value or by pointer are bound");
                }
                if (s.opaque()) {
                    return Optional.of(where + "is the opaque " + s.describe() + " passed by value; its layout is unknown");
                }
            }
            if (t instanceof Type.Character c && proc.language() == Language.FORTRAN && !p.isCharacterBytes()) {
                Optional<String> bad = fortranCharacter(proc, p, c, direct);
                if (bad.isPresent()) {
                    return Optional.of(where + bad.get());
                }
            } else if (p.isArray()) {
                if (p.intent() == Parameter.Intent.HIDE) {
                    Optional<String> bad = hiddenArray(proc, p);
                    if (bad.isPresent()) {
                        return Optional.of(where + bad.get());
                    }
                }
                if (!(t instanceof Type.Struct) && !(t instanceof Type.Derived) && !(t instanceof Type.Logical) && !p.isCharacterBytes()
                        && (!(t instanceof Type.Scalar s) || !ARRAY_ELEMENTS.contains(s.kind()))) {
                    return Optional.of(where + "is an array of " + t.describe()
                            + "; arrays of double, float, 8- to 64-bit integers (unsigned ones as the signed array of their width),"
                            + " complex float, complex double and logical are supported");
                }
                if (direct && p.dimensions().stream().anyMatch(d -> d instanceof Dimension.AssumedShape)) {
                    return Optional.of(where + "is assumed-shape in a bind(C) procedure, which needs Fortran 2018 "
                            + "descriptors; drop bind(C) so Gatun generates a shim, or use explicit shape");
                }
            }
            // C passes float/double _Complex by value as the struct of its parts (bound so); a Fortran shim takes references.
            if (t instanceof Type.Scalar s && s.kind().isComplex() && p.passing() == Parameter.Passing.VALUE
                    && (proc.language() == Language.FORTRAN || !direct)) {
                return Optional.of(where + "is complex by value; pass it by reference");
            }
            if (t instanceof Type.Callback && (p.optional() || (direct && proc.language() == Language.FORTRAN))) {
                return Optional.of(where + "is an optional or bind(C) callback; not supported yet");
            }
            if (t instanceof Type.Callback cb && proc.language() == Language.FORTRAN && !direct) {
                Optional<String> bad = fortranCallbackProblem(p.name(), cb.signature());
                if (bad.isPresent()) {
                    return Optional.of(bad.get());
                }
            }
            if (t instanceof Type.Callback cb && cb.adaptedInC(proc.language())) {
                // A callstatement wrapper's callback: Fortran calls it through a C adapter, as through a shim.
                Optional<String> bad = fortranCallbackProblem(p.name(), cb.signature());
                if (bad.isPresent()) {
                    return bad;
                }
            } else if (t instanceof Type.Callback cb && proc.language() != Language.FORTRAN) {
                Optional<String> bad = callbackProblem(cb.signature());
                if (bad.isPresent()) {
                    return Optional.of(where + "is a callback whose " + bad.get());
                }
            }
        }
        Type r = proc.result();
        if (proc.language() == Language.FORTRAN && r instanceof Type.Struct s && s.opaque()) {
            return Optional.of("it returns type(" + s.name() + "), which is not bound (see the warning where it is defined)");
        }
        if (proc.language() == Language.FORTRAN && r instanceof Type.Struct s && !direct && !moduleTypes.contains(s.name().toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("it returns " + r.describe() + ", which is defined inside the procedure, where no shim can name it;"
                    + " define the type in a module");
        }
        if (r instanceof Type.Derived d && direct) {
            return Optional.of("it returns type(" + d.name() + "), which is not bind(C), from a bind(C) function; drop bind(C) so Gatun"
                    + " generates a shim");
        }
        if (r instanceof Type.Struct s && proc.language() != Language.FORTRAN && s.opaque()) {
            return Optional.of("it returns " + (s.opaque() ? "the opaque " + s.describe() + " by value" : "a derived type")
                    + "; only C structs with a known layout are returned");
        }
        if (r instanceof Type.Character c && !(c.length() instanceof dev.gatun.bindings.model.Expr.IntConst) && !lengthOfAnArgument(proc, c)) {
            return Optional.of("it returns character(len=" + c.length().render() + "); only constant lengths are supported");
        }
        // C returns float/double _Complex as the struct of its parts, which FFM returns; bind(C) Fortran goes through no shim.
        if (direct && (r instanceof Type.Character || (r instanceof Type.Scalar s && s.kind().isComplex() && proc.language() == Language.FORTRAN))) {
            return Optional.of("a bind(C) function returning complex or character is not supported; drop bind(C)");
        }
        return Optional.empty();
    }

    /**
     * A derived-type argument of a Fortran procedure: a bind(C) type is a struct (by reference, by value, or a rank-1
     * array of them); a shim has to name the type, so it must come from a module.
     */
    private static Optional<String> fortranObject(Parameter p, Type t, boolean direct, Set<String> moduleTypes) {
        String name = t instanceof Type.Struct s ? s.name() : ((Type.Derived) t).name();
        if (t instanceof Type.Struct s && s.opaque()) {
            return Optional.of("is type(" + name + "), which is not bound (see the warning where it is defined)");
        }
        if (t instanceof Type.Derived) {
            if (direct) {
                return Optional.of("is type(" + name + "), which is not bind(C), in a bind(C) procedure; drop bind(C) from the procedure"
                        + " so Gatun generates a shim");
            }
            if (p.passing() == Parameter.Passing.VALUE) {
                return Optional.of("is type(" + name + ") by value; pass it by reference");
            }
            if (p.isArray() && t instanceof Type.Derived d && d.isAbstract()) {
                return Optional.of("is an array of class(" + name + "), an abstract type; arrays of a concrete type are bound");
            }
        }
        if (!direct && !moduleTypes.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("is type(" + name + "), which is defined inside the procedure, where no shim can name it; define the type"
                    + " in a module (or make the procedure bind(C))");
        }
        if (p.intent() == Parameter.Intent.HIDE) {
            return Optional.of("is a hidden type(" + name + ") argument; give it to Java (drop intent(hide))");
        }
        if (p.isArray() && direct && p.dimensions().getFirst() instanceof Dimension.AssumedShape) {
            return Optional.of("is assumed-shape in a bind(C) procedure, which needs Fortran 2018 descriptors; drop bind(C) so Gatun"
                    + " generates a shim, or use explicit shape");
        }
        return Optional.empty();
    }

    /**
     * Fortran strings go through the shim as Gatun-allocated storage; what cannot be sized from Java
     * (an output of assumed length, a length over something that is not a parameter) is refused.
     */
    private static Optional<String> fortranCharacter(Procedure proc, Parameter p, Type.Character c, boolean direct) {
        if (direct) {
            return Optional.of("is character in a bind(C) procedure; drop bind(C) so Gatun generates a shim");
        }
        for (String ref : c.length().references()) {
            if (proc.parameter(ref).isEmpty()) {
                return Optional.of("has length " + c.length().render() + ", which uses '" + ref + "', not a parameter of the procedure");
            }
        }
        if (p.intent() == Parameter.Intent.HIDE) {
            return Optional.of("is a hidden character argument; give it to Java (drop intent(hide))");
        }
        if (p.isArray() && p.rank() > 2) {
            return Optional.of("is a rank-" + p.rank() + " character array; arrays of strings of rank 1 and 2 are supported");
        }
        if (c.assumedLength() && !p.isArray() && p.intent() == Parameter.Intent.OUT) {
            return Optional.of("is intent(out) character(len=*), whose length Java cannot know; declare its length "
                    + "(e.g. '!f2py character(len=80) :: " + p.name() + "') or make it intent(inout)");
        }
        if (p.optional() && (p.intent() == Parameter.Intent.OUT || p.isArray())) {
            return Optional.of("is an optional character output or array; only optional intent(in) strings are supported");
        }
        return Optional.empty();
    }

    /** f2py's {@code character(len=len(x))} result, x a string argument: the shim knows x's length. */
    private static boolean lengthOfAnArgument(Procedure proc, Type.Character c) {
        return c.length() instanceof dev.gatun.bindings.model.Expr.Len l && proc.parameter(l.string())
                .filter(q -> q.type() instanceof Type.Character && !q.isArray() && !q.optional() && q.intent() != Parameter.Intent.HIDE)
                .isPresent() && proc.interop() != Procedure.Interop.DIRECT;
    }

    /** A hidden work array is allocated by the generated method: every extent must be computable from the parameters. */
    private static Optional<String> hiddenArray(Procedure proc, Parameter p) {
        for (Dimension d : p.dimensions()) {
            if (!(d instanceof Dimension.Explicit e)) {
                return Optional.of("is a hidden work array of extent '" + d.render() + "', which Gatun cannot allocate; declare its"
                        + " dimension with an expression, e.g. dimension(lwork)");
            }
            for (String ref : concat(e.lower().references(), e.upper().references())) {
                var q = proc.parameter(ref);
                if (q.isEmpty() || (q.get().isArray() && q.get().intent() == Parameter.Intent.HIDE)) {
                    return Optional.of("is a hidden work array whose dimension '" + d.render() + "' uses '" + ref
                            + "', which is neither a visible parameter nor a scalar of the procedure; Gatun cannot allocate it");
                }
            }
        }
        return Optional.empty();
    }

    private static java.util.List<String> concat(java.util.List<String> a, java.util.List<String> b) {
        var all = new java.util.ArrayList<String>(a);
        all.addAll(b);
        return all;
    }

    /**
     * What the shim adapter of a Fortran callback can pass to Java (see {@code emit.CallbackAbi}): real,
     * integer and logical scalars; strings; numeric arrays and rank-1 arrays of strings whose extents the
     * callback knows (constants or its other arguments, or assumed shape); complex scalars and arrays; written
     * real, integer or complex scalars (one of a subroutine is returned, more are one-element views); a real,
     * integer, complex or logical result.
     */
    static Optional<String> fortranCallbackProblem(String callback, Signature s) {
        String of = "callback '" + callback + "' ";
        Set<String> names = new java.util.HashSet<>();
        s.parameters().forEach(q -> names.add(q.name().toLowerCase(java.util.Locale.ROOT)));
        for (Parameter q : s.parameters()) {
            String arg = of + "has argument '" + q.name() + "' ";
            Type t = q.type();
            if (q.optional()) {
                return Optional.of(arg + "that is optional; callback arguments must be present");
            }
            boolean number = t instanceof Type.Scalar;
            if (!number && !(t instanceof Type.Logical) && !(t instanceof Type.Character)) {
                return Optional.of(arg + "of type " + t.describe() + "; callbacks receive real, integer, complex and logical numbers, strings and their arrays");
            }
            if (q.isArray()) {
                if (t instanceof Type.Logical || t instanceof Type.Character && q.rank() > 1 || q.isCharacterBytes()) {
                    return Optional.of(arg + "that is a rank-" + q.rank() + " " + t.describe()
                            + " array; callbacks receive numeric arrays and rank-1 arrays of strings");
                }
                for (Dimension d : q.dimensions()) {
                    Optional<String> bad = switch (d) {
                        case Dimension.AssumedSize x -> Optional.of(arg + "of extent '*', which the callback cannot know; declare its extent"
                                + " (e.g. '" + q.name() + "(n)' with n also an argument of the callback)");
                        case Dimension.AssumedShape x -> t instanceof Type.Character
                                ? Optional.of(arg + "that is an assumed-shape array of strings; give it an explicit extent") : Optional.<String>empty();
                        case Dimension.Explicit x -> java.util.stream.Stream.concat(x.lower().references().stream(), x.upper().references().stream())
                                .filter(r -> !names.contains(r.toLowerCase(java.util.Locale.ROOT))).findFirst()
                                .map(r -> arg + "whose extent '" + d.render() + "' names '" + r + "', which is not an argument of the callback;"
                                        + " the callback could not know the array's length");
                    };
                    if (bad.isPresent()) {
                        return bad;
                    }
                }
                continue;
            }
            boolean writes = q.intent() == Parameter.Intent.OUT || q.intent() == Parameter.Intent.INOUT;
            if (writes && !number) {
                return Optional.of(arg + "of type " + t.describe() + " that the callback writes; written callback arguments must be real, integer or complex scalars");
            }
        }
        Type r = s.result();
        if (!(r instanceof Type.Void) && !(r instanceof Type.Logical) && !(r instanceof Type.Scalar)) {
            return Optional.of(of + "returns " + r.describe() + "; callbacks return real, integer, complex or logical scalars");
        }
        return Optional.empty();
    }

    /** Upcalls take numbers, logicals and addresses; a C callback may receive nothing else by value. */
    private static Optional<String> callbackProblem(Signature s) {
        for (Parameter q : s.parameters()) {
            if (!callbackValue(q.type())) {
                return Optional.of("parameter '" + q.name() + "' is " + q.type().describe()
                        + "; callbacks receive numbers, pointers and structs with a known layout");
            }
        }
        return s.result() instanceof Type.Void || callbackValue(s.result()) ? Optional.empty()
                : Optional.of("result is " + s.result().describe() + "; callbacks return numbers, pointers and structs with a known layout");
    }

    private static boolean callbackValue(Type t) {
        return t instanceof Type.Scalar sc && !sc.kind().isComplex() || t instanceof Type.Logical || t instanceof Type.Pointer
                || t instanceof Type.Struct st && !st.opaque();
    }
}