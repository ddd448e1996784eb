// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.bench.peers;

import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The JavaCPP peer: JavaCPP's {@code Builder} generates and compiles the JNI glue for these methods
 * (in {@link PeerLibraries#loadJavaCpp()}), linking {@code libcallpeers.so} like any C library.
 */
@Platform(include = "callpeers.h", link = "callpeers")
public final class JavaCppPeer {

    private JavaCppPeer() {
    }

    /** Calls {@code gatun_noop()}. */
    @Name("gatun_noop")
    public static native void noop();

    /**
     * Calls {@code gatun_add(a, b)}.
     *
     * @param a first addend
     * @param b second addend
     * @return a + b
     */
    @Name("gatun_add")
    public static native int add(int a, int b);
}
