// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench.peers;

/**
 * The hand-written JNI peer: native methods implemented in {@code callpeers_jni.c}, each calling the
 * same function of {@code libcallpeers.so} as the other peers. {@link PeerLibraries#loadJni()} builds
 * and loads the glue before first use.
 */
public final class JniPeer {

    private JniPeer() {
    }

    /** Calls {@code gatun_noop()}. */
    public static native void noop();

    /**
     * Calls {@code gatun_add(a, b)}.
     *
     * @param a first addend
     * @param b second addend
     * @return a + b
     */
    public static native int add(int a, int b);

    /**
     * Calls {@code gatun_first} on the array reached through {@code GetPrimitiveArrayCritical}.
     *
     * @param a the array
     * @return a[0]
     */
    public static native double firstCritical(double[] a);

    /**
     * Calls {@code gatun_first} on the array reached through {@code GetDoubleArrayElements}.
     *
     * @param a the array
     * @return a[0]
     */
    public static native double firstElements(double[] a);

    /**
     * Calls {@code gatun_apply_many}, whose C callback calls {@link #callback(int)} n times through
     * {@code CallStaticIntMethod}.
     *
     * @param n upcalls
     * @return the sum of the callbacks' results
     */
    public static native int applyMany(int n);

    /**
     * The Java method the native code calls back.
     *
     * @param i the native code's argument
     * @return i + 1
     */
    public static int callback(int i) {
        return i + 1;
    }
}
