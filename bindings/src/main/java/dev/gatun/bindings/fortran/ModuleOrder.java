// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders Fortran files so that a file defining a module comes before every file that {@code use}s it:
 * gfortran needs the module's {@code .mod} file, and the frontend needs the module's kind constants.
 * The one ordering shared by the CLI ({@code gatun build a_user.f90 defs.f90}) and the Maven plugin.
 *
 * <p>Otherwise the given order is kept. A cycle (which gfortran could not build either) leaves the
 * remaining files in the given order. Files that cannot be read are treated as defining and using
 * nothing; the frontend reports them.
 */
public final class ModuleOrder {

    private static final Pattern MODULE = Pattern.compile("^\\s*module\\s+(?!procedure\\b|function\\b|subroutine\\b)(\\w+)\\s*(!.*)?$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern USE = Pattern.compile("^\\s*use\\s*(?:,\\s*non_intrinsic\\s*)?(?:::)?\\s*(\\w+)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private ModuleOrder() {
    }

    /**
     * Returns the files in module dependency order.
     *
     * @param files Fortran sources, in the order the user gave (ties keep it)
     * @return the same files, module definitions before their uses
     */
    public static List<Path> sort(List<Path> files) {
        var definedIn = new HashMap<String, Path>();
        Map<Path, Set<String>> uses = new HashMap<>();
        for (Path f : files) {
            String text = read(f);
            for (Matcher m = MODULE.matcher(text); m.find(); ) {
                definedIn.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), f);
            }
            var used = new LinkedHashSet<String>();
            for (Matcher m = USE.matcher(text); m.find(); ) {
                used.add(m.group(1).toLowerCase(Locale.ROOT));
            }
            uses.put(f, used);
        }
        var ordered = new ArrayList<Path>();
        var pending = new ArrayList<>(files);
        while (!pending.isEmpty()) {
            Path next = pending.stream()
                    .filter(f -> uses.get(f).stream().map(definedIn::get)
                            .allMatch(def -> def == null || def.equals(f) || ordered.contains(def)))
                    .findFirst().orElse(pending.getFirst());
            pending.remove(next);
            ordered.add(next);
        }
        return ordered;
    }

    /** Reads a source leniently: old Fortran files are not always UTF-8, and only ASCII keywords matter. */
    private static String read(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
