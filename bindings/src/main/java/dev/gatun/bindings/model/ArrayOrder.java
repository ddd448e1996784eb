// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

/** How the elements of a multi-dimensional array parameter are laid out in memory. */
public enum ArrayOrder {
    /** Row-major: the last index varies fastest (C, and f2py's {@code intent(c)}). */
    C,
    /** Column-major: the first index varies fastest (Fortran). */
    FORTRAN
}
