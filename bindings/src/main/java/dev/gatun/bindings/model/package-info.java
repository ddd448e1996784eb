// SPDX-License-Identifier: Apache-2.0
/**
 * The binding model: what a frontend understood of the user's Fortran or C sources, independent
 * of the language it came from.
 *
 * <p>Frontends ({@code dev.gatun.bindings.fortran}, the C frontend) lower declarations into these
 * records; passes read them and attach small annotation records through {@link
 * dev.gatun.bindings.model.Annotations} instead of mutating them; emitters read only the model and
 * its annotations, never source text. Every element carries a {@link
 * dev.gatun.bindings.diag.SourcePosition} so diagnostics and generated Javadoc point back to the
 * user's code.
 *
 * <p>Conventions shared by all frontends:
 * <ul>
 *   <li>An array parameter is its <em>element</em> type plus a non-empty list of {@link
 *       dev.gatun.bindings.model.Dimension}s, passed by reference. A C {@code double *a} that is an
 *       array is lowered the same way (one assumed-size dimension unless a directive says more).</li>
 *   <li>{@link dev.gatun.bindings.model.Type.Pointer} is for pointers that are not arrays:
 *       opaque handles, {@code void *}, {@code c_ptr}.</li>
 *   <li>Dimensions are listed in source order; Fortran arrays are column-major, C arrays
 *       row-major, as {@link dev.gatun.bindings.model.Parameter#order()} says.</li>
 * </ul>
 */
package dev.gatun.bindings.model;
