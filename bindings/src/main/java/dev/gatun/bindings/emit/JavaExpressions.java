// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Expr;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import java.util.Map;

/**
 * Translates extent, check and default expressions into Java source over the friendly method's
 * locals. Integers are computed in {@code long}; {@code size(a, d)} becomes {@code a.shape(d-1)},
 * and f2py's {@code len(a)} of an array its element count.
 */
final class JavaExpressions {

    private final Procedure procedure;
    private final Map<String, String> locals;
    private final boolean heap;

    /**
     * @param procedure the procedure the expression belongs to
     * @param locals    lower-case parameter name to the Java local holding its value
     */
    JavaExpressions(Procedure procedure, Map<String, String> locals, boolean heap) {
        this.procedure = procedure;
        this.locals = locals;
        this.heap = heap;
    }

    /** The extent of dimension {@code d} of an array local: {@code a.shape(d)}, or {@code a.length} for heap arrays. */
    String extent(String array, int d) {
        if (handleArray(array)) {
            return rank(array) == 1 ? array + ".length()" : array + ".shape(" + d + ")";
        }
        Type.Struct struct = structArray(array);
        if (struct != null) {
            return rank(array) == 1 ? structCount(array, struct) : array + ".shape(" + d + ")";
        }
        if (stringArray(array)) {
            // String[] or String[][] (rows x columns): the second extent is the rows' common length.
            return d == 0 ? "(long) " + array + ".length" : "FortranStrings.columns(\"" + array + "\", " + array + ")";
        }
        return heap ? "(long) " + array + ".length" : array + ".shape(" + d + ")";
    }

    /** The element count of a segment holding an array of structs. */
    static String structCount(String segment, Type.Struct struct) {
        return "(" + segment + ".byteSize() / " + StructBuilder.className(struct) + ".LAYOUT.byteSize())";
    }

    /** Whether a local holds an array of handle objects ({@code Particle.Array}). */
    private boolean handleArray(String local) {
        return procedure.parameters().stream().anyMatch(p -> p.isArray() && p.type() instanceof Type.Derived
                && local.equals(locals.get(p.name().toLowerCase(java.util.Locale.ROOT))));
    }

    /** The struct type of a local holding an array of bind(C) structs (a {@code MemorySegment}), or null. */
    private Type.Struct structArray(String local) {
        return procedure.parameters().stream().filter(p -> p.isArray() && p.type() instanceof Type.Struct
                && local.equals(locals.get(p.name().toLowerCase(java.util.Locale.ROOT)))).map(p -> (Type.Struct) p.type()).findFirst().orElse(null);
    }

    /** Whether a local holds an array of strings, which is a Java {@code String[]}. */
    private boolean stringArray(String local) {
        return procedure.parameters().stream().anyMatch(p -> p.isStringArray()
                && local.equals(locals.get(p.name().toLowerCase(java.util.Locale.ROOT))));
    }

    /** Returns true when every name the expression uses is available as a local. */
    boolean available(Expr e) {
        return e.references().stream().allMatch(n -> locals.containsKey(n.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * The extent to allocate for an explicit dimension: {@code upper - lower + 1}, and 0 when the upper bound is
     * below the lower one, as for a Fortran explicit-shape array.
     */
    String allocationExtent(dev.gatun.bindings.model.Dimension.Explicit d) {
        String extent = d.lower() instanceof Expr.IntConst c && c.value() == 1 ? java(d.upper())
                : java(d.upper()) + " - " + java(d.lower()) + " + 1L";
        return d.upper() instanceof Expr.IntConst && d.lower() instanceof Expr.IntConst ? extent : "Math.max(0L, " + extent + ")";
    }

    String java(Expr e) {
        return switch (e) {
            case Expr.IntConst c -> c.value() + "L";
            case Expr.RealConst c -> Double.toString(c.value());
            case Expr.LogicalConst c -> Boolean.toString(c.value());
            case Expr.StringConst c -> '"' + c.value().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            case Expr.Ref r -> local(r.name());
            case Expr.Star s -> throw new IllegalArgumentException("'*' has no value");
            case Expr.Unary u -> (u.op() == Expr.UnaryOp.NEG ? "-" : "!") + "(" + java(u.operand()) + ")";
            // Strings compare as Fortran's character comparison does (blank-padded), never by Java identity.
            case Expr.Binary b when b.op().isComparison() && (isString(b.left()) || isString(b.right())) ->
                    "(FortranStrings.compare(" + java(b.left()) + ", " + java(b.right()) + ") " + javaOperator(b.op()) + " 0)";
            case Expr.Binary b -> "(" + java(b.left()) + " " + javaOperator(b.op()) + " " + java(b.right()) + ")";
            case Expr.Size s -> s.dimension() == 0 ? size(local(s.array())) : extent(local(s.array()), s.dimension() - 1);
            // f2py: len(a) of an array is shape(a, 0); slen(s) of a string its length in bytes.
            case Expr.Len l -> isArray(l.string()) ? extent(local(l.string()), 0) : stringLength(l.string());
            case Expr.Call c -> call(c);
        };
    }

    private String size(String array) {
        if (handleArray(array)) {
            return array + ".length()";
        }
        Type.Struct struct = structArray(array);
        if (struct != null) {
            return rank(array) == 1 ? structCount(array, struct) : array + ".length()";
        }
        if (stringArray(array) && rank(array) == 2) {
            return "(" + extent(array, 0) + " * " + extent(array, 1) + ")";
        }
        return heap || stringArray(array) ? "(long) " + array + ".length" : array + ".size()";
    }

    private int rank(String local) {
        return procedure.parameters().stream().filter(p -> local.equals(locals.get(p.name().toLowerCase(java.util.Locale.ROOT))))
                .mapToInt(Parameter::rank).findFirst().orElse(0);
    }

    /** The length in bytes of a character argument: its declared length, or the UTF-8 length of the value for len=*. */
    private String stringLength(String name) {
        var p = procedure.parameter(name).orElseThrow();
        if (!(p.type() instanceof dev.gatun.bindings.model.Type.Character c)) {
            return "(long) " + local(name) + ".length()";
        }
        if (c.assumedLength()) {
            return p.isArray() ? "FortranStrings.length(\"" + p.name() + "\", " + local(name) + ")" : "FortranStrings.length(" + local(name) + ")";
        }
        return java(c.length());
    }

    /** Whether an operand is a character value: a string constant or a scalar character parameter. */
    private boolean isString(Expr e) {
        return e instanceof Expr.StringConst || e instanceof Expr.Ref r && procedure.parameter(r.name())
                .filter(p -> !p.isArray() && p.type() instanceof Type.Character).isPresent();
    }

    private boolean isArray(String name) {
        return procedure.parameter(name).map(Parameter::isArray).orElse(false);
    }

    private String local(String name) {
        String l = locals.get(name.toLowerCase(java.util.Locale.ROOT));
        if (l == null) {
            throw new IllegalArgumentException("'" + name + "' is not a parameter of " + procedure.name());
        }
        return l;
    }

    private String call(Expr.Call c) {
        var args = c.args().stream().map(this::java).toList();
        return switch (c.function()) {
            case "min", "max" -> args.stream().reduce((a, b) -> "Math." + c.function() + "(" + a + ", " + b + ")").orElseThrow();
            case "abs" -> "Math.abs(" + args.getFirst() + ")";
            case "mod" -> "(" + args.get(0) + " % " + args.get(1) + ")";
            // f2py's 'c ? a : b' arrives as Fortran's merge(a, b, c).
            case "merge" -> "((" + args.get(2) + ") ? " + args.get(0) + " : " + args.get(1) + ")";
            case "rank" -> local(((Expr.Ref) c.args().getFirst()).name()) + ".rank()";
            // f2py_itemsize(c): the bytes of one element of a character array.
            case "f2py_itemsize" -> stringLength(((Expr.Ref) c.args().getFirst()).name());
            default -> throw new IllegalArgumentException("intrinsic '" + c.function() + "' is not supported in generated checks");
        };
    }

    private static String javaOperator(Expr.BinaryOp op) {
        return switch (op) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case EQ -> "==";
            case NE -> "!=";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case AND -> "&&";
            case OR -> "||";
        };
    }
}
