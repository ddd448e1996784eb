// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.badinput;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the bad-input cases of one area inside its own JVM (started by {@link BadInputSuiteTest}): each
 * case gets fresh guarded arrays, must throw the expected exception whose message names the parameter
 * (or must succeed), and must leave every guard intact. The last line printed is the verdict the
 * suite reads; the exit status is 0 only when every case passed.
 */
final class Cases {

    /** A call made with the guarded arrays of one case. */
    @FunctionalInterface
    interface Call {
        void run(Guarded arrays) throws Throwable;
    }

    private final String area;
    private final List<String> failures = new ArrayList<>();
    private int count;

    Cases(String area) {
        this.area = area;
    }

    /** The call must throw {@code type} with a message that contains {@code fragment}. */
    void rejects(String name, Class<? extends Throwable> type, String fragment, Call call) {
        count++;
        try (Arena arena = Arena.ofConfined()) {
            Guarded arrays = new Guarded(arena);
            Throwable thrown = null;
            try {
                call.run(arrays);
            } catch (Throwable t) {
                thrown = t;
            }
            arrays.verify();
            if (thrown == null) {
                failures.add(name + ": expected " + type.getSimpleName() + " containing \"" + fragment + "\", but the call returned");
            } else if (!type.isInstance(thrown) || thrown.getMessage() == null || !thrown.getMessage().contains(fragment)) {
                failures.add(name + ": expected " + type.getSimpleName() + " containing \"" + fragment + "\", got " + thrown);
            }
        } catch (AssertionError e) {
            failures.add(name + ": " + e.getMessage());
        }
    }

    /** The call must succeed and stay within its arrays. */
    void accepts(String name, Call call) {
        count++;
        try (Arena arena = Arena.ofConfined()) {
            Guarded arrays = new Guarded(arena);
            call.run(arrays);
            arrays.verify();
        } catch (Throwable t) {
            failures.add(name + ": " + t);
        }
    }

    /** Prints the failures and the verdict line, and exits 0 only when every case passed. */
    void finish() {
        failures.forEach(f -> System.out.println("FAILED " + area + ": " + f));
        System.out.println("badinput " + area + ": " + count + " cases, " + failures.size() + " failed");
        System.out.flush();
        System.exit(failures.isEmpty() ? 0 : 1);
    }
}
