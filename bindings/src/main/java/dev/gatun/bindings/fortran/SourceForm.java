package dev.gatun.bindings.fortran;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Fortran source form: fixed (columns 1-6 have meaning, F77) or free (F90 and later).
 *
 * <p>The extension decides first ({@code .f}, {@code .for}, {@code .f77}, {@code .ftn} are fixed;
 * {@code .f90} and later are free), then the content: a "fixed" file whose statements start in
 * columns 1-5 or end in {@code &} is really free form, as the course's {@code fib} shows. The
 * compiler driver passes the detected form on to gfortran, so both agree.
 */
public enum SourceForm {
    /** Fixed form: comment markers in column 1, labels in 1-5, continuation in column 6. */
    FIXED,
    /** Free form: {@code !} comments and {@code &} continuation. */
    FREE;

    /**
     * Detects the form of a source file.
     *
     * @param file  the file name, for its extension
     * @param lines the file's lines
     * @return the form the file is written in
     */
    public static SourceForm detect(Path file, List<String> lines) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean fixedByName = name.endsWith(".f") || name.endsWith(".for") || name.endsWith(".f77") || name.endsWith(".ftn");
        if (!fixedByName) {
            return FREE;
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("\t")) {
                continue;
            }
            char first = line.charAt(0);
            if (first == 'c' || first == 'C' || first == '*' || first == '!') {
                continue;
            }
            // A statement starting in the label field, or a trailing '&', cannot be fixed form.
            for (int i = 0; i < Math.min(5, line.length()); i++) {
                char c = line.charAt(i);
                if (Character.isLetter(c)) {
                    return FREE;
                }
                if (c == '!') {
                    break;
                }
            }
            String code = line.strip();
            if (code.endsWith("&") && !code.startsWith("!")) {
                return FREE;
            }
        }
        return FIXED;
    }
}
