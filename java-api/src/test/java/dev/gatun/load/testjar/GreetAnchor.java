// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load.testjar;

/**
 * An empty class packed into the test jar, so that a class loader over that jar alone has a class to
 * anchor {@code NativeLibrary.load(anchor, "greet")} on, as a generated binding class would.
 */
public final class GreetAnchor {
    private GreetAnchor() {
    }
}
