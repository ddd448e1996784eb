// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench.peers;

import com.sun.jna.Library;

/**
 * The JNA peer in interface mapping ({@code Native.load}): the way most JNA code is written, with a
 * proxy and reflection per call.
 */
public interface JnaInterfacePeer extends Library {

    /** Calls {@code gatun_noop()}. */
    void gatun_noop();

    /**
     * Calls {@code gatun_add(a, b)}.
     *
     * @param a first addend
     * @param b second addend
     * @return a + b
     */
    int gatun_add(int a, int b);
}
