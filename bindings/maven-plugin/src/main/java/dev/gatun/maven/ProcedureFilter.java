// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import dev.gatun.bindings.model.Procedure;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The plugin's {@code <includes>}/{@code <excludes>} lists: which parsed procedures get a Java method.
 * A pattern is a glob ({@code *} any run of characters, {@code ?} one) matched case-insensitively, as
 * Fortran names are, against the procedure's name ({@code heat_*}) or, when it contains {@code ::},
 * against {@code module::name} ({@code kernels_fortran::dot_*}). No includes means every procedure;
 * an exclude wins over an include. Excluded procedures are still compiled into the library.
 */
final class ProcedureFilter implements Predicate<Procedure> {

    /** One glob: {@code qualified} when it names the module too. */
    private record Glob(Pattern regex, boolean qualified) {
        boolean matches(String name, String qualifiedName) {
            return regex.matcher(qualified ? qualifiedName : name).matches();
        }
    }

    private final List<Glob> includes;
    private final List<Glob> excludes;

    /**
     * @param includes globs of procedures to bind, empty for all
     * @param excludes globs of procedures not to bind
     */
    ProcedureFilter(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(ProcedureFilter::compile).toList();
        this.excludes = excludes.stream().map(ProcedureFilter::compile).toList();
    }

    @Override
    public boolean test(Procedure procedure) {
        String name = procedure.name().toLowerCase(Locale.ROOT);
        String qualified = procedure.module().map(m -> m.toLowerCase(Locale.ROOT) + "::").orElse("::") + name;
        boolean included = includes.isEmpty() || includes.stream().anyMatch(g -> g.matches(name, qualified));
        return included && excludes.stream().noneMatch(g -> g.matches(name, qualified));
    }

    /** Turns a glob into an anchored regular expression; every other character is literal. */
    private static Glob compile(String glob) {
        var regex = new StringBuilder();
        for (char c : glob.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(Pattern.compile(regex.toString()), glob.contains("::"));
    }
}
