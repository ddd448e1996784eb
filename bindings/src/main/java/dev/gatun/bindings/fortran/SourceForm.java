// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Fortran source form: fixed (columns 1-6 have meaning, F77) or free (F90 and later).
 *
 * <p>A {@code .f}-family file ({@code .f}, {@code .for}, {@code .f77}, {@code .ftn}) is fixed unless its
 * content says otherwise: a statement starting in columns 1-5 or a line ending in {@code &} is really
 * free form, as the course's {@code fib} shows. A {@code .f90}-family file is read as f2py reads it: free
 * when one of its first 15 code lines starts a statement in columns 1-5 (a letter, not a label) or
 * ends in {@code &}, fixed otherwise (code indented to column 7 with {@code C} comments is common in
 * {@code .f90} files); an Emacs mode line {@code -*- fix -*-} or {@code -*- f90 -*-} on the first line
 * decides outright. The compiler driver passes the detected form on to gfortran, so both agree.
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
        return fixedByName ? detectFixedFamily(lines) : detectFreeFamily(lines);
    }

    private static SourceForm detectFixedFamily(List<String> lines) {
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

    /** f2py's rule for {@code .f90} files (crackfortran's {@code is_free_format}). */
    private static SourceForm detectFreeFamily(List<String> lines) {
        if (!lines.isEmpty()) {
            String header = lines.getFirst().toLowerCase(Locale.ROOT);
            if (header.matches(".*-\\*-\\s*fix\\s*-\\*-.*")) {
                return FIXED;
            }
            if (header.matches(".*-\\*-\\s*f(90|95|03|08)\\s*-\\*-.*")) {
                return FREE;
            }
        }
        int codeLines = 0;
        for (String line : lines) {
            if (codeLines == 15) {
                break;
            }
            if (line.isBlank() || line.charAt(0) == '!') {
                continue;
            }
            codeLines++;
            if ((line.charAt(0) != '\t' && startsInLabelField(line)) || line.stripTrailing().endsWith("&")) {
                return FREE;
            }
        }
        return codeLines == 0 ? FREE : FIXED;
    }

    /** f2py's {@code [^c*]\s*[^\s\d\t]} on columns 1-5: a statement (not a label, not a comment) starts there. */
    private static boolean startsInLabelField(String line) {
        String field = line.substring(0, Math.min(5, line.length()));
        char first = field.charAt(0);
        if (first == 'c' || first == 'C' || first == '*') {
            return false;
        }
        for (int i = 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (!Character.isWhitespace(c)) {
                return !Character.isDigit(c);
            }
        }
        return false;
    }
}
