// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench.peers;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/**
 * The JNA peer in direct mapping: native methods bound by {@code Native.register} (in
 * {@link PeerLibraries#registerJna()}), JNA's fastest mode. Names are the C symbols, as direct
 * mapping requires.
 */
public final class JnaDirectPeer {

    private JnaDirectPeer() {
    }

    /** Calls {@code gatun_noop()}. */
    public static native void gatun_noop();

    /**
     * Calls {@code gatun_add(a, b)}.
     *
     * @param a first addend
     * @param b second addend
     * @return a + b
     */
    public static native int gatun_add(int a, int b);

    /**
     * Calls {@code gatun_first} with a heap array (JNA hands native code a copy or a pinned array).
     *
     * @param a the array
     * @param n its length
     * @return a[0]
     */
    public static native double gatun_first(double[] a, long n);

    /**
     * Calls {@code gatun_first} with native memory JNA already owns ({@code com.sun.jna.Memory}).
     *
     * @param a the memory
     * @param n its length in doubles
     * @return a[0]
     */
    public static native double gatun_first(Pointer a, long n);

    /**
     * Calls {@code gatun_apply_many}, which calls {@code f} n times.
     *
     * @param f the callback
     * @param n upcalls
     * @return the sum of the callbacks' results
     */
    public static native int gatun_apply_many(IntOperator f, int n);

    /** The callback type of {@code gatun_apply_many}. */
    public interface IntOperator extends Callback {
        /**
         * Called by the native code.
         *
         * @param i the argument
         * @return the value native code receives
         */
        int invoke(int i);
    }
}
