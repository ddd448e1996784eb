// SPDX-License-Identifier: Apache-2.0
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
 * method handle and descriptor from which {@link dev.gatun.load.UpcallStubs} makes an upcall stub once
 * per callback object. Callback arguments
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

    /** The Java type of a callback parameter in the interface: arrays as zero-copy views, strings as String. */
    private static String interfaceType(Parameter p, CallbackAbi abi) {
        if (p.type() instanceof Type.Character) {
            return p.isArray() ? "String[]" : "String";
        }
        return p.isArray() || abi.byView(p) ? JavaTypes.arrayClass(p.type()) : javaType(p.type());
    }

    static String interfaceSource(String method, String param, Signature s, Annotations notes, boolean bridged) {
        var params = new ArrayList<String>();
        var docs = new StringBuilder();
        List<String> names = NameMangler.unique(s.parameters().stream().map(Parameter::name).toList(), java.util.Set.of());
        CallbackAbi abi = CallbackAbi.of(s);
        for (int i = 0; i < names.size(); i++) {
            Parameter p = s.parameters().get(i);
            if (bridged && abi.written() != null && abi.written().name().equals(p.name()) && p.intent() == Parameter.Intent.OUT) {
                continue; // written by the callback: its result
            }
            params.add((bridged ? interfaceType(p, abi) : javaType(p.type())) + " " + names.get(i));
            docs.append("         * @param ").append(names.get(i)).append(" argument {@code ").append(p.name()).append("}")
                    .append(bridged && p.isArray() ? ", a view of the native array (valid during the call; writes reach the caller)" : "")
                    .append(bridged && abi.byView(p) ? ", a one-element view of the scalar the callback writes (valid during the call): "
                            + (p.intent() == Parameter.Intent.INOUT ? "{@code get(0)} is its value on entry, " : "")
                            + "store the new value with {@code set(0, v)}" : "")
                    .append(bridged && p.type() instanceof Type.Character && p.isArray() ? "; elements stored into it are written back" : "")
                    .append('\n');
        }
        Type resultType = bridged && !abi.resultByAddress() ? abi.result() : s.result();
        String result = resultType instanceof Type.Void ? "void" : bridged ? javaType(resultType) : argType(resultType);
        String returns = result.equals("void") ? ""
                : bridged && abi.written() != null ? "         * @return the new value of argument {@code " + abi.written().name() + "}\n"
                : "         * @return the value the native code receives\n";
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
                returns, result, String.join(", ", params));
    }

    /**
     * The upcall of a callback whose arguments need converting (arrays, strings, written scalars): a
     * static bridge method receiving the C arguments of {@link CallbackAbi}, building views and strings,
     * calling the interface, and writing strings back.
     */
    static String bridgeFields(String iface, String param, Signature s, boolean topLevel) {
        String bridge = bridgeName(param);
        CallbackAbi abi = CallbackAbi.of(s);
        var classes = new ArrayList<String>();
        var layouts = new ArrayList<String>();
        var cParams = new ArrayList<String>();
        for (CallbackAbi.Argument a : abi.arguments()) {
            String type = a.role() == CallbackAbi.Role.VALUE ? argType(a.parameter().type())
                    : a.role() == CallbackAbi.Role.ADDRESS ? "MemorySegment" : "long";
            classes.add(type + ".class");
            layouts.add(JavaTypes.layout(type));
            cParams.add(type + " " + local(a));
        }
        if (abi.resultByAddress()) {
            classes.add("MemorySegment.class");
            layouts.add(JavaTypes.layout("MemorySegment"));
            cParams.add("MemorySegment p$" + CallbackAbi.RESULT_ADDRESS);
        }
        var before = new StringBuilder();
        var after = new StringBuilder();
        var javaArgs = new ArrayList<String>();
        for (Parameter p : s.parameters()) {
            String n = "p$" + p.name().toLowerCase(java.util.Locale.ROOT);
            if (p.type() instanceof Type.Character && p.isArray()) {
                before.append("        String[] ").append(n).append("$ = new String[Math.toIntExact(").append(n).append("_d1)];\n")
                        .append("        MemorySegment ").append(n).append("$seg = ").append(n).append(".reinterpret(").append(n).append("_len * ")
                        .append(n).append("_d1);\n")
                        .append("        FortranStrings.readInto(").append(n).append("$seg, ").append(n).append("_len, ").append(n).append("$);\n");
                after.append("        for (int i = 0; i < ").append(n).append("$.length; i++) {\n")
                        .append("            FortranStrings.write(").append(n).append("$seg, i * ").append(n).append("_len, ").append(n)
                        .append("_len, ").append(n).append("$[i]);\n        }\n");
                javaArgs.add(n + "$");
            } else if (p.type() instanceof Type.Character) {
                javaArgs.add("FortranStrings.read(" + n + ".reinterpret(" + n + "_len), 0, " + n + "_len)");
            } else if (p.isArray()) {
                var extents = new ArrayList<String>();
                for (int d = 0; d < p.rank(); d++) {
                    extents.add(n + "_d" + (d + 1));
                }
                int bytes = ((Type.Scalar) p.type()).kind().bytes();
                javaArgs.add(JavaTypes.arrayClass(p.type()) + ".wrap(" + n + ".reinterpret(" + String.join(" * ", extents) + " * " + bytes
                        + "L), Order.FORTRAN, " + String.join(", ", extents) + ")");
            } else if (abi.byAddress(p)) {
                int bytes = ((Type.Scalar) p.type()).kind().bytes();
                javaArgs.add(JavaTypes.arrayClass(p.type()) + ".wrap(" + n + ".reinterpret(" + bytes + "L), Order.FORTRAN, 1)"
                        + (abi.byView(p) ? "" : ".get(0)"));
            } else if (abi.written() == null || !abi.written().name().equals(p.name()) || p.intent() != Parameter.Intent.OUT) {
                javaArgs.add(p.type() instanceof Type.Logical ? n + " != 0" : n);
            }
        }
        String result = abi.result() instanceof Type.Void ? "void" : argType(abi.result());
        String descriptor = result.equals("void") ? "FunctionDescriptor.ofVoid(" + String.join(", ", layouts) + ")"
                : "FunctionDescriptor.of(" + JavaTypes.layout(result) + (layouts.isEmpty() ? "" : ", " + String.join(", ", layouts)) + ")";
        String invoke = abi.result() instanceof Type.Logical ? "callback.apply(" + String.join(", ", javaArgs) + ") ? 1 : 0;\n"
                : "callback.apply(" + String.join(", ", javaArgs) + ");\n";
        String call = result.equals("void") ? "        " + invoke : after.isEmpty() ? "        return " + invoke
                : "        " + result + " result$ = " + invoke;
        if (abi.resultByAddress()) {
            // A complex result is stored where the adapter asked; the upcall itself returns nothing.
            call = "        Complex result$ = " + invoke + "        " + JavaTypes.arrayClass(s.result()) + ".wrap(p$" + CallbackAbi.RESULT_ADDRESS
                    + ".reinterpret(" + ((Type.Scalar) s.result()).kind().bytes() + "L), Order.FORTRAN, 1).set(0, result$);\n";
        }
        String tail = result.equals("void") || after.isEmpty() ? "" : "        return result$;\n";
        String fields = """
                    %s MethodHandle %s$upcall = upcallBridge(MethodHandles.lookup(), "%s",
                            MethodType.methodType(%s.class, %s.class%s));
                    %s FunctionDescriptor %s$descriptor = %s;
                    %s dev.gatun.load.UpcallStubs %s$stubs = new dev.gatun.load.UpcallStubs(%s$upcall, %s$descriptor);

                    private static %s %s(%s callback%s) {
                %s%s%s%s    }
                """.formatted(modifiers(topLevel), param, bridge, result, iface, classes.isEmpty() ? "" : ", " + String.join(", ", classes),
                modifiers(topLevel), param, descriptor, modifiers(topLevel), param, param, param, result, bridge, iface,
                cParams.isEmpty() ? "" : ", " + String.join(", ", cParams), before, call, after, tail);
        return place(fields, topLevel);
    }

    private static String modifiers(boolean topLevel) {
        return topLevel ? "private static final" : "static final";
    }

    /** Text written at class level, moved into the procedure's holder class unless it stays top-level. */
    private static String place(String text, boolean topLevel) {
        return topLevel ? "\n" + text : text.indent(4).replaceAll("(?m)^[ ]+$", "");
    }

    /** The holder and setter of a hidden f2py intent(callback) external (f2py's module attribute of that name). */
    static String externalSetter(String param, String fortranName, String iface) {
        String field = JavaEmitter.externalField(param);
        return """

                    private static volatile %s %s;

                    /**
                     * Sets the callback that the external procedure {@code %s} calls (f2py's {@code intent(callback, hide)}:
                     * the procedures calling it take no callback argument). Calling one of them while none is set throws
                     * {@link IllegalStateException}.
                     *
                     * @param callback the callback, or null to unset it
                     */
                    public static void set%s(%s callback) {
                        %s = callback;
                    }
                """.formatted(iface, field, fortranName, JavaEmitter.capitalise(param), iface, field);
    }

    private static String local(CallbackAbi.Argument a) {
        return "p$" + CallbackAbi.cName(a);
    }

    static String bridgeName(String param) {
        return param + "$bridge";
    }

    /** The fields of a callback parameter: the upcall target on {@code iface} and the C descriptor. */
    static String upcallFields(String iface, String param, Signature s, boolean topLevel) {
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
        return place("""
                    %s MethodHandle %s$upcall = %supcallTarget(%s.class, "apply",
                            MethodType.methodType(%s.class%s))%s;
                    %s FunctionDescriptor %s$descriptor = %s;
                    %s dev.gatun.load.UpcallStubs %s$stubs = new dev.gatun.load.UpcallStubs(%s$upcall, %s$descriptor);
                """.formatted(modifiers(topLevel), param, filters.isEmpty() ? "" : "logicalArguments(", iface, result,
                classes.isEmpty() ? "" : ", " + String.join(", ", classes), filters.isEmpty() ? "" : filters + ")", modifiers(topLevel), param,
                descriptor, modifiers(topLevel), param, param, param), topLevel);
    }
}
