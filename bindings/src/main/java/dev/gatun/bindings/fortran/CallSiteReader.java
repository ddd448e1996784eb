// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a procedure calls a dummy procedure that has no interface block ({@code external f}),
 * as f2py does to learn a callback's signature: {@code call f(a, n)} in the body, {@code r = f(x)} or
 * {@code f(x) + 1} inside an expression, or the same forms on an f2py line ({@code cf2py y = func(y)},
 * {@code !f2py call fun(a)}). The first reference wins, except that an f2py line wins over the body.
 * Only the tokens are kept; {@link CallbackInference} types them once the declarations are complete.
 */
final class CallSiteReader {

    private CallSiteReader() {
    }

    /**
     * True when {@code name} is a procedure of {@code d} whose signature may have to be inferred: a dummy
     * procedure without an interface block, or an external procedure (which may be f2py's
     * {@code intent(callback)}, decided for the whole library by {@link DraftLowering#lowerAll}).
     */
    static boolean inferred(ProcedureDraft d, String name) {
        ProcedureDraft.Entity e = d.entities.get(name);
        return !d.interfaces.containsKey(name) && e != null && (e.external || e.intents.contains("callback"));
    }

    /**
     * Records the references in one statement.
     *
     * @param c the statement, at its start (not moved)
     * @param d the procedure whose dummy procedures are looked for
     * @return true when the statement referenced one
     */
    static boolean scan(Cursor c, ProcedureDraft d) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; ; i++) {
            Token t = c.peek(i);
            tokens.add(t);
            if (t.kind() == Token.Kind.END) {
                break;
            }
        }
        boolean directive = c.statement().directive();
        boolean found = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != Token.Kind.NAME || !inferred(d, t.text())) {
                continue;
            }
            boolean subroutine = i > 0 && tokens.get(i - 1).is("call");
            boolean parenthesised = tokens.get(i + 1).is("(");
            if (!parenthesised && !subroutine) {
                continue; // passed on as an actual argument, not called
            }
            ProcedureDraft.CallSite known = d.callSites.get(t.text());
            if (known != null && (known.directive() || !directive)) {
                continue;
            }
            List<List<Token>> arguments = new ArrayList<>();
            if (parenthesised) {
                arguments = arguments(tokens, i + 1);
                if (arguments == null) {
                    continue;
                }
            }
            d.callSites.put(t.text(), new ProcedureDraft.CallSite(subroutine, arguments, directive, c.position(t)));
            found = true;
        }
        return found;
    }

    /** The actual arguments between the parenthesis at {@code open} and its match, split at top-level commas; null if unclosed. */
    private static List<List<Token>> arguments(List<Token> tokens, int open) {
        var out = new ArrayList<List<Token>>();
        var current = new ArrayList<Token>();
        int depth = 0;
        for (int i = open + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.END) {
                return null;
            }
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                if (depth-- == 0) {
                    if (!current.isEmpty() || !out.isEmpty()) {
                        out.add(current);
                    }
                    return out;
                }
            } else if (t.is(",") && depth == 0) {
                out.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(t);
        }
        return null;
    }
}
