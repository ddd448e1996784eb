// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.driver;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which functions of the inputs get bindings: {@code gatun build --include 'cblas_d*' --exclude 'cblas_dz*'}.
 * A name is bound when it matches some include glob (or no include glob was given) and no exclude glob.
 * Globs match the whole C or Fortran name: {@code *} any run of characters, {@code ?} one character,
 * case-sensitive. Filtering happens before lowering, so functions left out cost no warnings.
 *
 * @param include globs of names to bind; empty binds everything not excluded
 * @param exclude globs of names never to bind
 */
public record SymbolFilter(List<String> include, List<String> exclude) implements Predicate<String> {

    /** Binds every function. */
    public static final SymbolFilter ALL = new SymbolFilter(List.of(), List.of());

    /** Validates and copies the globs. */
    public SymbolFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String g : include) {
            requireGlob("include", g);
        }
        for (String g : exclude) {
            requireGlob("exclude", g);
        }
    }

    private static void requireGlob(String option, String glob) {
        Objects.requireNonNull(glob, option);
        if (!glob.matches("[A-Za-z0-9_*?]+")) {
            throw new IllegalArgumentException(option + " glob '" + glob + "': expected letters, digits, '_', '*' and '?',"
                    + " e.g. 'cblas_d*'");
        }
    }

    @Override
    public boolean test(String name) {
        return (include.isEmpty() || include.stream().anyMatch(g -> matches(g, name)))
                && exclude.stream().noneMatch(g -> matches(g, name));
    }

    /**
     * Whether a name matches one glob.
     *
     * @param glob the glob, e.g. {@code fftw_plan_dft_*}
     * @param name the function name
     * @return true on a whole-name match
     */
    static boolean matches(String glob, String name) {
        var regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return name.matches(regex.toString());
    }
}
