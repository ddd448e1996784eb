// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Signature;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Fortran callback's arguments cross from the shim's adapter to the Java upcall: scalars by
 * value; an array as its address followed by its extents; a string as its address and length (an
 * array of strings also its element count). The one scalar a subroutine callback writes (f2py's callback
 * "return object", e.g. {@code call fun(a)} with {@code a} intent(out)) is not an argument at all: the
 * upcall returns it, and the adapter assigns it. Where a callback writes more than one scalar, or is a
 * function and writes one, each written scalar crosses as its address (Java sees a one-element view it
 * reads and sets, as f2py's callbacks return a tuple). A complex scalar crosses as its address too: Java
 * reads it into a {@code Complex}, or sees a one-element view when the callback writes it. A complex function
 * result does not cross as a C value either: the adapter passes the address of a local last, the Java bridge
 * stores the callback's {@code Complex} there, and the upcall returns nothing. The shim emitter and the
 * Java emitter both read this (and so does the C adapter of an f2py callstatement wrapper), so the sides
 * cannot disagree.
 *
 * @param arguments the C arguments of the upcall, in order
 * @param result          what the upcall returns: the function's result, the written scalar's type, or void
 * @param written         the parameter the upcall's result is assigned to, or null
 * @param resultByAddress true when the function's (complex) result is stored at an address passed last
 */
public record CallbackAbi(List<Argument> arguments, Type result, Parameter written, boolean resultByAddress) {

    /** What one C argument carries. */
    public enum Role {
        /** The value of a scalar. */
        VALUE,
        /** The address of an array or string, or of a written scalar that crosses as a one-element view. */
        ADDRESS,
        /** One extent of an array ({@link Argument#dimension()}), or the element count of an array of strings. */
        EXTENT,
        /** The length of a string (of each element of an array of strings). */
        LENGTH
    }

    /**
     * One C argument.
     *
     * @param parameter the callback parameter it belongs to
     * @param role      what it carries
     * @param dimension for {@link Role#EXTENT}, which dimension (0-based)
     */
    public record Argument(Parameter parameter, Role role, int dimension) {
    }

    /** Plans the crossing of a callback signature. */
    public static CallbackAbi of(Signature s) {
        var args = new ArrayList<Argument>();
        Parameter written = null;
        List<Parameter> writes = s.parameters().stream().filter(CallbackAbi::writtenScalar).toList();
        // A complex value does not cross as a C scalar: a written complex is always a view.
        boolean returned = writes.size() == 1 && s.result() instanceof Type.Void && !complex(writes.getFirst());
        for (Parameter p : s.parameters()) {
            if (p.type() instanceof Type.Character) {
                args.add(new Argument(p, Role.ADDRESS, 0));
                args.add(new Argument(p, Role.LENGTH, 0));
                if (p.isArray()) {
                    args.add(new Argument(p, Role.EXTENT, 0));
                }
            } else if (p.isArray()) {
                args.add(new Argument(p, Role.ADDRESS, 0));
                for (int d = 0; d < p.rank(); d++) {
                    args.add(new Argument(p, Role.EXTENT, d));
                }
            } else if (writtenScalar(p) && !returned || complex(p)) {
                args.add(new Argument(p, Role.ADDRESS, 0));
            } else {
                if (writtenScalar(p)) {
                    written = p;
                }
                if (p.intent() != Parameter.Intent.OUT) {
                    args.add(new Argument(p, Role.VALUE, 0));
                }
            }
        }
        boolean complexResult = s.result() instanceof Type.Scalar r && r.kind().isComplex();
        return new CallbackAbi(List.copyOf(args), complexResult ? Type.VOID : written != null ? written.type() : s.result(), written,
                complexResult);
    }

    /** True for a scalar (not a string) the callback writes: intent(out) or intent(inout). */
    public static boolean writtenScalar(Parameter p) {
        return !p.isArray() && !(p.type() instanceof Type.Character)
                && (p.intent() == Parameter.Intent.OUT || p.intent() == Parameter.Intent.INOUT);
    }

    /** True for a complex scalar: it crosses as its address, read in Java into a {@code Complex}. */
    public static boolean complex(Parameter p) {
        return !p.isArray() && p.type() instanceof Type.Scalar s && s.kind().isComplex();
    }

    /** True when a scalar parameter crosses as its address (a written scalar's view, or a complex value). */
    public boolean byAddress(Parameter p) {
        return !p.isArray() && !(p.type() instanceof Type.Character)
                && arguments.stream().anyMatch(a -> a.role() == Role.ADDRESS && a.parameter().name().equals(p.name()));
    }

    /** True when a written scalar reaches Java as a one-element view. */
    public boolean byView(Parameter p) {
        return byAddress(p) && writtenScalar(p);
    }

    /** True when the upcall can call the Java interface directly: scalars in, a scalar or nothing out. */
    public boolean direct() {
        // A logical result crosses as a C int: the bridge converts the Java boolean.
        return written == null && !resultByAddress && !(result instanceof Type.Logical)
                && arguments.stream().allMatch(a -> a.role() == Role.VALUE);
    }

    /** The name of the result's address, the last C argument when {@link #resultByAddress()}. */
    public static final String RESULT_ADDRESS = "gatun_result";

    /** The name of a C argument in the shim and in the Java bridge. */
    static String cName(Argument a) {
        String n = a.parameter().name().toLowerCase(java.util.Locale.ROOT);
        return switch (a.role()) {
            case VALUE, ADDRESS -> n;
            case EXTENT -> n + "_d" + (a.dimension() + 1);
            case LENGTH -> n + "_len";
        };
    }
}
