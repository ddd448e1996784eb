// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.pass.Notes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * f2py's {@code b = foo(a)}: two more forms of a friendly method that allocate the procedure's
 * intent(out) arrays themselves, with the extents their declarations give, and return them (with the
 * other outputs, in a record when there are several). One takes the {@code Arena} that owns the new
 * arrays, the other allocates them in an automatic arena (freed by the garbage collector), as the
 * runtime's {@code allocate(order, shape)} does. Both delegate to the zero-copy method, which still
 * checks every argument; that method stays for callers who pass their own output arrays.
 *
 * <p>Only procedures whose every intent(out) array has explicit bounds computable from the other
 * arguments get these forms. A scalar extent that Gatun otherwise infers from the output array
 * ({@code n} of {@code b(n)}) becomes a parameter again, as in f2py's {@code b = fill(n)}.
 */
final class ReturnedArraysBuilder {

    private final Procedure proc;
    private final FriendlyMethodBuilder f;
    private final Annotations notes;
    private final String method;
    private final List<Parameter> returned;
    private final Set<Parameter> promoted;
    private final Set<String> needed;

    private ReturnedArraysBuilder(Procedure proc, FriendlyMethodBuilder f, Annotations notes, String method, List<Parameter> returned,
                                  Set<Parameter> promoted, Set<String> needed) {
        this.proc = proc;
        this.f = f;
        this.notes = notes;
        this.method = method;
        this.returned = returned;
        this.promoted = promoted;
        this.needed = needed;
    }

    /**
     * The returning forms of a procedure, when it has intent(out) arrays whose extents all follow from its
     * other arguments.
     */
    static Optional<ReturnedArraysBuilder> of(Procedure proc, FriendlyMethodBuilder f, Annotations notes, String method) {
        List<Parameter> outs = proc.parameters().stream()
                .filter(p -> p.isArray() && p.intent() == Parameter.Intent.OUT && !assumedLengthStrings(p)).toList();
        if (outs.isEmpty()) {
            return Optional.empty();
        }
        for (Parameter o : outs) {
            if (o.optional() || o.device() || !(o.type() instanceof Type.Scalar || o.type() instanceof Type.Logical || o.type() instanceof Type.Character)
                    || o.dimensions().stream().anyMatch(d -> !(d instanceof Dimension.Explicit))) {
                return Optional.empty();
            }
        }
        Set<Parameter> promoted = new LinkedHashSet<>();
        Set<String> available = new java.util.HashSet<>();
        for (Parameter p : proc.parameters()) {
            if (p.isArray() && !outs.contains(p) && !FriendlyMethodBuilder.hiddenArray(p)) {
                available.add(key(p.name()));
            }
        }
        // A scalar is available when the returning method can compute it before allocating: a fixed point,
        // since defaults may name other computed scalars.
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Parameter p : proc.parameters()) {
                if (p.isArray() || available.contains(key(p.name()))) {
                    continue;
                }
                var inferred = notes.get(p, Notes.InferredExtent.class);
                boolean ok;
                if (inferred.isPresent() && outs.contains(inferred.get().array())) {
                    Notes.InferredExtent e = inferred.get();
                    ok = p.intent() == Parameter.Intent.IN && e.multiplier() == 1 && e.divisor() == 1;
                    if (ok) {
                        promoted.add(p);
                    }
                } else if (inferred.isPresent()) {
                    ok = true;
                } else if (f.defaulted(p) || f.computed(p)) {
                    ok = p.defaultValue().map(d -> references(d).stream().allMatch(available::contains)).orElse(false);
                } else {
                    ok = f.visible().contains(p);
                }
                if (ok) {
                    available.add(key(p.name()));
                    changed = true;
                }
            }
        }
        Set<String> needed = new LinkedHashSet<>();
        for (Parameter o : outs) {
            for (Dimension d : o.dimensions()) {
                var refs = new ArrayList<String>(references(d.lower()));
                refs.addAll(references(((Dimension.Explicit) d).upper()));
                for (String r : refs) {
                    if (!available.contains(r)) {
                        return Optional.empty();
                    }
                    needed.add(r);
                }
            }
        }
        // What the needed scalars are computed from is needed too.
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Parameter p : proc.parameters()) {
                if (!needed.contains(key(p.name())) || p.isArray() || promoted.contains(p)) {
                    continue;
                }
                var inferred = notes.get(p, Notes.InferredExtent.class);
                List<String> from = inferred.isPresent() ? List.of(key(inferred.get().array().name()))
                        : f.defaulted(p) || f.computed(p) ? p.defaultValue().map(ReturnedArraysBuilder::references).orElse(List.of()) : List.of();
                grew |= needed.addAll(from);
            }
        }
        return Optional.of(new ReturnedArraysBuilder(proc, f, notes, method, outs, promoted, needed));
    }

    /** Strings of len=* take their length from the caller's values: such an output stays a parameter. */
    private static boolean assumedLengthStrings(Parameter p) {
        return p.isStringArray() && ((Type.Character) p.type()).assumedLength();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static List<String> references(Expr e) {
        return e.references().stream().map(ReturnedArraysBuilder::key).toList();
    }

    /** Parameters of the returning forms (after the arena): the zero-copy method's, less the returned arrays, plus promoted extents. */
    private List<Parameter> parameters() {
        return proc.parameters().stream().filter(p -> promoted.contains(p) || (f.visible().contains(p) && !returned.contains(p))).toList();
    }

    private String javaType(Parameter p) {
        return promoted.contains(p) ? JavaTypes.scalar(p.type()) : f.javaType(p);
    }

    /** The Java type of a returned array. */
    private static String arrayType(Parameter p) {
        return p.isStringArray() ? "String" + "[]".repeat(p.rank()) : JavaTypes.arrayClass(p.type());
    }

    /** The values returned, as {type, name}: the zero-copy method's outputs, then the arrays, in f2py's order. */
    List<String[]> outputs() {
        var out = new ArrayList<String[]>();
        var scalars = f.outputs();
        int next = 0;
        if (proc.kind() == Procedure.Kind.FUNCTION) {
            out.add(scalars.get(next++));
        }
        for (Parameter p : proc.parameters()) {
            if (returned.contains(p)) {
                out.add(new String[] {arrayType(p), f.name(p)});
            } else if (next < scalars.size() && scalars.get(next)[1].equals(f.name(p))) {
                out.add(scalars.get(next++));
            }
        }
        return out;
    }

    /** The record holding several outputs; its name differs from every callback interface of the method. */
    String recordName() {
        String name = JavaEmitter.capitalise(method) + "Outputs";
        boolean clash = proc.parameters().stream().anyMatch(p -> p.type() instanceof Type.Callback
                && JavaEmitter.callbackInterface(method, JavaEmitter.javaName(notes, p)).equals(name));
        return clash ? name + "$" : name;
    }

    String returnType() {
        var out = outputs();
        return out.size() == 1 ? out.getFirst()[0] : recordName();
    }

    /** The two returning methods: with an arena, and with an automatic one. */
    String methods() {
        var params = new ArrayList<String>();
        var names = new ArrayList<String>();
        var docs = new StringBuilder();
        for (Parameter q : parameters()) {
            params.add(javaType(q) + " " + f.parameterName(q));
            names.add(f.parameterName(q));
            docs.append("     * @param ").append(f.parameterName(q)).append(' ').append(JavaEmitter.describe(q))
                    .append(promoted.contains(q) ? ", the extent of the returned array" : "")
                    .append(f.defaulted(q) ? ", or null for the default {@code " + q.defaultValue().orElseThrow().render() + "}" : "").append('\n');
        }
        String list = (returned.size() == 1 ? "array " : "arrays ") + returned.stream().map(p -> "{@code " + p.name() + "}").reduce((a, b) -> a + ", " + b).orElseThrow();
        String returns = outputs().stream().map(o -> o[1]).reduce((a, b) -> a + ", " + b).orElseThrow();
        String kind = proc.kind() == Procedure.Kind.FUNCTION ? "function" : "subroutine";
        String withArena = """

                    /**
                     * Calls %s {@code %s} and returns its intent(out) %s, allocated in {@code arena} with the
                     * declared extents, as f2py returns outputs; the overload that takes the output arrays copies nothing.
                     *
                     * @param arena the arena that owns the returned arrays
                %s     * @return %s
                     * @throws IllegalArgumentException if an argument does not meet its declaration; the message names it
                     */
                    public static %s %s(%s) {
                        Objects.requireNonNull(arena, "arena");
                %s    }
                """.formatted(kind, proc.name(), list, docs, returns, returnType(), method,
                String.join(", ", prepend("Arena arena", params)), body());
        String automatic = """

                    /**
                     * Calls %s {@code %s} and returns its intent(out) %s, allocated in an automatic arena: the
                     * garbage collector frees the memory once nothing reaches it.
                     *
                %s     * @return %s
                     * @throws IllegalArgumentException if an argument does not meet its declaration; the message names it
                     */
                    public static %s %s(%s) {
                        return %s(%s);
                    }
                """.formatted(kind, proc.name(), list, docs, returns, returnType(), method, String.join(", ", params), method,
                String.join(", ", prepend("Arena.ofAuto()", names)));
        return withArena + automatic;
    }

    /** Delegates in a module's class for both returning methods. */
    String delegates(String cls) {
        var params = new ArrayList<String>();
        var names = new ArrayList<String>();
        for (Parameter q : parameters()) {
            params.add(javaType(q) + " " + f.parameterName(q));
            names.add(f.parameterName(q));
        }
        var sb = new StringBuilder();
        for (boolean arena : new boolean[] {true, false}) {
            var ps = arena ? prepend("Arena arena", params) : params;
            var args = arena ? prepend("arena", names) : names;
            var docs = new StringBuilder();
            (arena ? prepend("arena", names) : names).forEach(n -> docs.append("     * @param ").append(n).append(" see {@link ").append(cls)
                    .append('#').append(method).append("}\n"));
            sb.append("""

                        /**
                         * Calls %s {@code %s} of module {@code %s} and returns its intent(out) arrays: the same as {@link %s#%s}.
                         *
                    %s     * @return see {@link %s#%s}
                         */
                        public static %s %s(%s) {
                            return %s.%s(%s);
                        }
                    """.formatted(proc.kind() == Procedure.Kind.FUNCTION ? "function" : "subroutine", proc.name(), proc.module().orElseThrow(),
                    cls, method, docs, cls, method, returnType(), method, String.join(", ", ps), cls, method, String.join(", ", args)));
        }
        return sb.toString();
    }

    /** The record of outputs, when there are several. */
    Optional<String> record() {
        var out = outputs();
        if (out.size() == 1) {
            return Optional.empty();
        }
        var docs = new StringBuilder();
        out.forEach(o -> docs.append("     * @param ").append(o[1]).append(" output {@code ").append(o[1]).append("}\n"));
        return Optional.of("""

                    /**
                     * The outputs of {@link #%s} when it allocates its intent(out) arrays.
                     *
                %s     */
                    public record %s(%s) {
                    }
                """.formatted(method, docs, recordName(), String.join(", ", out.stream().map(o -> o[0] + " " + o[1]).toList())));
    }

    private String body() {
        var body = new StringBuilder();
        var locals = new HashMap<String, String>();
        for (Parameter p : proc.parameters()) {
            locals.put(key(p.name()), f.name(p));
        }
        var expr = new JavaExpressions(proc, locals, false);
        for (Parameter p : proc.parameters()) {
            if (needed.contains(key(p.name())) && p.isArray() && !p.optional()) {
                body.append("        Objects.requireNonNull(").append(f.name(p)).append(", \"").append(p.name()).append("\");\n");
            }
        }
        for (Parameter p : proc.parameters()) {
            if (needed.contains(key(p.name())) && !p.isArray() && !promoted.contains(p)) {
                f.computedLocal(p, expr, body);
            }
        }
        for (Parameter p : returned) {
            var extents = new ArrayList<String>();
            for (Dimension d : p.dimensions()) {
                extents.add(expr.allocationExtent((Dimension.Explicit) d));
            }
            if (p.isStringArray()) {
                // Arrays of strings are Java arrays of empty strings the routine's values replace.
                body.append("        ").append(arrayType(p)).append(' ').append(f.name(p)).append(" = FortranStrings.blanks(\"").append(p.name())
                        .append("\", ").append(String.join(", ", extents)).append(");\n");
                continue;
            }
            body.append("        ").append(arrayType(p)).append(' ').append(f.name(p)).append(" = ").append(arrayType(p))
                    .append(".allocate(arena, Order.").append(p.order().name()).append(", ").append(String.join(", ", extents)).append(");\n");
        }
        var args = new ArrayList<String>();
        for (Parameter q : f.visible()) {
            args.add(returned.contains(q) ? f.name(q) : f.parameterName(q));
        }
        String call = method + "(" + String.join(", ", args) + ")";
        var scalars = f.outputs();
        var out = outputs();
        if (scalars.isEmpty()) {
            body.append("        ").append(call).append(";\n");
        } else {
            body.append("        var outputs$ = ").append(call).append(";\n");
        }
        var values = new ArrayList<String>();
        for (String[] o : out) {
            boolean array = returned.stream().anyMatch(p -> f.name(p).equals(o[1]));
            values.add(array ? o[1] : scalars.size() == 1 ? "outputs$" : "outputs$." + o[1] + "()");
        }
        body.append("        return ").append(values.size() == 1 ? values.getFirst() : "new " + recordName() + "(" + String.join(", ", values) + ")")
                .append(";\n");
        return body.toString();
    }

    private static List<String> prepend(String first, List<String> rest) {
        var all = new ArrayList<String>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
