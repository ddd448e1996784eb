// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Dimension;
import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.ScalarKind;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.pass.Notes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the friendly layer of one procedure: typed arrays in, extents inferred, requirements and
 * {@code check}s validated before the call, intent(out) scalars returned. Scalars passed by
 * reference go through the per-thread scratch segments, so a call allocates nothing unless it
 * passes strings or callbacks (those need a confined arena for the call).
 */
final class FriendlyMethodBuilder {

    private final Procedure proc;
    private final Notes.CallPlan plan;
    private final Annotations notes;
    private final String method;
    private final String rawMethod;
    private final boolean heap;
    private final Map<String, String> locals = new LinkedHashMap<>();
    private final StringBuilder body = new StringBuilder();
    private final List<String> nativeArgs = new ArrayList<>();
    /** The {@code int *} a {@code status(...) param(name)} rule reads the status from: hidden, passed a zeroed scratch int. */
    private final Parameter statusParameter;
    private String statusSegment;
    private int scratchSlots;

    FriendlyMethodBuilder(Procedure proc, Notes.CallPlan plan, Annotations notes, boolean heap) {
        this.proc = proc;
        this.plan = plan;
        this.notes = notes;
        this.rawMethod = notes.require(proc, Notes.JavaName.class).name();
        this.method = scopedName(proc, notes);
        this.heap = heap;
        this.statusParameter = StatusBuilder.parameter(proc, notes).orElse(null);
    }

    /**
     * The method's name in the class that holds its implementation: the module's nested class for a
     * module procedure whose name is not unique, else the binding class (the unique Java name).
     */
    static String scopedName(Procedure proc, Annotations notes) {
        return notes.get(proc, Notes.Namespace.class).filter(n -> !n.topLevel()).map(Notes.Namespace::method)
                .orElseGet(() -> notes.require(proc, Notes.JavaName.class).name());
    }

    /** Whether a heap-array overload through a critical downcall makes sense for this procedure. */
    static boolean heapOverloadPossible(Procedure proc, Annotations notes) {
        boolean anyArray = false;
        Parameter status = StatusBuilder.parameter(proc, notes).orElse(null);
        for (Parameter p : proc.parameters()) {
            if (p == status) {
                continue; // hidden: the status goes through a scratch int in both overloads
            }
            if (hiddenArray(p) || p.type() instanceof Type.Callback || (p.type() instanceof Type.Character && !p.isCharacterBytes())
                    || StructBuilder.wrapped(p.type()) != null || p.type() instanceof Type.Derived
                    || (p.isArray() && (p.optional() || p.rank() != 1
                    || JavaTypes.heapArray(p.type()) == null))) {
                return false;
            }
            anyArray |= p.isArray();
        }
        return anyArray && !(proc.result() instanceof Type.Character) && !(proc.result() instanceof Type.Struct)
                && !(JavaTypes.isComplex(proc.result()) && proc.language() != dev.gatun.bindings.model.Language.FORTRAN);
    }

    /** The procedure's holder class (handles, requirements, upcall targets). */
    private String holder() {
        return RawMethodBuilder.holder(proc, plan, notes);
    }

    /**
     * f2py's {@code intent(hide)} / {@code intent(hide,cache)} work array: not in the Java signature, allocated
     * (zero-filled) in the call's confined arena with its declared extents, freed when the call returns.
     */
    static boolean hiddenArray(Parameter p) {
        return p.isArray() && p.intent() == Parameter.Intent.HIDE;
    }

    /** The notes the builder reads. */
    Annotations notes() {
        return notes;
    }

    int scratchSlots() {
        return scratchSlots;
    }

    /** The name of the parameter's value inside the method body. */
    String name(Parameter p) {
        String name = JavaEmitter.javaName(notes, p);
        return defaulted(p) ? name + "$" : name;
    }

    /** The name of the parameter in the Java signature. */
    String parameterName(Parameter p) {
        return JavaEmitter.javaName(notes, p);
    }

    /** A visible scalar with an f2py default: the caller passes null to get the default. */
    boolean defaulted(Parameter p) {
        return p.defaultValue().isPresent() && p.intent() == Parameter.Intent.IN && !p.isArray() && !computed(p);
    }

    /** Parameters that appear in the Java signature. */
    List<Parameter> visible() {
        return proc.parameters().stream().filter(p -> p != statusParameter && !computed(p)
                && !(returned(p) && !p.isArray() && p.intent() == Parameter.Intent.OUT)).toList();
    }

    boolean computed(Parameter p) {
        return p.intent() == Parameter.Intent.HIDE || notes.get(p, Notes.InferredExtent.class).isPresent();
    }

    /** Scalars written by the callee come back as results; derived-type objects are updated in place instead. */
    private static boolean returned(Parameter p) {
        return !p.isArray() && !isObject(p) && (p.intent() == Parameter.Intent.OUT || p.intent() == Parameter.Intent.INOUT);
    }

    /** The extent of dimension {@code d} of an array of handle objects: its length when it has rank 1. */
    private String handleExtent(Parameter p, int d) {
        return p.rank() == 1 ? name(p) + ".length()" : name(p) + ".shape(" + d + ")";
    }

    /** A derived-type object passed by reference: a bind(C) struct, or a handle. */
    static boolean isObject(Parameter p) {
        return (p.type() instanceof Type.Struct && p.passing() == Parameter.Passing.REFERENCE) || p.type() instanceof Type.Derived;
    }

    /** Values the method returns: the function result first, then intent(out/inout) scalars. */
    List<String[]> outputs() {
        var out = new ArrayList<String[]>();
        // A result that is only a status (gatun: status) is checked, not returned.
        if (proc.kind() == Procedure.Kind.FUNCTION && !StatusBuilder.hidesResult(proc, notes)) {
            out.add(new String[] {JavaTypes.friendly(proc.result()), "result"});
        }
        for (Parameter p : proc.parameters()) {
            if (returned(p) && p != statusParameter) {
                out.add(new String[] {JavaTypes.scalar(p.type()), name(p)});
            }
        }
        return out;
    }

    String returnType() {
        var out = outputs();
        return out.isEmpty() ? "void" : out.size() == 1 ? out.getFirst()[0] : JavaEmitter.capitalise(method) + "Result";
    }

    String javaType(Parameter p) {
        if (p.type() instanceof Type.Callback) {
            String[] key = JavaEmitter.callbackKey(method, name(p), p);
            return JavaEmitter.callbackInterface(key[0], key[1]);
        }
        if (p.isArray()) {
            if (p.type() instanceof Type.Derived d) {
                return HandleBuilder.className(d) + ".Array";
            }
            if (p.type() instanceof Type.Struct) {
                // A segment has no shape: a struct array of rank 2 or more carries its own (the runtime's StructArray).
                return p.rank() == 1 ? "MemorySegment" : "StructArray";
            }
            return p.isStringArray() ? "String" + "[]".repeat(p.rank()) : heap ? JavaTypes.heapArray(p.type()) : JavaTypes.arrayClass(p.type());
        }
        return p.optional() || defaulted(p) ? JavaTypes.boxed(p.type()) : JavaTypes.friendly(p.type());
    }

    String build() {
        for (Parameter p : proc.parameters()) {
            locals.put(p.name().toLowerCase(Locale.ROOT), name(p));
        }
        JavaExpressions expr = new JavaExpressions(proc, locals, heap);
        requirements();
        computedLocals(expr);
        extentChecks(expr);
        checks(expr);
        boolean callbacks = plan.slots().stream().anyMatch(s -> s.kind() == Notes.SlotKind.CALLBACK);
        // Strings and hidden work arrays live in memory of the call's own confined arena.
        boolean memory = plan.slots().stream().anyMatch(s -> s.kind() == Notes.SlotKind.STRING_POINTER) || proc.result() instanceof Type.Character
                || proc.parameters().stream().anyMatch(FriendlyMethodBuilder::hiddenArray);
        // The call's lines are indented at the end, by the blocks around them.
        String ind = "";
        var call = new StringBuilder();
        for (Notes.Slot s : plan.slots()) {
            nativeArgs.add(slotArgument(s, call, ind));
        }
        // A struct returned by value lands in automatic memory: the wrapper keeps it reachable. A complex number returned
        // by value (a struct of its two parts to the ABI) lands in a per-thread scratch slot and is read out at once.
        var rawArgs = new ArrayList<String>(nativeArgs);
        if (proc.result() instanceof Type.Struct) {
            rawArgs.addFirst("Arena.ofAuto()");
        } else if (RawMethodBuilder.returnsStruct(proc, plan)) {
            rawArgs.addFirst("SegmentAllocator.prefixAllocator(scratch[" + scratchSlot(call, ind) + "])");
        }
        String invocation = "Raw." + rawMethod + (heap ? "$critical(" : "(") + String.join(", ", rawArgs) + ")";
        String rawResult = plan.result() == Notes.NativeResult.VALUE ? JavaTypes.rawValue(proc.result(), plan.shim()) : "void";
        call.append(ind).append(rawResult.equals("void") ? "" : rawResult + " result$ = ").append(invocation).append(";\n");
        outputsCode(call, ind);
        String block = call.toString();
        if (memory) {
            block = "try (Arena arena = Arena.ofConfined()) {\n" + block.indent(4) + "}\n";
        }
        if (callbacks) {
            // Callback stubs are made once per callback object (UpcallStubs); the guard entered here receives what
            // they throw and rethrows it when closed, after the native call.
            block = "CallbackGuard guard = CallbackGuard.enter();\ntry {\n" + block.indent(4) + "} finally {\n    guard.close();\n}\n";
            if (plan.shim()) {
                // The shim holds the callbacks in module variables: each concurrent call takes its own copy (a slot).
                String slots = JavaEmitter.callbackSlots(proc, holder());
                block = "int slot$ = " + slots + ".acquire();\ntry {\n" + block.indent(4) + "} finally {\n    " + slots + ".release(slot$);\n}\n";
            }
        }
        body.append(block.indent(8));
        return body.toString();
    }

    private void requirements() {
        for (Parameter p : proc.parameters()) {
            if (hiddenArray(p) || p == statusParameter) {
                continue;
            }
            if (p.isArray() && p.type() instanceof Type.Struct st) {
                // An array of structs: native memory holding whole elements; its element count is checked against the extents.
                if (!p.optional()) {
                    body.append("        Objects.requireNonNull(").append(name(p)).append(", \"").append(p.name()).append("\");\n");
                }
                body.append("        ").append(p.optional() ? "if (" + name(p) + " != null) " : "")
                        .append(p.rank() == 1 ? "requireStructs(\"" + p.name() + "\", " + name(p) + ", "
                                : "StructArray.require(\"" + p.name() + "\", " + name(p) + ", " + p.rank() + ", ")
                        .append(StructBuilder.className(st)).append(".LAYOUT);\n");
            } else if (p.isStringArray() || (p.isArray() && p.type() instanceof Type.Derived)) {
                if (!p.optional()) {
                    body.append("        Objects.requireNonNull(").append(name(p)).append(", \"").append(p.name()).append("\");\n");
                }
                if (p.type() instanceof Type.Derived d) {
                    // One Array class serves every rank: the shim's pointer array has the dummy's rank.
                    body.append("        if (").append(p.optional() ? name(p) + " != null && " : "").append(name(p)).append(".rank() != ")
                            .append(p.rank()).append(") {\n            throw new IllegalArgumentException(\"").append(p.name())
                            .append(": expected a rank-").append(p.rank()).append(" array of type(").append(d.name())
                            .append("), got rank \" + ").append(name(p)).append(".rank());\n        }\n");
                }
            } else if (p.isArray()) {
                String check = heap ? "Objects.requireNonNull(" + name(p) + ", \"" + p.name() + "\");"
                        : JavaEmitter.requirementField(holder(), parameterName(p)) + ".check(" + name(p) + ");";
                body.append("        ").append(p.optional() ? "if (" + name(p) + " != null) " : "").append(check).append('\n');
            } else if (p.type() instanceof Type.Callback && p.intent() != Parameter.Intent.HIDE || StructBuilder.wrapped(p.type()) != null
                    || (JavaTypes.isComplex(p.type()) && p.passing() == Parameter.Passing.VALUE && !p.optional() && !defaulted(p))
                    || (p.type() instanceof Type.Derived && !p.optional())
                    || (p.type() instanceof Type.Character && visible().contains(p) && !p.optional() && !defaulted(p))) {
                body.append("        Objects.requireNonNull(").append(name(p)).append(", \"").append(p.name()).append("\");\n");
            }
            var exact = notes.get(p, Notes.ExactHandle.class);
            if (exact.isPresent()) {
                // type(t), not class(t): Fortran takes no extension of t here, though the Java class accepts its subclasses.
                String cls = HandleBuilder.className(exact.get().type());
                body.append("        if (").append(name(p)).append(" != null && ").append(name(p)).append(".getClass() != ").append(cls)
                        .append(".class) {\n            throw new IllegalArgumentException(\"").append(p.name()).append(": expected a type(")
                        .append(exact.get().type().name()).append(") object, got a \" + ").append(name(p))
                        .append(".getClass().getSimpleName() + \" (an extension); the Fortran dummy is type(").append(exact.get().type().name())
                        .append("), not class(").append(exact.get().type().name()).append(")\");\n        }\n");
            }
        }
    }

    private void computedLocals(JavaExpressions expr) {
        for (Parameter p : proc.parameters()) {
            computedLocal(p, expr, body);
        }
    }

    /** The statement declaring a computed local (a default, an inferred extent, a hidden value); nothing for others. */
    void computedLocal(Parameter p, JavaExpressions expr, StringBuilder body) {
        if (JavaEmitter.external(p) && p.intent() == Parameter.Intent.HIDE) {
            // f2py's intent(callback, hide): the callback set with the setter, as f2py reads its module attribute.
            String[] key = JavaEmitter.callbackKey(method, name(p), p);
            String external = ((Type.Callback) p.type()).external().orElseThrow();
            body.append("        ").append(JavaEmitter.callbackInterface(key[0], key[1])).append(' ').append(name(p)).append(" = ")
                    .append(JavaEmitter.externalField(key[1])).append(";\n")
                    .append("        if (").append(name(p)).append(" == null) {\n")
                    .append("            throw new IllegalStateException(\"callback ").append(external).append(" not defined: set it with set")
                    .append(JavaEmitter.capitalise(key[1])).append("(...) before calling ").append(proc.name()).append("\");\n        }\n");
            return;
        }
        if (hiddenArray(p)) {
            return; // allocated inside the call's arena, see hiddenArrayArgument
        }
        var inferred = notes.get(p, Notes.InferredExtent.class);
        if (defaulted(p)) {
            String type = JavaTypes.scalar(p.type());
            Expr d = p.defaultValue().orElseThrow();
            body.append("        ").append(type).append(' ').append(name(p)).append(" = ").append(parameterName(p)).append(" != null ? ")
                    .append(parameterName(p)).append(" : ").append(narrow(type, expr.java(d), p.name(), d.render())).append("; // default ")
                    .append(d.render()).append('\n');
            return;
        }
        if (inferred.isEmpty() && !computed(p)) {
            return;
        }
        String type = JavaTypes.scalar(p.type());
        if (inferred.isPresent()) {
            Notes.InferredExtent e = inferred.get();
            String extent = expr.extent(name(e.array()), e.dimension());
            String value = e.multiplier() == 1 && e.divisor() == 1
                    ? extent + (e.offset() == 0 ? "" : " + " + e.offset() + "L")
                    : "(" + (e.multiplier() == 1 ? extent : extent + " * " + e.multiplier() + "L") + (e.offset() == 0 ? "" : " + " + e.offset() + "L")
                            + ")" + (e.divisor() == 1 ? "" : " / " + e.divisor() + "L");
            body.append("        ").append(type).append(' ').append(name(p)).append(" = ")
                    .append(narrow(type, value, p.name(), "the extent of '" + e.array().name() + "'"))
                    .append("; // ").append(p.name()).append(" = extent of ").append(e.array().name()).append('\n');
        } else if (computed(p)) {
            Expr d = p.defaultValue().orElseThrow();
            body.append("        ").append(type).append(' ').append(name(p)).append(" = ")
                    .append(narrow(type, expr.java(d), p.name(), d.render()))
                    .append("; // ").append(p.name()).append(" = ").append(d.render()).append('\n');
        }
    }

    /** An int extent of an array too big for it is an error naming the parameter, not an ArithmeticException. */
    private static String narrow(String type, String value, String parameter, String what) {
        return switch (type) {
            case "int" -> "ArrayRequirement.toInt(\"" + parameter + "\", " + value + ", \"" + what.replace("\\", "\\\\")
                    .replace("\"", "\\\"") + "\")";
            case "long", "double", "boolean", "String", "Complex" -> value;
            default -> "(" + type + ") (" + value + ")";
        };
    }

    private void extentChecks(JavaExpressions expr) {
        for (Parameter p : proc.parameters()) {
            if (hiddenArray(p)) {
                continue; // allocated with exactly these extents
            }
            for (int d = 0; d < p.rank(); d++) {
                if (p.dimensions().get(d) instanceof Dimension.Explicit e && expr.available(e.upper()) && expr.available(e.lower())) {
                    if (heap && d > 0) {
                        continue;
                    }
                    String extent = e.lower() instanceof Expr.IntConst c && c.value() == 1 ? expr.java(e.upper())
                            : expr.java(e.upper()) + " - " + expr.java(e.lower()) + " + 1L";
                    // Only the slowest-varying dimension may be longer than declared (the routine reads a prefix); a
                    // longer one elsewhere would shift every later row or column the routine sees.
                    boolean slowest = p.order() == dev.gatun.bindings.model.ArrayOrder.C ? d == 0 : d == p.rank() - 1;
                    body.append("        ").append(p.optional() ? "if (" + name(p) + " != null) " : "")
                            .append(slowest ? "requireExtent(\"" : "requireExactExtent(\"")
                            .append(p.name()).append("\", ").append(expr.extent(name(p), d)).append(", ").append(d).append(", ")
                            .append(extent).append(", \"").append(e.render().replace("\"", "'")).append("\");\n");
                }
            }
        }
    }

    private void checks(JavaExpressions expr) {
        for (Parameter p : proc.parameters()) {
            // A hidden work array does not exist before the call; it is allocated as declared, so checks on it hold.
            for (Expr c : hiddenArray(p) ? List.<Expr>of() : p.checks()) {
                body.append("        if (!(").append(expr.java(c)).append(")) {\n")
                        .append("            throw new IllegalArgumentException(\"parameter '").append(p.name()).append("': check(")
                        .append(c.render().replace("\"", "'")).append(") failed, ").append(p.name()).append(" = \" + ")
                        .append(name(p)).append(");\n        }\n");
            }
        }
    }

    private String slotArgument(Notes.Slot s, StringBuilder call, String ind) {
        Parameter p = s.parameter();
        if (p != null && p == statusParameter && (s.kind() == Notes.SlotKind.ARRAY_POINTER || s.kind() == Notes.SlotKind.SCALAR_POINTER)) {
            // A nonzero status on entry makes CFITSIO-style functions return at once: each call starts from 0.
            statusSegment = "scratch[" + scratchSlot(call, ind) + "]";
            String type = JavaTypes.scalar(p.type());
            call.append(ind).append(store(p.type(), statusSegment, type.equals("int") || type.equals("long") ? "0" : "(" + type + ") 0"))
                    .append(";\n");
            return statusSegment;
        }
        return switch (s.kind()) {
            case VALUE -> p.type() instanceof Type.Logical ? logicalValue(JavaTypes.rawValue(p.type(), plan.shim()), name(p))
                    : StructBuilder.wrapped(p.type()) != null ? name(p) + ".segment()"
                    : JavaTypes.isComplex(p.type()) ? complexValue(p, call, ind) : name(p);
            case ARRAY_POINTER -> hiddenArray(p) ? hiddenArrayArgument(p, call, ind) : heap ? "MemorySegment.ofArray(" + name(p) + ")"
                    : p.optional() ? "(" + name(p) + " == null ? MemorySegment.NULL : " + name(p) + ".segment())" : name(p) + ".segment()";
            // Heap overloads exist only for rank-1 arrays, whose one extent is the Java array's length.
            case EXTENT -> p.isStringArray() ? new JavaExpressions(proc, locals, heap).extent(name(p), s.dimension())
                    : heap ? "(long) " + name(p) + ".length"
                    : p.type() instanceof Type.Derived ? (p.optional() ? "(" + name(p) + " == null ? 0L : " + handleExtent(p, s.dimension()) + ")"
                    : handleExtent(p, s.dimension()))
                    : p.type() instanceof Type.Struct st && p.rank() == 1 ? JavaExpressions.structCount(name(p), st)
                    // An absent optional array (null) passes extent 0 beside its null pointer; the shim sees it not present.
                    : p.optional() ? "(" + name(p) + " == null ? 0L : " + name(p) + ".shape(" + s.dimension() + "))"
                    : name(p) + ".shape(" + s.dimension() + ")";
            case STRING_POINTER -> !plan.shim() && proc.language() != dev.gatun.bindings.model.Language.FORTRAN
                    ? cString(p, call, ind) : fortranString(p, call, ind);
            case STRING_LENGTH -> name(p) + "$len";
            // The handle's dynamic type, which the shim needs for a class(t) pointer of that type.
            case TYPE_TAG -> p.optional() ? "(" + name(p) + " == null ? 0 : " + name(p) + ".tag$)" : name(p) + ".tag$";
            // The guard keeps a throwing callback from unwinding through native frames (fatal) and rethrows after the call.
            case CALLBACK_SLOT -> "slot$";
            case CALLBACK -> {
                String fields = JavaEmitter.callbackFields(holder(), parameterName(p), p);
                // A callback the function keeps (retain) gets a stub that is never freed.
                yield JavaEmitter.upcallStubs(fields) + (p.retained() ? ".retained(" : ".stub(") + name(p) + ")";
            }
            case SCALAR_POINTER -> scalarPointer(p, call, ind);
            // A rank-1 array of bind(C) structs is a MemorySegment of elements; one object is its wrapper (or handle), and an
            // array of higher rank a StructArray or handle Array.
            case OBJECT -> p.isArray() && p.type() instanceof Type.Struct && p.rank() == 1 ? name(p)
                    : p.optional() ? "(" + name(p) + " == null ? MemorySegment.NULL : " + name(p) + ".segment())" : name(p) + ".segment()";
            case RESULT -> {
                if (proc.result() instanceof Type.Character c) {
                    call.append(ind).append("MemorySegment result$$ = FortranStrings.blank(arena, \"result\", ")
                            .append(resultLength(c)).append(");\n");
                    yield "result$$";
                }
                yield "scratch[" + scratchSlot(call, ind) + "]";
            }
        };
    }

    /**
     * A Fortran string: Gatun-allocated bytes of the declared length (blank-padded or cut, as Fortran
     * assignment does), or of the string's own length for {@code len=*}; the shim points the original at
     * them, so nothing is copied onto the native stack. Arrays of strings are element after element.
     */
    private String fortranString(Parameter p, StringBuilder call, String ind) {
        String v = name(p);
        String len = v + "$len";
        String chars = v + "$chars";
        Expr declared = ((Type.Character) p.type()).length();
        String quoted = "\"" + p.name() + "\"";
        String length = declared instanceof Expr.Star
                ? p.isArray() ? "FortranStrings.length(" + quoted + ", " + v + ")" : "FortranStrings.length(" + v + ")"
                : new JavaExpressions(proc, locals, heap).java(declared);
        String fill = p.intent() == Parameter.Intent.OUT && !p.isArray() ? "FortranStrings.blank(arena, " + quoted + ", " + len + ")"
                : "FortranStrings.copyIn(arena, " + quoted + ", " + v + ", " + len + ")";
        if (p.optional()) {
            call.append(ind).append("long ").append(len).append(" = ").append(v).append(" == null ? 0L : ").append(length).append(";\n")
                    .append(ind).append("MemorySegment ").append(chars).append(" = ").append(v).append(" == null ? MemorySegment.NULL : ")
                    .append(fill).append(";\n");
        } else {
            call.append(ind).append("long ").append(len).append(" = ").append(length).append(";\n")
                    .append(ind).append("MemorySegment ").append(chars).append(" = ").append(fill).append(";\n");
        }
        return chars;
    }

    /**
     * A C string: NUL-terminated UTF-8 for intent(in); for out and inout a buffer of the declared length and
     * one NUL byte more, which the native code fills and the method reads back up to the first NUL (the extra
     * byte keeps that read inside the buffer when the native code fills all of it). An intent(out) string with
     * a value ({@code y = x}) starts with it, blank-padded or cut to its length, as f2py initialises it.
     */
    private String cString(Parameter p, StringBuilder call, String ind) {
        String buffer = name(p) + "Native";
        if (p.intent() == Parameter.Intent.IN) {
            call.append(ind).append("MemorySegment ").append(buffer).append(" = arena.allocateFrom(").append(name(p)).append(");\n");
            return buffer;
        }
        var expressions = new JavaExpressions(proc, locals, heap);
        Expr declared = ((Type.Character) p.type()).length();
        String length = expressions.java(declared);
        String withNul = declared instanceof Expr.IntConst n ? (n.value() + 1) + "L" : length + " + 1L";
        call.append(ind).append("MemorySegment ").append(buffer).append(" = arena.allocate(").append(withNul).append(");\n");
        if (p.intent() == Parameter.Intent.INOUT) {
            call.append(ind).append(buffer).append(".setString(0, ").append(name(p)).append(");\n");
        } else if (p.defaultValue().isPresent() && expressions.available(p.defaultValue().get())) {
            call.append(ind).append("FortranStrings.write(").append(buffer).append(", 0, ").append(length).append(", ")
                    .append(expressions.java(p.defaultValue().get())).append(");\n");
        }
        return buffer;
    }

    /** Allocates a hidden work array in the call's arena, each extent from its declaration (0 when upper < lower). */
    private String hiddenArrayArgument(Parameter p, StringBuilder call, String ind) {
        var expr = new JavaExpressions(proc, locals, heap);
        var extents = new ArrayList<String>();
        for (Dimension d : p.dimensions()) {
            extents.add(expr.allocationExtent((Dimension.Explicit) d));
        }
        String type = JavaTypes.arrayClass(p.type());
        call.append(ind).append(type).append(' ').append(name(p)).append(" = ").append(type).append(".allocate(arena, Order.")
                .append(p.order().name()).append(", ").append(String.join(", ", extents)).append("); // hidden work array\n");
        return name(p) + ".segment()";
    }

    private int scratchSlot(StringBuilder call, String ind) {
        if (scratchSlots == 0) {
            call.append(ind).append("MemorySegment[] scratch = SCRATCH.get();\n");
        }
        return scratchSlots++;
    }

    /** A complex number by value: its parts in a per-thread scratch slot, which FFM copies as the struct the ABI passes. */
    private String complexValue(Parameter p, StringBuilder call, String ind) {
        String seg = "scratch[" + scratchSlot(call, ind) + "]";
        call.append(ind).append(store(p.type(), seg, name(p))).append(";\n");
        return seg;
    }

    private String scalarPointer(Parameter p, StringBuilder call, String ind) {
        int slot = scratchSlot(call, ind);
        String seg = "scratch[" + slot + "]";
        // An intent(out) scalar computed from an array's shape (f2py's n of a(n)) goes in with that value.
        boolean inferred = notes.get(p, Notes.InferredExtent.class).isPresent();
        String write = p.intent() == Parameter.Intent.OUT && !inferred
                // f2py sets an intent(out) scalar that has a default ('!f2py integer intent(out) :: n = 5') before the call.
                ? p.defaultValue().map(d -> store(p.type(), seg, narrow(JavaTypes.scalar(p.type()),
                        new JavaExpressions(proc, locals, heap).java(d), p.name(), d.render()))).orElse(null)
                : store(p.type(), seg, name(p));
        if (p.optional()) {
            call.append(ind).append("MemorySegment ").append(name(p)).append("Ref = MemorySegment.NULL;\n").append(ind).append("if (")
                    .append(name(p)).append(" != null) {\n").append(ind).append("    ").append(write).append(";\n").append(ind).append("    ")
                    .append(name(p)).append("Ref = ").append(seg).append(";\n").append(ind).append("}\n");
            return name(p) + "Ref";
        }
        if (write != null) {
            call.append(ind).append(write).append(";\n");
        }
        return seg;
    }

    /**
     * The length of a character function result: a constant, or {@code len(x)} of a string argument (f2py's
     * {@code character(len=len(x))}), which is that argument's length as passed.
     */
    private String resultLength(Type.Character c) {
        if (c.length() instanceof Expr.Len l) {
            return name(proc.parameter(l.string()).orElseThrow()) + "$len";
        }
        return ((Expr.IntConst) c.length()).value() + "L";
    }

    /** A Java boolean as the native integer type of a logical; no cast for int, which javac -Xlint calls redundant. */
    private static String logicalValue(String rawType, String value) {
        return rawType.equals("int") ? "(" + value + " ? 1 : 0)" : "(" + rawType + ") (" + value + " ? 1 : 0)";
    }

    private String store(Type t, String seg, String value) {
        return switch (t) {
            case Type.Logical l -> seg + ".set(" + JavaTypes.layout(JavaTypes.rawValue(l, plan.shim())) + ", 0, "
                    + logicalValue(JavaTypes.rawValue(l, plan.shim()), value) + ")";
            case Type.Scalar s when s.kind() == ScalarKind.COMPLEX_DOUBLE -> seg + ".set(JAVA_DOUBLE, 0, " + value + ".re()); " + seg
                    + ".set(JAVA_DOUBLE, 8, " + value + ".im())";
            case Type.Scalar s when s.kind() == ScalarKind.COMPLEX_FLOAT -> seg + ".set(JAVA_FLOAT, 0, (float) " + value + ".re()); " + seg
                    + ".set(JAVA_FLOAT, 4, (float) " + value + ".im())";
            default -> seg + ".set(" + JavaTypes.layout(JavaTypes.scalar(t)) + ", 0, " + value + ")";
        };
    }

    private String load(Type t, String seg) {
        return switch (t) {
            case Type.Logical l -> seg + ".get(" + JavaTypes.layout(JavaTypes.rawValue(l, plan.shim())) + ", 0) != 0";
            case Type.Scalar s when s.kind() == ScalarKind.COMPLEX_DOUBLE -> "new Complex(" + seg + ".get(JAVA_DOUBLE, 0), " + seg + ".get(JAVA_DOUBLE, 8))";
            case Type.Scalar s when s.kind() == ScalarKind.COMPLEX_FLOAT -> "new Complex(" + seg + ".get(JAVA_FLOAT, 0), " + seg + ".get(JAVA_FLOAT, 4))";
            default -> seg + ".get(" + JavaTypes.layout(JavaTypes.scalar(t)) + ", 0)";
        };
    }

    /** The index of the slot where the native code stores a result it returns through a pointer. */
    private int resultSlot() {
        for (int i = 0; i < plan.slots().size(); i++) {
            if (plan.slots().get(i).kind() == Notes.SlotKind.RESULT) {
                return i;
            }
        }
        throw new IllegalStateException("no result slot in the plan of " + proc.name());
    }

    private void outputsCode(StringBuilder call, String ind) {
        var values = new ArrayList<String>();
        StatusBuilder.of(proc, notes).ifPresent(status -> {
            String variable = "result$";
            if (statusSegment != null) {
                variable = "status$";
                call.append(ind).append(JavaTypes.scalar(statusParameter.type())).append(" status$ = ")
                        .append(load(statusParameter.type(), statusSegment)).append(";\n");
            }
            call.append(StatusBuilder.check(status, proc, variable).indent(ind.length()));
        });
        if (proc.kind() == Procedure.Kind.FUNCTION && !StatusBuilder.hidesResult(proc, notes)) {
            values.add(switch (plan.result()) {
                case VALUE -> proc.result() instanceof Type.Logical ? "result$ != 0"
                        : proc.result() instanceof Type.Derived d ? HandleBuilder.className(d) + ".adopt(result$)"
                        : proc.result() instanceof Type.Struct st ? StructBuilder.className(st) + ".of(result$)"
                        // A complex number by value: read out of the scratch slot it was returned into.
                        : JavaTypes.isComplex(proc.result()) ? load(proc.result(), "result$")
                        // A pointer to a struct comes back as a view of the struct it points to, or null.
                        : StructBuilder.wrapped(proc.result()) instanceof Type.Struct pointee ? "result$.equals(MemorySegment.NULL) ? null : "
                        + StructBuilder.className(pointee) + ".of(result$.reinterpret(" + StructBuilder.className(pointee) + ".LAYOUT.byteSize()))"
                        : "result$";
                case VIA_POINTER -> proc.result() instanceof Type.Character c
                        ? "FortranStrings.read(result$$, 0, " + resultLength(c) + ")"
                        // The result's slot, not the last argument: a callback slot may follow it.
                        : load(proc.result(), nativeArgs.get(resultSlot()));
                case VOID -> throw new IllegalStateException("function without result");
            });
        }
        for (int i = 0; i < plan.slots().size(); i++) {
            Notes.Slot s = plan.slots().get(i);
            if (s.kind() == Notes.SlotKind.SCALAR_POINTER && returned(s.parameter()) && s.parameter() != statusParameter) {
                values.add(load(s.parameter().type(), nativeArgs.get(i)));
            } else if (s.kind() == Notes.SlotKind.STRING_POINTER && returned(s.parameter())) {
                values.add(proc.language() == dev.gatun.bindings.model.Language.FORTRAN
                        ? "FortranStrings.read(" + nativeArgs.get(i) + ", 0, " + name(s.parameter()) + "$len)"
                        : nativeArgs.get(i) + ".getString(0)");
            } else if (s.kind() == Notes.SlotKind.STRING_POINTER && s.parameter().isArray() && s.parameter().intent() != Parameter.Intent.IN) {
                // Arrays of strings are Java String[]: the elements the native code wrote replace the caller's.
                call.append(ind).append("FortranStrings.readInto(").append(nativeArgs.get(i)).append(", ").append(name(s.parameter()))
                        .append("$len, ").append(name(s.parameter())).append(");\n");
            }
        }
        if (values.size() == 1) {
            call.append(ind).append("return ").append(values.getFirst()).append(";\n");
        } else if (values.size() > 1) {
            call.append(ind).append("return new ").append(returnType()).append("(").append(String.join(", ", values)).append(");\n");
        }
    }
}
