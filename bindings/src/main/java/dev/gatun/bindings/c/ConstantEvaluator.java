// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import java.util.Locale;
import java.util.Map;

/**
 * Evaluates integer constant expressions as enums and array bounds write them: literals (decimal,
 * hex, octal, binary, suffixes, char literals), earlier enumerators, the arithmetic, shift, bitwise,
 * logical, relational and conditional operators, casts to integer types and {@code sizeof}/{@code _Alignof}
 * of types. Arithmetic is done in 64 bits, the width of the widest C integer Gatun binds.
 */
final class ConstantEvaluator {

    /** What the evaluator needs from the declaration parser: type names, for casts and sizeof. */
    interface TypeNames {
        /** Returns true when the cursor is at the start of a type name. */
        boolean startsTypeName();

        /** Parses a type name (specifiers and an abstract declarator). */
        CType typeName();

        /** Returns sizeof the type, or throws a {@link ParseError} when it is incomplete. */
        long sizeOf(CType type);

        /** Returns _Alignof the type. */
        long alignOf(CType type);
    }

    private final TokenCursor in;
    private final Map<String, Long> constants;
    private final TypeNames types;

    ConstantEvaluator(TokenCursor in, Map<String, Long> constants, TypeNames types) {
        this.in = in;
        this.constants = constants;
        this.types = types;
    }

    /** Evaluates one conditional expression (no comma operator) at the cursor. */
    long conditional() {
        long c = binary(0);
        if (in.accept("?")) {
            long a = conditional();
            in.expect(":", "in a conditional expression");
            long b = conditional();
            return c != 0 ? a : b;
        }
        return c;
    }

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"},
        {"*", "/", "%"}
    };

    private long binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        long left = binary(level + 1);
        while (true) {
            String op = operatorAt(level);
            if (op == null) {
                return left;
            }
            CToken opToken = in.next();
            long right = binary(level + 1);
            left = apply(op, left, right, opToken);
        }
    }

    private String operatorAt(int level) {
        CToken t = in.peek();
        if (t.kind() != CToken.Kind.PUNCT) {
            return null;
        }
        for (String op : LEVELS[level]) {
            if (t.text().equals(op)) {
                return op;
            }
        }
        return null;
    }

    private long apply(String op, long a, long b, CToken where) {
        return switch (op) {
            case "||" -> a != 0 || b != 0 ? 1 : 0;
            case "&&" -> a != 0 && b != 0 ? 1 : 0;
            case "|" -> a | b;
            case "^" -> a ^ b;
            case "&" -> a & b;
            case "==" -> a == b ? 1 : 0;
            case "!=" -> a != b ? 1 : 0;
            case "<" -> a < b ? 1 : 0;
            case ">" -> a > b ? 1 : 0;
            case "<=" -> a <= b ? 1 : 0;
            case ">=" -> a >= b ? 1 : 0;
            case "<<" -> a << b;
            case ">>" -> a >> b;
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            default -> {
                if (b == 0) {
                    throw new ParseError(where.position(), "division by zero in a constant expression", false);
                }
                yield op.equals("/") ? a / b : a % b;
            }
        };
    }

    private long unary() {
        CToken t = in.peek();
        if (t.kind() == CToken.Kind.PUNCT) {
            switch (t.text()) {
                case "-" -> {
                    in.next();
                    return -unary();
                }
                case "+" -> {
                    in.next();
                    return unary();
                }
                case "~" -> {
                    in.next();
                    return ~unary();
                }
                case "!" -> {
                    in.next();
                    return unary() == 0 ? 1 : 0;
                }
                case "(" -> {
                    return parenthesised();
                }
                default -> {
                    // fall through to the primary-expression error below
                }
            }
        }
        if (t.is("sizeof") || t.is("_Alignof") || t.is("__alignof__") || t.is("__alignof")) {
            in.next();
            boolean size = t.is("sizeof");
            if (in.at("(")) {
                int mark = in.index();
                in.next();
                if (types.startsTypeName()) {
                    CType type = types.typeName();
                    in.expect(")", "after the type in " + t.text());
                    return size ? types.sizeOf(type) : types.alignOf(type);
                }
                in.reset(mark);
            }
            throw new ParseError(t.position(), t.text() + " of an expression is not supported in a constant "
                    + "expression; only " + t.text() + "(type)", true);
        }
        if (t.is("__extension__")) {
            in.next();
            return unary();
        }
        return primary();
    }

    /** A parenthesised expression or a cast. */
    private long parenthesised() {
        in.expect("(", "");
        if (types.startsTypeName()) {
            CType type = types.typeName();
            in.expect(")", "after the type of a cast");
            long value = unary();
            return castTo(type, value);
        }
        long v = conditional();
        while (in.accept(",")) {
            v = conditional();
        }
        in.expect(")", "to close the parenthesised expression");
        return v;
    }

    private static long castTo(CType type, long value) {
        CType t = type.canonical();
        if (t instanceof CType.Int i) {
            return switch (i.kind().size()) {
                case 1 -> i.kind() == CType.IntKind.BOOL ? (value != 0 ? 1 : 0)
                        : i.kind().isSigned() ? (byte) value : value & 0xFF;
                case 2 -> i.kind().isSigned() ? (short) value : value & 0xFFFF;
                case 4 -> i.kind().isSigned() ? (int) value : value & 0xFFFF_FFFFL;
                default -> value;
            };
        }
        return value;
    }

    private long primary() {
        CToken t = in.next();
        switch (t.kind()) {
            case NUMBER -> {
                return integerLiteral(t);
            }
            case CHAR -> {
                return charLiteral(t);
            }
            case IDENTIFIER -> {
                Long v = constants.get(t.text());
                if (v == null) {
                    throw new ParseError(t.position(), "'" + t.text() + "' is not a constant known here; a constant "
                            + "expression may use only literals, earlier enumerators and sizeof(type)", false);
                }
                return v;
            }
            default -> throw new ParseError(t.position(), "expected a constant expression, found " + t, false);
        }
    }

    static long integerLiteral(CToken t) {
        String s = t.text().toLowerCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 'u' || s.charAt(end - 1) == 'l')) {
            end--;
        }
        String digits = s.substring(0, end);
        try {
            if (digits.startsWith("0x")) {
                return Long.parseUnsignedLong(digits.substring(2), 16);
            }
            if (digits.startsWith("0b")) {
                return Long.parseUnsignedLong(digits.substring(2), 2);
            }
            if (digits.length() > 1 && digits.startsWith("0")) {
                return Long.parseUnsignedLong(digits.substring(1), 8);
            }
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new ParseError(t.position(), "'" + t.text() + "' is not an integer constant", false);
        }
    }

    static long charLiteral(CToken t) {
        String s = t.text();
        int open = s.indexOf('\'');
        int close = s.lastIndexOf('\'');
        if (open < 0 || close <= open) {
            throw new ParseError(t.position(), "unterminated character constant " + s, false);
        }
        String body = s.substring(open + 1, close);
        if (body.isEmpty()) {
            throw new ParseError(t.position(), "empty character constant", false);
        }
        try {
            return escape(body);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new ParseError(t.position(), "malformed escape in character constant " + s, false);
        }
    }

    private static long escape(String body) {
        if (body.charAt(0) != '\\') {
            return body.codePointAt(0);
        }
        char e = body.length() > 1 ? body.charAt(1) : '\\';
        return switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '0', '1', '2', '3', '4', '5', '6', '7' -> Long.parseLong(body.substring(1), 8);
            case 'x' -> Long.parseLong(body.substring(2), 16);
            case 'a' -> 7;
            case 'b' -> 8;
            case 'f' -> 12;
            case 'v' -> 11;
            default -> e;
        };
    }
}
