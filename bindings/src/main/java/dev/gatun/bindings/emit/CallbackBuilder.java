package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.pass.NameMangler;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds what a callback parameter needs: a functional interface the user implements, and the
 * method handle and descriptor from which each call makes its upcall stub. Callback arguments
 * arrive by value (the shim's adapter dereferences them); logicals arrive as C ints and reach the
 * Java callback as booleans through a filter on the upcall handle.
 */
final class CallbackBuilder {

    private CallbackBuilder() {
    }

    /** The C ABI type of a callback argument or result. */
    private static String argType(Type t) {
        return t instanceof Type.Logical ? "int" : JavaTypes.scalar(t);
    }

    /** The type the Java callback sees: a boolean for a logical. */
    private static String javaType(Type t) {
        return t instanceof Type.Logical ? "boolean" : JavaTypes.scalar(t);
    }

    /** True when some callback argument is a logical, so the binding needs the int-to-boolean filter. */
    static boolean needsLogicalFilter(Signature s) {
        return s.parameters().stream().anyMatch(p -> p.type() instanceof Type.Logical);
    }

    static String interfaceSource(String method, String param, Signature s, Annotations notes) {
        var params = new ArrayList<String>();
        var docs = new StringBuilder();
        List<String> names = NameMangler.unique(s.parameters().stream().map(Parameter::name).toList(), java.util.Set.of());
        for (int i = 0; i < names.size(); i++) {
            Parameter p = s.parameters().get(i);
            params.add(javaType(p.type()) + " " + names.get(i));
            docs.append("         * @param ").append(names.get(i)).append(" argument {@code ").append(p.name()).append("}\n");
        }
        String result = s.result() instanceof Type.Void ? "void" : argType(s.result());
        return """

                    /** The callback {@code %s} of {@link #%s}: {@code %s}. */
                    @FunctionalInterface
                    public interface %s {
                        /**
                         * Called by the native code.
                         *
                %s%s         */
                        %s apply(%s);
                    }
                """.formatted(param, method, s.describe(), JavaEmitter.callbackInterface(method, param), docs,
                result.equals("void") ? "" : "         * @return the value the native code receives\n", result, String.join(", ", params));
    }

    /** The holder fields of a callback parameter: the upcall target on {@code iface} and the C descriptor. */
    static String upcallFields(String iface, String param, Signature s) {
        var classes = new ArrayList<String>();
        var layouts = new ArrayList<String>();
        var filters = new StringBuilder();
        for (int i = 0; i < s.parameters().size(); i++) {
            Type t = s.parameters().get(i).type();
            classes.add(javaType(t) + ".class");
            // A struct by value crosses as its own layout and reaches Java as a MemorySegment holding a copy.
            layouts.add(t instanceof Type.Struct st ? StructBuilder.className(st) + ".LAYOUT" : JavaTypes.layout(argType(t)));
            if (t instanceof Type.Logical) {
                // Argument 0 of the handle is the callback object itself.
                filters.append(", ").append(i + 1);
            }
        }
        String result = s.result() instanceof Type.Void ? "void" : argType(s.result());
        String descriptor = result.equals("void") ? "FunctionDescriptor.ofVoid(" + String.join(", ", layouts) + ")"
                : "FunctionDescriptor.of(" + (s.result() instanceof Type.Struct st ? StructBuilder.className(st) + ".LAYOUT"
                : JavaTypes.layout(result)) + (layouts.isEmpty() ? "" : ", " + String.join(", ", layouts)) + ")";
        return """
                        static final MethodHandle %s$upcall = %supcallTarget(%s.class, "apply",
                                MethodType.methodType(%s.class%s))%s;
                        static final FunctionDescriptor %s$descriptor = %s;
                """.formatted(param, filters.isEmpty() ? "" : "logicalArguments(", iface, result,
                classes.isEmpty() ? "" : ", " + String.join(", ", classes), filters.isEmpty() ? "" : filters + ")", param, descriptor);
    }
}
