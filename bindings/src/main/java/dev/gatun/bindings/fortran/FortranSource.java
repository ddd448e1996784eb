// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.fortran;

import dev.gatun.bindings.model.Unit;

/**
 * One parsed Fortran file: its procedures and the source form the compiler must be told about.
 *
 * @param unit the procedures the file declares
 * @param form the detected source form; a {@code .f} file written in free form needs
 *             {@code -ffree-form} when compiled
 */
public record FortranSource(Unit unit, SourceForm form) {
}
