// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.model;

/** The language a procedure is written in; it decides calling rules and the compiler used. */
public enum Language {
    /** Fortran 77 or Fortran 90+; non-{@code bind(C)} procedures are reached through shims. */
    FORTRAN,
    /** C, called directly through its own symbol. */
    C,
    /** CUDA C++ host code with {@code extern "C"} launchers, called like C. */
    CUDA
}
