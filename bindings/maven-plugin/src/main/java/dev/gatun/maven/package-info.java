// SPDX-License-Identifier: Apache-2.0
/**
 * {@code gatun-maven-plugin}: builds a module's native kernels with Gatun's compiler driver and
 * generates their Java bindings, so the module's jar is all a user depends on.
 *
 * <p>Two goals, bound to the default lifecycle:
 * <ul>
 *   <li>{@code gatun:generate} ({@code generate-sources}): parses the sources, writes the binding class
 *       under {@code target/generated-sources/gatun} (added as a source root) and the Fortran shims
 *       under {@code target/gatun/<library>/};</li>
 *   <li>{@code gatun:compile} ({@code compile}): compiles the sources and shims into
 *       {@code lib<library>.so} and places it with its {@code SHA256SUMS} under
 *       {@code target/classes/META-INF/native/<os>-<arch>/}, where {@code dev.gatun.load.NativeLibrary}
 *       finds it on the class path of tests and in the packaged jar alike.</li>
 * </ul>
 *
 * <p>Both goals are incremental: each hashes its inputs, its configuration and the plugin itself into a
 * stamp under {@code target/gatun/}, and does nothing (touching no output) while the stamp matches.
 */
package dev.gatun.maven;
