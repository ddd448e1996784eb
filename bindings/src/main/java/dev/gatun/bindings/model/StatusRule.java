// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

import dev.gatun.bindings.diag.SourcePosition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code gatun: status(...)} directive: the integer results of some C functions are statuses, and a status other
 * than the successful ones becomes an exception carrying the library's own name and message for it
 * ({@code status(nc_*) ok(NC_NOERR) names(NC_E*, !NC_ENDIAN_*) message(nc_strerror)}). With {@code param(name)} the
 * status is what the function stores through its {@code int *name} parameter instead (CFITSIO's
 * {@code status(ff*) param(status) ok(0) message(ffgerr)}).
 *
 * <p>Patterns are globs ({@code *} any text, {@code ?} one character); one starting with {@code !} excludes what
 * it matches. The texts are kept as written: a pass resolves them against the header's functions and constants.
 *
 * @param functions the function-name patterns, never empty
 * @param ok        the successful statuses: integer literals or constant names, or the one entry {@code >= 0}
 *                  (every non-negative result is a value, not an error); {@code 0} when none are written
 * @param names     the patterns of the integer constants that name statuses; may be empty
 * @param message   the function that describes a status, if any: {@code const char *f(int)}, or
 *                  {@code void f(int, char *text)} filling a buffer of known length
 * @param parameter the name of the {@code int *} parameter through which the functions give the status, if the
 *                  status is not their result
 * @param position  where the directive was written
 */
public record StatusRule(List<String> functions, List<String> ok, List<String> names, Optional<String> message,
                         Optional<String> parameter, SourcePosition position) {

    /** The {@code ok} entry that makes every non-negative result a success that the method returns. */
    public static final String NON_NEGATIVE = ">= 0";

    /** Validates and copies the components. */
    public StatusRule {
        functions = List.copyOf(functions);
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("a status rule needs at least one function pattern");
        }
        ok = ok.isEmpty() ? List.of("0") : List.copyOf(ok);
        names = List.copyOf(names);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(position, "position");
        if (parameter.isPresent() && ok.equals(List.of(NON_NEGATIVE))) {
            throw new IllegalArgumentException("ok(>= 0) is for statuses returned as results, not through param("
                    + parameter.get() + ")");
        }
    }

    /**
     * A rule whose statuses are the functions' results.
     *
     * @param functions the function-name patterns, never empty
     * @param ok        the successful statuses
     * @param names     the patterns of the constants naming statuses
     * @param message   the function describing a status, if any
     * @param position  where the directive was written
     */
    public StatusRule(List<String> functions, List<String> ok, List<String> names, Optional<String> message,
                      SourcePosition position) {
        this(functions, ok, names, message, Optional.empty(), position);
    }

    /** Returns true when non-negative results are values the method returns (HDF5's ids), not just success. */
    public boolean nonNegativeIsOk() {
        return ok.equals(List.of(NON_NEGATIVE));
    }

    /**
     * Whether a name is matched by the patterns: by at least one inclusion and by no {@code !} exclusion.
     *
     * @param patterns globs, exclusions starting with {@code !}
     * @param name     the C name
     * @return true when it is matched
     */
    public static boolean matches(List<String> patterns, String name) {
        boolean included = false;
        for (String p : patterns) {
            if (p.startsWith("!")) {
                if (glob(p.substring(1), name)) {
                    return false;
                }
            } else {
                included |= glob(p, name);
            }
        }
        return included;
    }

    private static boolean glob(String pattern, String name) {
        return glob(pattern, 0, name, 0);
    }

    private static boolean glob(String p, int i, String s, int j) {
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                for (int k = j; k <= s.length(); k++) {
                    if (glob(p, i + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j >= s.length() || (c != '?' && c != s.charAt(j))) {
                return false;
            }
            i++;
            j++;
        }
        return j == s.length();
    }
}
