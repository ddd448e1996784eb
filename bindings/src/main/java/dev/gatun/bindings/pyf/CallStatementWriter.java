// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.pyf;

import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the C source a signature file contributes to the library: its {@code usercode} blocks
 * verbatim, then one wrapper per routine with a {@code callstatement}.
 *
 * <p>A wrapper gives the callstatement the world f2py's generated C gives it: each scalar argument is
 * a C variable of its name holding its value (written back afterwards for intent(out) and inout),
 * each array a pointer to its data, a function's result a variable named after the result, and
 * {@code f2py_func} points to the routine ({@code name_} for Fortran, {@code name} for an intent(c)
 * routine) with the {@code callprotoargument} prototype. f2py's C type names ({@code complex_double},
 * {@code long_long}, {@code string}) and {@code F_FUNC} are defined. A callback argument is what
 * {@link CallStatementCallbacks} makes of it, named as f2py names it ({@code f_cptr}, {@code cb_f_in_<user module>}). {@code #line} directives make a C
 * compiler's error point into the {@code .pyf}. A callstatement that reaches into f2py's own
 * generated variables ({@code capi_...}, Python API calls) cannot be given that world: the routine is
 * skipped with a warning.
 */
final class CallStatementWriter {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String fileName;
    private final String prefix;
    private final StringBuilder wrappers = new StringBuilder();

    /**
     * @param fileName the name the C file is compiled under, for {@code #line} directives
     * @param prefix   the wrapper symbol prefix, unique to the library ({@code gatun_pyf_<lib>_})
     */
    CallStatementWriter(String fileName, String prefix) {
        this.fileName = fileName;
        this.prefix = prefix;
    }

    /** Returns why the routine's callstatement cannot be wrapped, if it cannot. */
    Optional<String> problem(RoutineDraft d, List<Parameter> params) {
        for (Parameter p : params) {
            if (p.type() instanceof Type.Callback cb) {
                Optional<String> bad = CallStatementCallbacks.problem(p.name(), cb);
                if (bad.isPresent()) {
                    return bad;
                }
            }
        }
        Matcher m = IDENTIFIER.matcher(d.callStatement);
        while (m.find()) {
            String id = m.group();
            if (id.startsWith("capi_") || id.startsWith("Py") || (id.startsWith("f2py_") && !id.equals("f2py_func"))
                    || id.endsWith("_Dims")) {
                return Optional.of("its callstatement uses f2py's internal '" + id + "', which exists only in f2py's generated C");
            }
        }
        return Optional.empty();
    }

    /**
     * Adds the wrapper of a routine and returns its symbol.
     *
     * @param callbackNames f2py's C name of each callback argument's function ({@code cb_f_in_m__user__routines}),
     *                      by argument name
     */
    String add(RoutineDraft d, List<Parameter> params, Type result, boolean cRoutine, String called, Map<String, String> callbackNames) {
        String symbol = prefix + d.name.toLowerCase(Locale.ROOT);
        String resultC = result instanceof Type.Void ? "void" : cType(result);
        var signature = new ArrayList<String>();
        var locals = new StringBuilder();
        var writeBack = new StringBuilder();
        var prototype = new ArrayList<String>();
        var statics = new StringBuilder();
        var aliases = new StringBuilder();
        var unaliases = new StringBuilder();
        for (Parameter p : params) {
            String n = p.name();
            if (p.type() instanceof Type.Callback cb) {
                String adapter = CallStatementCallbacks.adapter(symbol, n, cb, statics, locals, writeBack);
                signature.add(CallStatementCallbacks.upcall(cb, "gatun_cb_" + n));
                prototype.add(CallStatementCallbacks.routineSide(cb));
                for (String alias : List.of(n + "_cptr", callbackNames.getOrDefault(n, n + "_cptr"))) {
                    if (aliases.indexOf("#define " + alias + " ") < 0) {
                        aliases.append("#define ").append(alias).append(' ').append(adapter).append('\n');
                        unaliases.append("#undef ").append(alias).append('\n');
                    }
                }
                continue;
            }
            String t = cType(p.type());
            if (isSingleCharacter(p)) {
                // f2py (numpy >= 1.22) gives a character scalar of length 1 a C 'character' (a char) holding its value.
                signature.add("string gatun_p_" + n);
                locals.append("    character ").append(n).append(" = gatun_p_").append(n).append("[0];\n");
                if (p.intent() == Parameter.Intent.OUT || p.intent() == Parameter.Intent.INOUT) {
                    writeBack.append("    gatun_p_").append(n).append("[0] = ").append(n).append(";\n");
                }
                prototype.add("character*");
            } else if (p.type() instanceof Type.Character) {
                signature.add("string " + n);
                prototype.add("string");
            } else if (p.isArray()) {
                signature.add(t + " *" + n);
                prototype.add(t + "*");
            } else {
                signature.add(t + " *gatun_p_" + n);
                locals.append("    ").append(t).append(' ').append(n).append(" = *gatun_p_").append(n).append(";\n");
                if (p.intent() == Parameter.Intent.OUT || p.intent() == Parameter.Intent.INOUT) {
                    writeBack.append("    *gatun_p_").append(n).append(" = ").append(n).append(";\n");
                }
                prototype.add(t + "*");
            }
        }
        var sb = new StringBuilder("\n/* ").append(d.kindWord()).append(' ').append(d.name).append(" from ").append(d.position).append(" */\n");
        sb.append(statics);
        boolean usesFunc = IDENTIFIER.matcher(d.callStatement).results().anyMatch(r -> r.group().equals("f2py_func"));
        String target = cRoutine ? called : called.toLowerCase(Locale.ROOT) + "_";
        String proto = d.callProtoArgument != null && !d.callProtoArgument.isBlank() ? d.callProtoArgument.strip()
                : prototype.isEmpty() ? "void" : String.join(", ", prototype);
        if (usesFunc) {
            sb.append("extern ").append(resultC).append(' ').append(target).append('(').append(proto).append(");\n");
        }
        sb.append(resultC).append(' ').append(symbol).append('(').append(signature.isEmpty() ? "void" : String.join(", ", signature)).append(") {\n");
        if (usesFunc) {
            sb.append("    ").append(resultC).append(" (*f2py_func)(").append(proto).append(") = ").append(target).append(";\n");
        }
        String resultVar = d.resultVariable();
        if (!(result instanceof Type.Void)) {
            sb.append("    ").append(resultC).append(' ').append(resultVar).append(";\n");
        }
        sb.append(locals);
        sb.append(aliases);
        String statement = passSingleCharactersByAddress(d.callStatement.strip(), params);
        sb.append(lineDirective(d.callStatementAt)).append("    {").append(statement).append(";}\n"); // f2py adds the ';' too
        sb.append("#line ").append(lines(wrappers) + lines(sb) + 2).append(" \"").append(fileName).append("\"\n");
        sb.append(unaliases);
        sb.append(writeBack);
        if (!(result instanceof Type.Void)) {
            sb.append("    return ").append(resultVar).append(";\n");
        }
        sb.append("}\n");
        wrappers.append(sb);
        return symbol;
    }

    /**
     * The whole C file, or empty when the signature file has neither usercode nor callstatements.
     *
     * @param userCode the usercode blocks with where each starts
     * @return the C source
     */
    Optional<String> source(List<Map.Entry<SourcePosition, String>> userCode) {
        if (userCode.isEmpty() && wrappers.isEmpty()) {
            return Optional.empty();
        }
        var sb = new StringBuilder("""
                /* Generated by gatun. Do not edit. */
                /* The usercode and callstatement wrappers of an f2py signature file, with f2py's C type names. */
                #include <stddef.h>
                typedef signed char signed_char;
                typedef unsigned char unsigned_char;
                typedef long long long_long;
                typedef unsigned long long unsigned_long_long;
                typedef struct { float r, i; } complex_float;
                typedef struct { double r, i; } complex_double;
                typedef char *string;
                typedef char character;
                #ifndef F_INT
                #define F_INT int
                #endif
                #define F_FUNC(f, F) f##_
                #define F_FUNC_US(f, F) f##_
                """);
        for (var block : userCode) {
            sb.append(lineDirective(block.getKey())).append(block.getValue()).append('\n');
            sb.append("#line ").append(lines(sb) + 2).append(" \"").append(fileName).append("\"\n");
        }
        int offset = lines(sb);
        // The wrappers' own #line resets counted from the start of the wrappers: shift them.
        sb.append(shiftLines(wrappers.toString(), offset));
        return Optional.of(sb.toString());
    }

    private String shiftLines(String text, int offset) {
        Pattern reset = Pattern.compile("#line (\\d+) \"" + Pattern.quote(fileName) + "\"");
        return reset.matcher(text).replaceAll(r -> Matcher.quoteReplacement("#line " + (Integer.parseInt(r.group(1)) + offset)
                + " \"" + fileName + "\""));
    }

    /** True for a scalar {@code character} of length 1, which f2py passes as a C {@code character} (a char). */
    static boolean isSingleCharacter(Parameter p) {
        return !p.isArray() && p.type() instanceof Type.Character c && c.length() instanceof dev.gatun.bindings.model.Expr.IntConst n
                && n.value() == 1;
    }

    /**
     * f2py's rule for callstatements written when a {@code character} was a {@code char *}: each use of a length-1
     * character scalar's name that is not already behind an {@code &} passes its address ({@code (*f2py_func)(x)} and
     * {@code (*f2py_func)(&x)} both pass the address of the char).
     */
    private static String passSingleCharactersByAddress(String statement, List<Parameter> params) {
        String out = statement;
        for (Parameter p : params) {
            if (isSingleCharacter(p)) {
                out = Pattern.compile("(?<![&\\w])" + Pattern.quote(p.name()) + "(?!\\w)").matcher(out).replaceAll(Matcher.quoteReplacement("&" + p.name()));
            }
        }
        return out;
    }

    private static int lines(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String lineDirective(SourcePosition p) {
        return "#line " + Math.max(1, p.line()) + " \"" + p.file().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    /** f2py's C name for a model type. */
    static String cType(Type t) {
        return switch (t) {
            case Type.Scalar s -> switch (s.kind()) {
                case INT8 -> "signed_char";
                case INT16 -> "short";
                case INT32 -> "int";
                case INT64 -> "long_long";
                case UINT8 -> "unsigned_char";
                case UINT16 -> "unsigned short";
                case UINT32 -> "unsigned int";
                case UINT64 -> "unsigned_long_long";
                case FLOAT -> "float";
                case DOUBLE -> "double";
                case COMPLEX_FLOAT -> "complex_float";
                case COMPLEX_DOUBLE -> "complex_double";
            };
            case Type.Logical l -> switch (l.bytes()) {
                case 1 -> "signed_char";
                case 2 -> "short";
                case 8 -> "long_long";
                default -> "int";
            };
            case Type.Character c -> "string";
            default -> throw new IllegalArgumentException("no C type for " + t.describe());
        };
    }
}
