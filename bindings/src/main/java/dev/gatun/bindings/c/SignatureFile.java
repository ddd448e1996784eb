// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

import dev.gatun.bindings.diag.Diagnostics;
import dev.gatun.bindings.diag.SourcePosition;
import dev.gatun.bindings.model.StatusRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gatun directives written outside the header, in a {@code .gatun} side file: f2py's signature-file
 * idea for headers nobody may edit ({@code mpi.h}, {@code cuda.h}).
 *
 * <p>One function per line, its name, a colon, then the clauses exactly as in a directive comment
 * before the prototype (each clause names its parameter first, clauses separated by {@code ;}):
 * <pre>
 * # MPI fills a caller-supplied buffer and its length.
 * MPI_Get_library_version: version out dimension(MPI_MAX_LIBRARY_VERSION_STRING); resultlen out
 * cuDriverGetVersion: driverVersion out
 * </pre>
 * A line {@code status(nc_*) ok(NC_NOERR) names(NC_E*) message(nc_strerror)} is a library-wide {@link StatusRule}
 * (the functions' integer results are statuses; see docs/c-support.md). Blank lines and lines starting with
 * {@code #} are ignored. Extents may name integer macros and
 * enumerators of the header. A function named twice gets both lines' clauses, in order; directives in
 * the header's own comments come first.
 */
public final class SignatureFile {

    private final Map<String, Map<String, List<CDirective>>> byFunction;
    private final Map<String, SourcePosition> where;
    private final List<StatusRule> statusRules;

    private SignatureFile(Map<String, Map<String, List<CDirective>>> byFunction, Map<String, SourcePosition> where,
                          List<StatusRule> statusRules) {
        this.byFunction = byFunction;
        this.where = where;
        this.statusRules = List.copyOf(statusRules);
    }

    /** Returns a signature file with no directives. @return the empty file */
    public static SignatureFile empty() {
        return new SignatureFile(Map.of(), Map.of(), List.of());
    }

    /**
     * Reads side files; a malformed line is reported as a warning at its {@code file:line:col} and skipped.
     *
     * @param files       the {@code .gatun} files, in command-line order
     * @param diagnostics receives the warnings, and an error for a file that cannot be read
     * @return the directives of all files
     */
    public static SignatureFile read(List<Path> files, Diagnostics diagnostics) {
        var parser = new GatunDirectiveParser(diagnostics);
        Map<String, Map<String, List<CDirective>>> byFunction = new LinkedHashMap<>();
        Map<String, SourcePosition> where = new LinkedHashMap<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                diagnostics.error(new SourcePosition(file, 0, 0), "cannot read the signature file: " + e.getMessage());
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (GatunDirectiveParser.isStatusRule(GatunDirectiveParser.MARKER + trimmed)) {
                    // A library-wide rule, not one function's: "status(nc_*) ok(NC_NOERR) names(NC_E*) message(nc_strerror)".
                    String comment = GatunDirectiveParser.MARKER + "\n" + line;
                    parser.parseLeading(comment, new SourcePosition(file, i, 1));
                    continue;
                }
                int colon = line.indexOf(':');
                String function = colon < 0 ? "" : line.substring(0, colon).strip();
                if (!function.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    diagnostics.warning(new SourcePosition(file, i + 1, 1), "expected 'function: parameter directives; ...',"
                            + " e.g. 'MPI_Get_library_version: resultlen out'; the line is ignored");
                    continue;
                }
                // Read the clauses as a directive comment: the marker on the line before, then the line with its
                // "name:" blanked, so every position the parser reports is the position in the side file.
                String comment = GatunDirectiveParser.MARKER + "\n" + " ".repeat(colon + 1) + line.substring(colon + 1);
                SourcePosition start = new SourcePosition(file, i, 1);
                where.putIfAbsent(function, new SourcePosition(file, i + 1, line.indexOf(function) + 1));
                Map<String, List<CDirective>> params = byFunction.computeIfAbsent(function, k -> new LinkedHashMap<>());
                parser.parseLeading(comment, start).forEach((p, ds) -> params.computeIfAbsent(p, k -> new ArrayList<>()).addAll(ds));
            }
        }
        return new SignatureFile(byFunction, where, parser.statusRules());
    }

    /** Returns the {@code status(...)} lines' rules, in order. @return the rules */
    public List<StatusRule> statusRules() {
        return statusRules;
    }

    /**
     * Returns the directives for one function's parameters.
     *
     * @param function the C function name
     * @return directives per parameter name, in the order written; empty when the file does not name it
     */
    public Map<String, List<CDirective>> directives(String function) {
        return byFunction.getOrDefault(function, Map.of());
    }

    /** Returns the functions named in the files, with where each is first named. @return names to positions */
    public Map<String, SourcePosition> functions() {
        return where;
    }

    /**
     * Returns a function with the side-file directives appended to its parameters; a clause naming a
     * parameter the prototype does not have is reported as a warning.
     *
     * @param f           the parsed function
     * @param diagnostics receives the warnings
     * @return the function with its directives, or {@code f} itself when the file does not name it
     */
    CFunction apply(CFunction f, Diagnostics diagnostics) {
        Map<String, List<CDirective>> wanted = directives(f.name());
        if (wanted.isEmpty()) {
            return f;
        }
        List<CParameter> params = new ArrayList<>(f.parameters());
        wanted.forEach((name, ds) -> {
            Optional<Integer> index = indexOf(params, name);
            if (index.isEmpty()) {
                diagnostics.warning(ds.isEmpty() ? where.get(f.name()) : ds.getFirst().position(), "signature file names parameter '"
                        + name + "', but " + f.name() + " has " + String.join(", ", params.stream().map(CParameter::name).toList())
                        + "; the directive is ignored");
            } else {
                params.set(index.get(), params.get(index.get()).withDirectives(ds));
            }
        });
        return f.withParameters(params);
    }

    private static Optional<Integer> indexOf(List<CParameter> params, String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
