package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;

/**
 * Builds what a callback parameter needs: a functional interface the user implements, and the
 * method handle and descriptor from which each call makes its upcall stub. Callback arguments
 * arrive by value (the shim's adapter dereferences them); logicals arrive as C ints.
 */
final class CallbackBuilder {

    private CallbackBuilder() {
    }

    private static String argType(Type t) {
        return t instanceof Type.Logical ? "int" : JavaTypes.scalar(t);
    }

    static String interfaceSource(String method, String param, Signature s, Annotations notes) {
        var params = new ArrayList<String>();
        var docs = new StringBuilder();
        for (Parameter p : s.parameters()) {
            params.add(argType(p.type()) + " " + p.name().toLowerCase(java.util.Locale.ROOT));
            docs.append("         * @param ").append(p.name().toLowerCase(java.util.Locale.ROOT)).append(" argument {@code ")
                    .append(p.name()).append("}\n");
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

    static String upcallFields(String method, String param, Signature s) {
        String field = JavaEmitter.upcallField(method, param);
        var classes = new ArrayList<String>();
        var layouts = new ArrayList<String>();
        for (Parameter p : s.parameters()) {
            classes.add(argType(p.type()) + ".class");
            layouts.add(JavaTypes.layout(argType(p.type())));
        }
        String result = s.result() instanceof Type.Void ? "void" : argType(s.result());
        String descriptor = result.equals("void") ? "FunctionDescriptor.ofVoid(" + String.join(", ", layouts) + ")"
                : "FunctionDescriptor.of(" + JavaTypes.layout(result) + (layouts.isEmpty() ? "" : ", " + String.join(", ", layouts)) + ")";
        return """

                    private static final MethodHandle %s = upcallTarget(%s.class, "apply",
                            MethodType.methodType(%s.class%s));
                    private static final FunctionDescriptor %s_DESCRIPTOR = %s;
                """.formatted(field, JavaEmitter.callbackInterface(method, param), result,
                classes.isEmpty() ? "" : ", " + String.join(", ", classes), field, descriptor);
    }
}
