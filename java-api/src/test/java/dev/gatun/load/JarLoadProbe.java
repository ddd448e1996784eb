// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * A child JVM of {@link NativeLibraryTest}: loads {@code libgreet.so} anchored on the test jar's own class (a class
 * loader over that jar alone, as a binding class in a jar on the class path) and prints
 * {@code answer=<greet_answer(2)>}; exit status 3 with the message when loading fails.
 */
public final class JarLoadProbe {
    private JarLoadProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args the test jar
     * @throws Throwable when the downcall fails
     */
    public static void main(String[] args) throws Throwable {
        try {
            NativeLibrary greet = NativeLibrary.load(GreetFixture.anchorIn(Path.of(args[0])), "greet");
            var answer = greet.downcall("greet_answer", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            System.out.println("answer=" + (int) answer.invokeExact(2));
        } catch (NativeLoadException e) {
            System.out.println("NativeLoadException: " + e.getMessage());
            System.exit(3);
        }
    }
}
