// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.pass.Notes;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the raw layer of one procedure: its downcall handles (fields of the procedure's holder class, see
 * {@link #holder}) and a method taking primitives and {@code MemorySegment}s exactly as the C ABI sees them.
 */
final class RawMethodBuilder {

    private final Procedure procedure;
    private final Notes.CallPlan plan;
    private final String method;
    private final Annotations notes;

    RawMethodBuilder(Procedure procedure, Notes.CallPlan plan, String method, Annotations notes) {
        this.notes = notes;
        this.procedure = procedure;
        this.plan = plan;
        this.method = method;
    }

    /** The handle constant's name: the symbol in upper case, or as it is where two symbols differ only in case. */
    static String handle(Procedure procedure, Notes.CallPlan plan, Annotations notes) {
        return notes.get(procedure, Notes.HandleName.class).map(Notes.HandleName::name)
                .orElseGet(() -> plan.symbol().toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * The procedure's holder class: a nested class whose {@code static final} fields are its downcall handles and
     * what its friendly methods check. Each holder initialises on the procedure's first call, so no class
     * initializer grows with the header (javac's 64 KB limit per method) and a header of thousands of functions
     * links only those called; a {@code static final} handle in an initialised class still folds to a constant.
     */
    static String holder(Procedure procedure, Notes.CallPlan plan, Annotations notes) {
        return handle(procedure, plan, notes) + "$";
    }

    /** The holder's handle field, and a critical twin when asked, indented for the holder class. */
    String handleFields(boolean critical) {
        String fields = """
                        /** {@code %s} */
                        static final MethodHandle HANDLE = downcall$("%s", %s);
                """.formatted(nativeSignature(), plan.symbol(), descriptor());
        // The critical twin in a class of its own: made at the first call of a heap-array overload only, so a program that
        // passes Gatun arrays never builds it (each downcall handle costs milliseconds at start-up).
        return critical ? fields + """
                        /** {@code %s} as a critical downcall: accepts heap segments, must not call back into Java. */
                        static final class CRITICAL$ {
                            static final MethodHandle HANDLE = downcall$("%s", %s, Linker.Option.critical(true));
                        }
                """.formatted(plan.symbol(), plan.symbol(), descriptor()) : fields;
    }

    /** The raw Java result type. */
    String resultType() {
        return plan.result() == Notes.NativeResult.VALUE ? JavaTypes.rawValue(procedure.result(), plan.shim()) : "void";
    }

    /** Parameter names of the raw method, one per slot. */
    List<String> slotNames() {
        var names = new ArrayList<String>();
        for (Notes.Slot s : plan.slots()) {
            String base = s.kind() == Notes.SlotKind.CALLBACK_SLOT ? "slot$" : s.parameter() == null ? "result"
                    : JavaEmitter.javaName(notes, s.parameter());
            names.add(switch (s.kind()) {
                case EXTENT -> base + "Extent" + (s.dimension() + 1);
                case STRING_LENGTH -> base + "Length";
                case TYPE_TAG -> base + "Tag";
                default -> base;
            });
        }
        return names;
    }

    /** True when the native function returns a struct (or a complex number, laid out as one) by value. */
    boolean returnsStruct() {
        return returnsStruct(procedure, plan);
    }

    /** True when the native function returns a struct (or a complex number, laid out as one) by value. */
    static boolean returnsStruct(Procedure procedure, Notes.CallPlan plan) {
        return plan.result() == Notes.NativeResult.VALUE
                && (procedure.result() instanceof dev.gatun.bindings.model.Type.Struct || JavaTypes.isComplex(procedure.result()));
    }

    String nativeSignature() {
        var parts = new ArrayList<String>();
        var names = slotNames();
        for (int i = 0; i < plan.slots().size(); i++) {
            parts.add(JavaTypes.cSlot(plan.slots().get(i), plan.shim(), procedure.result()) + " " + names.get(i));
        }
        String result = plan.result() == Notes.NativeResult.VALUE ? JavaTypes.cName(procedure.result(), plan.shim()) : "void";
        return result + " " + plan.symbol() + "(" + String.join(", ", parts) + ")";
    }

    String descriptor() {
        var layouts = plan.slots().stream().map(s -> s.kind() == Notes.SlotKind.VALUE
                ? JavaTypes.valueLayout(s.parameter().type(), plan.shim()) : JavaTypes.layout(JavaTypes.rawSlot(s, plan.shim()))).toList();
        String args = String.join(", ", layouts);
        return plan.result() == Notes.NativeResult.VALUE
                ? "FunctionDescriptor.of(" + JavaTypes.valueLayout(procedure.result(), plan.shim()) + (args.isEmpty() ? "" : ", " + args) + ")"
                : "FunctionDescriptor.ofVoid(" + args + ")";
    }

    /** The raw method (and its critical twin when asked), indented for the Raw class; the handles are in the holder. */
    String build(boolean critical) {
        String h = holder(procedure, plan, notes);
        var params = new ArrayList<String>();
        var names = slotNames();
        var arguments = new ArrayList<>(names);
        for (int i = 0; i < names.size(); i++) {
            params.add(JavaTypes.rawSlot(plan.slots().get(i), plan.shim()) + " " + names.get(i));
        }
        String allocatorDoc = "";
        if (returnsStruct()) {
            // FFM returns a struct by value into memory the caller provides: the allocator comes first.
            params.addFirst("SegmentAllocator allocator");
            arguments.addFirst("allocator");
            allocatorDoc = "         * @param allocator where the returned struct is allocated\n";
        }
        // A JFR event per call (dev.gatun.profile), created only once JFR has started (Profiling.active()): loading
        // the first JFR event class starts JFR's Java side, which a run that records nothing must not pay.
        String event = "event";
        while (names.contains(event) || event.equals("t") || event.equals("allocator")) {
            event = event + "_";
        }
        var segments = new ArrayList<String>();
        for (int i = 0; i < names.size(); i++) {
            if (JavaTypes.rawSlot(plan.slots().get(i), plan.shim()).equals("MemorySegment")) {
                segments.add(names.get(i) + ".byteSize()");
            }
        }
        String bytes = segments.isEmpty() ? "0" : String.join(" + ", segments);
        String docs = allocatorDoc + paramDocs(names);
        String signature = String.join(", ", params);
        String plain = method(method, h + ".HANDLE", arguments, signature, docs, event, bytes,
                "Calls {@code " + plan.symbol() + "} with exactly the native arguments.",
                "if a segment is not a native segment");
        if (!critical) {
            return plain;
        }
        // The heap-array overloads call the critical twin through a raw method of its own, so that their calls
        // are profiled like every other.
        String twin = method(method + "$critical", h + ".CRITICAL$.HANDLE", arguments, signature, docs, event, bytes,
                "Calls {@code " + plan.symbol() + "} as a critical downcall: segments may be on the Java heap, and the"
                        + " function must not call back into Java.",
                null);
        return plain + twin;
    }

    private String method(String name, String handle, List<String> arguments, String signature, String docs,
            String event, String bytes, String summary, String failure) {
        String invoke = handle + ".invokeExact(" + String.join(", ", arguments) + ")";
        String body = resultType().equals("void") ? invoke + ";" : "return (" + resultType() + ") " + invoke + ";";
        return """

                        /**
                         * %s
                         *
                         * <p>Native signature: {@code %s}. Declared at {@code %s}.
                         *
                %s%s         */
                        public static %s %s(%s) {
                            dev.gatun.profile.NativeCallEvent %s = null;
                            if (profiling$()) {
                                %s = new dev.gatun.profile.NativeCallEvent();
                                %s.begin();
                            }
                            try {
                                %s
                            } catch (Throwable t) {
                                throw unexpected(t);
                            } finally {
                                if (%s != null && %s.shouldCommit()) {
                                    %s.set(LIBRARY.name(), "%s", %s);
                                    %s.commit();
                                }
                            }
                        }
                """.formatted(summary, nativeSignature(), JavaEmitter.where(procedure), docs,
                        failure == null ? "" : "         * @throws IllegalArgumentException " + failure + "\n", resultType(), name,
                        signature, event, event, event, body, event, event, event, plan.symbol(), bytes, event);
    }

    private static String paramDocs(List<String> names) {
        var sb = new StringBuilder();
        for (String n : names) {
            sb.append("         * @param ").append(n).append(" native argument {@code ").append(n).append("}\n");
        }
        return sb.toString();
    }
}
