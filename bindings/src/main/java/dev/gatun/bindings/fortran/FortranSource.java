// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.model.Unit;
import java.util.List;

/**
 * One parsed Fortran file: its procedures and the source form the compiler must be told about.
 *
 * @param unit       the procedures the file declares
 * @param form       the detected source form; a {@code .f} file written in free form needs
 *                   {@code -ffree-form} when compiled
 * @param signatures the procedures whose {@code !f2py callstatement} makes their {@code !f2py} lines a signature
 *                   to read as a signature file's routine (not in {@code unit}); empty for most files
 */
public record FortranSource(Unit unit, SourceForm form, List<EmbeddedSignature> signatures) {

    /** Copies the list. */
    public FortranSource {
        signatures = List.copyOf(signatures);
    }

    /**
     * A file without embedded signatures.
     *
     * @param unit the procedures the file declares
     * @param form the detected source form
     */
    public FortranSource(Unit unit, SourceForm form) {
        this(unit, form, List.of());
    }
}
