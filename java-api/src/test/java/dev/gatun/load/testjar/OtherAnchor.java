// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load.testjar;

/**
 * The anchor of a second test jar that ships its own {@code libgreet.so}: each jar's binding class must
 * load its own jar's library, whatever the class-path order.
 */
public final class OtherAnchor {
    private OtherAnchor() {
    }
}
