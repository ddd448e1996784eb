// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.emit;

import dev.gatun.bindings.model.Annotations;
import dev.gatun.bindings.model.Library;
import dev.gatun.bindings.model.Parameter;
import dev.gatun.bindings.model.Procedure;
import dev.gatun.bindings.model.Type;
import dev.gatun.bindings.pass.Notes;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Emits what a {@code gatun: status(...)} directive asks for: after the native call of a covered function, a check of
 * its integer result (or, with {@code param(name)}, of the int it stored through its hidden {@code int *name}
 * parameter), and per rule one private helper that builds the {@code NativeStatusException} with the header's
 * name for the status (a {@code switch} over the values of the rule's {@code names(...)}) and the library's own text
 * (its {@code message(...)} function: one returning {@code const char *} is called through the raw layer, one filling a
 * buffer through its friendly method, which returns the text).
 */
final class StatusBuilder {

    private static final String EXCEPTION = "dev.gatun.load.NativeStatusException";

    private StatusBuilder() {
    }

    /** The status rule covering the procedure, if any. */
    static Optional<Notes.StatusPlan> of(Procedure p, Annotations notes) {
        return notes.get(p, Notes.StatusCheck.class).map(Notes.StatusCheck::plan);
    }

    /** The {@code int *} parameter the status is stored through ({@code param(name)}), which the friendly method hides. */
    static Optional<Parameter> parameter(Procedure p, Annotations notes) {
        return notes.get(p, Notes.StatusCheck.class).flatMap(Notes.StatusCheck::parameter);
    }

    /**
     * Whether the friendly method drops the function result: it is only a status, so success returns nothing. With a
     * status parameter, an integer result repeats the status (CFITSIO); any other result is still returned.
     */
    static boolean hidesResult(Procedure p, Annotations notes) {
        return notes.get(p, Notes.StatusCheck.class).filter(check -> check.parameter().isPresent()
                ? p.result() instanceof Type.Scalar s && s.kind().isInteger() : !check.plan().nonNegative()).isPresent();
    }

    /** The statement that throws when {@code variable} is not a successful status. */
    static String check(Notes.StatusPlan plan, Procedure p, String variable) {
        String failed = plan.nonNegative() ? variable + " < 0"
                : plan.ok().stream().map(v -> variable + " != " + literal(v)).collect(Collectors.joining(" && "));
        return "if (" + failed + ") {\n    throw status$" + plan.index() + "(\"" + p.name() + "\", " + variable + ");\n}\n";
    }

    /** The Javadoc line of a covered friendly method. */
    static String throwsDoc(Notes.StatusPlan plan) {
        String ok = plan.nonNegative() ? "a negative status"
                : "a status other than " + plan.rule().ok().stream().map(v -> "{@code " + v.strip() + "}").collect(Collectors.joining(", "));
        String how = plan.rule().parameter().map(n -> "stores " + ok + " in {@code *" + n + "} (passed in as 0)").orElse("returns " + ok);
        return "     * @throws " + EXCEPTION + " if it " + how + (plan.names().isEmpty() ? "" : ", with the header's name for it")
                + plan.message().map(m -> " and the text of {@code " + m.name() + "}").orElse("") + "\n";
    }

    /**
     * The helpers of every rule in use, or nothing.
     *
     * @param owner how the helpers reach the binding's methods: empty, or the public class's {@code Name.} from the
     *            last part of a split binding class
     */
    static String helpers(Library library, Annotations notes, String owner) {
        String raw = owner + "Raw.";
        var out = new StringBuilder();
        for (Notes.StatusPlan plan : notes.get(library, Notes.StatusPlans.class).map(Notes.StatusPlans::plans).orElse(java.util.List.of())) {
            var cases = new StringBuilder();
            plan.names().forEach((value, name) -> {
                if (value == (int) (long) value) {
                    cases.append("            case ").append(value).append(" -> \"").append(name).append("\";\n");
                }
            });
            String name = cases.isEmpty() ? "null" : "status == (int) status ? switch ((int) status) {\n" + cases
                    + "            default -> null;\n        } : null";
            String message = plan.message().map(m -> {
                String rawName = notes.require(m, Notes.JavaName.class).name();
                String type = JavaTypes.friendly(m.parameters().getFirst().type());
                if (m.parameters().size() == 2) {
                    // void f(int status, char *text) with the text's length known: its friendly method returns the text,
                    // reached like the raw layer (through the public class from the last part of a split class).
                    return "String message = " + owner + FriendlyMethodBuilder.scopedName(m, notes) + "((" + type + ") status);";
                }
                return "MemorySegment text = " + raw + rawName + "((" + type + ") status);\n        "
                        + "String message = text.equals(MemorySegment.NULL) ? null : text.reinterpret(Long.MAX_VALUE).getString(0);";
            }).orElse("String message = null;");
            out.append("""

                        /** The exception for a failed status of {@code %s}: the header's name for it and the library's text. */
                        private static %s status$%d(String function, long status) {
                            String name = %s;
                            %s
                            return new %s(function, status, name, message);
                        }
                    """.formatted(String.join(", ", plan.rule().functions()).replace("*/", "*&#47;"), EXCEPTION, plan.index(), name,
                    message, EXCEPTION));
        }
        return out.toString();
    }

    private static String literal(long v) {
        return v == (int) v ? Long.toString(v) : v + "L";
    }
}
