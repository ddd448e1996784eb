// SPDX-License-Identifier: Apache-2.0
package dev.gatun.load;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of the multi-process tests: prints {@code ready}, waits for the gate file named by its
 * first argument (if any) so that all children load at the same moment, then loads {@code libgreet.so}
 * from the test jar on its class path and prints {@code answer=<greet_answer(2)>}.
 * Exit status 3 with the message when loading fails with {@link NativeLoadException}.
 */
public final class LoadProbe {
    private LoadProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args optional gate file to wait for
     * @throws Throwable when the downcall fails
     */
    public static void main(String[] args) throws Throwable {
        System.out.println("ready");
        System.out.flush();
        if (args.length > 0) {
            Path gate = Path.of(args[0]);
            while (!Files.exists(gate)) {
                Thread.sleep(1); // not a spin: 8 JVMs share few cores
            }
        }
        try {
            NativeLibrary greet = NativeLibrary.load(LoadProbe.class, "greet");
            var answer = greet.downcall("greet_answer",
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            System.out.println("answer=" + (int) answer.invokeExact(2) + " path=" + greet.path());
        } catch (NativeLoadException e) {
            System.out.println("NativeLoadException: " + e.getMessage());
            System.exit(3);
        }
    }
}
