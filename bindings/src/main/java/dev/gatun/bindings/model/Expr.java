// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * An extent, check or default-value expression, such as {@code 2*n+1}, {@code size(a,1)},
 * {@code len(s)} or {@code n >= 1 .and. n <= size(a)}.
 *
 * <p>Names refer to parameters of the same procedure. Rendering with {@link #render()} gives
 * Fortran-flavoured text for Javadoc and diagnostics; emitters translate the tree themselves.
 */
public sealed interface Expr {

    /** Returns where the expression was written. */
    SourcePosition position();

    /** An integer literal. @param value the value @param position where it was written */
    record IntConst(long value, SourcePosition position) implements Expr {
        /** Validates the position. */
        public IntConst {
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * A real literal, kept with its source spelling so {@code 1.0d0} renders as written.
     *
     * @param value    the value
     * @param text     the source spelling
     * @param position where it was written
     */
    record RealConst(double value, String text, SourcePosition position) implements Expr {
        /** Validates the components. */
        public RealConst {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(position, "position");
        }
    }

    /** A logical literal ({@code .true.}, {@code 1} in C). @param value the value @param position where */
    record LogicalConst(boolean value, SourcePosition position) implements Expr {
        /** Validates the position. */
        public LogicalConst {
            Objects.requireNonNull(position, "position");
        }
    }

    /** A string literal. @param value the characters, quotes removed @param position where */
    record StringConst(String value, SourcePosition position) implements Expr {
        /** Validates the components. */
        public StringConst {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * A reference to another parameter of the same procedure (or a named constant).
     *
     * @param name     the name as written (case preserved; Fortran compares case-insensitively)
     * @param position where it was written
     */
    record Ref(String name, SourcePosition position) implements Expr {
        /** Validates the components. */
        public Ref {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(position, "position");
        }
    }

    /** The {@code *} of an assumed-size bound or an assumed character length. @param position where */
    record Star(SourcePosition position) implements Expr {
        /** Validates the position. */
        public Star {
            Objects.requireNonNull(position, "position");
        }
    }

    /** Unary operators. */
    enum UnaryOp {
        /** Arithmetic negation. */
        NEG,
        /** Logical negation ({@code .not.}, {@code !}). */
        NOT
    }

    /** A unary operation. @param op the operator @param operand its operand @param position where */
    record Unary(UnaryOp op, Expr operand, SourcePosition position) implements Expr {
        /** Validates the components. */
        public Unary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(position, "position");
        }
    }

    /** Binary operators, arithmetic, comparison and logical. */
    enum BinaryOp {
        /** {@code +} */ ADD("+"),
        /** {@code -} */ SUB("-"),
        /** {@code *} */ MUL("*"),
        /** {@code /}, integer division when both sides are integers, as in Fortran and C. */ DIV("/"),
        /** {@code ==} */ EQ("=="),
        /** {@code /=} or {@code !=} */ NE("/="),
        /** {@code <} */ LT("<"),
        /** {@code <=} */ LE("<="),
        /** {@code >} */ GT(">"),
        /** {@code >=} */ GE(">="),
        /** {@code .and.} */ AND(".and."),
        /** {@code .or.} */ OR(".or.");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        /** Returns the Fortran spelling of the operator. */
        public String symbol() {
            return symbol;
        }

        /** Returns true when the result is logical rather than numeric. */
        public boolean isLogical() {
            return ordinal() >= EQ.ordinal();
        }

        /** Returns true for the comparisons {@code == /= < <= > >=}. */
        public boolean isComparison() {
            return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
        }
    }

    /**
     * A binary operation.
     *
     * @param op       the operator
     * @param left     left operand
     * @param right    right operand
     * @param position where it was written
     */
    record Binary(BinaryOp op, Expr left, Expr right, SourcePosition position) implements Expr {
        /** Validates the components. */
        public Binary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * {@code size(array)} (all elements, {@code dimension == 0}) or {@code size(array, dimension)}
     * with a 1-based dimension. f2py's {@code shape(a, k)} lowers to {@code size(a, k+1)}.
     *
     * @param array     the array parameter's name
     * @param dimension 1-based dimension, or 0 for the total element count
     * @param position  where it was written
     */
    record Size(String array, int dimension, SourcePosition position) implements Expr {
        /** Validates the components. */
        public Size {
            Objects.requireNonNull(array, "array");
            Objects.requireNonNull(position, "position");
            if (dimension < 0) {
                throw new IllegalArgumentException("dimension of size(" + array + ", ...) must be >= 1, got " + dimension);
            }
        }
    }

    /** {@code len(string)}. @param string the character parameter's name @param position where */
    record Len(String string, SourcePosition position) implements Expr {
        /** Validates the components. */
        public Len {
            Objects.requireNonNull(string, "string");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * Any other intrinsic call ({@code min}, {@code max}, {@code abs}, {@code mod}); emitters reject
     * names they cannot translate.
     *
     * @param function the intrinsic's name, lower case
     * @param args     its arguments
     * @param position where it was written
     */
    record Call(String function, List<Expr> args, SourcePosition position) implements Expr {
        /** Validates and copies the components. */
        public Call {
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
            Objects.requireNonNull(position, "position");
        }
    }

    /** Returns Fortran-flavoured source text for the expression, fully parenthesised where needed. */
    default String render() {
        return switch (this) {
            case IntConst c -> Long.toString(c.value());
            case RealConst c -> c.text();
            case LogicalConst c -> c.value() ? ".true." : ".false.";
            case StringConst c -> "'" + c.value().replace("'", "''") + "'";
            case Ref r -> r.name();
            case Star s -> "*";
            case Unary u -> (u.op() == UnaryOp.NEG ? "-" : ".not. ") + u.operand().renderOperand();
            case Binary b -> b.left().renderOperand() + " " + b.op().symbol() + " " + b.right().renderOperand();
            case Size s -> s.dimension() == 0 ? "size(" + s.array() + ")" : "size(" + s.array() + ", " + s.dimension() + ")";
            case Len l -> "len(" + l.string() + ")";
            case Call c -> c.function() + "(" + String.join(", ", c.args().stream().map(Expr::render).toList()) + ")";
        };
    }

    /** Renders this expression as an operand: binary operations get parentheses. */
    private String renderOperand() {
        return this instanceof Binary ? "(" + render() + ")" : render();
    }

    /**
     * Returns this expression with every {@link Ref} whose lower-case name is a key of {@code values}
     * replaced by that value (f2py's {@code intent(aux)} variables are inlined this way).
     *
     * @param values replacement expressions by lower-case name
     * @return the expression with the references replaced; this one when nothing matched
     */
    default Expr substitute(java.util.Map<String, Expr> values) {
        return switch (this) {
            case Ref r -> values.getOrDefault(r.name().toLowerCase(java.util.Locale.ROOT), r);
            case Unary u -> new Unary(u.op(), u.operand().substitute(values), u.position());
            case Binary b -> new Binary(b.op(), b.left().substitute(values), b.right().substitute(values), b.position());
            case Call c -> new Call(c.function(), c.args().stream().map(a -> a.substitute(values)).toList(), c.position());
            default -> this;
        };
    }

    /** Returns the names of the parameters this expression refers to, in first-use order. */
    default List<String> references() {
        var names = new java.util.LinkedHashSet<String>();
        collectReferences(this, names);
        return List.copyOf(names);
    }

    private static void collectReferences(Expr e, java.util.Set<String> out) {
        switch (e) {
            case Ref r -> out.add(r.name());
            case Size s -> out.add(s.array());
            case Len l -> out.add(l.string());
            case Unary u -> collectReferences(u.operand(), out);
            case Binary b -> {
                collectReferences(b.left(), out);
                collectReferences(b.right(), out);
            }
            case Call c -> c.args().forEach(a -> collectReferences(a, out));
            case IntConst c -> { }
            case RealConst c -> { }
            case LogicalConst c -> { }
            case StringConst c -> { }
            case Star s -> { }
        }
    }
}
