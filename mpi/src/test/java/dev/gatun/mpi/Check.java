// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.util.Arrays;
import java.util.Objects;

/**
 * Assertions for the programs that run under mpirun (JUnit's would work too, but an AssertionError there is an
 * uncaught exception on one rank, which is exactly what these programs must turn into a clean abort). Each
 * passed check prints {@code [rank] ok name}, which the JUnit side counts.
 */
final class Check {
    private Check() {
    }

    static void equal(int rank, String name, Object expected, Object actual) {
        if (!Objects.deepEquals(expected, actual)) {
            throw new AssertionError("rank " + rank + ": " + name + ": expected " + show(expected) + ", got " + show(actual));
        }
        ok(rank, name);
    }

    static void ok(int rank, String name) {
        System.out.println("[" + rank + "] ok " + name);
    }

    static void print(int rank, String line) {
        System.out.println("[" + rank + "] " + line);
    }

    /** Runs {@code action}, which must throw {@code type} with a message containing every {@code parts}. */
    static <T extends Throwable> T fails(int rank, String name, Class<T> type, Runnable action, String... parts) {
        try {
            action.run();
        } catch (Throwable t) {
            if (!type.isInstance(t)) {
                throw new AssertionError("rank " + rank + ": " + name + ": expected " + type.getSimpleName() + ", got " + t, t);
            }
            for (String part : parts) {
                if (t.getMessage() == null || !t.getMessage().contains(part)) {
                    throw new AssertionError("rank " + rank + ": " + name + ": message lacks '" + part + "': " + t.getMessage(), t);
                }
            }
            print(rank, "ok " + name + " :: " + t.getMessage());
            return type.cast(t);
        }
        throw new AssertionError("rank " + rank + ": " + name + ": expected " + type.getSimpleName() + ", nothing thrown");
    }

    private static String show(Object o) {
        if (o instanceof double[] d) {
            return Arrays.toString(d);
        }
        if (o instanceof long[] l) {
            return Arrays.toString(l);
        }
        if (o instanceof int[] i) {
            return Arrays.toString(i);
        }
        return String.valueOf(o);
    }
}
