// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.info;

import java.lang.foreign.MemorySegment;

/** Reading NUL-terminated strings that native libraries return by pointer. */
final class CStrings {
    private CStrings() {
    }

    /** The string at {@code pointer}, or {@code null} for a NULL pointer. */
    @SuppressWarnings("restricted") // the library owns the string and documents it as NUL-terminated
    static String read(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
