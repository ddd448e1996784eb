// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.c;

/**
 * What the GNU attributes and {@code _Alignas} around one declaration say about layout and binding;
 * every other attribute is read and ignored.
 */
final class Attributes {

    /** {@code packed}. */
    boolean packed;
    /** The largest {@code aligned(n)} or {@code _Alignas(n)}, or 0. */
    long aligned;
    /** {@code mode(QI|HI|SI|DI|TI)}: GCC's way to pick an integer width, or null. */
    String mode;
    /** {@code vector_size(n)}: a SIMD vector, which Gatun does not bind. */
    boolean vector;

    void merge(Attributes other) {
        packed |= other.packed;
        aligned = Math.max(aligned, other.aligned);
        if (other.mode != null) {
            mode = other.mode;
        }
        vector |= other.vector;
    }
}
