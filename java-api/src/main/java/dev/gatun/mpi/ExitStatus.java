// SPDX-License-Identifier: Apache-2.0
package dev.gatun.mpi;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Learns the status a rank passes to {@code System.exit} before the shutdown hooks run, so that the MPI
 * shutdown hook can tell a failing exit ({@code exit(3)}) from a clean one ({@code exit(0)}) and from the end of
 * {@code main}. Java hands a shutdown hook no exit status; since JDK 21, {@code Runtime.exit} logs
 * "Runtime.exit() called with status: N" with the caller's stack to the system logger {@code java.lang.Runtime}
 * at {@code DEBUG} when that logger is enabled (see {@link Runtime#exit}). This enables it, through
 * {@code java.util.logging}, with a handler that keeps the status and the calling frame and prints nothing.
 */
final class ExitStatus {
    private static final String LOGGER = "java.lang.Runtime";
    // Held: java.util.logging keeps loggers only weakly, and a collected logger would lose the level and handler.
    private static Logger logger;
    private static volatile Integer status;
    private static volatile String caller;

    private ExitStatus() {
    }

    /** Starts listening; harmless when called again. */
    static synchronized void install() {
        if (logger != null) {
            return;
        }
        logger = Logger.getLogger(LOGGER);
        if (logger.getLevel() == null || logger.getLevel().intValue() > Level.FINE.intValue()) {
            logger.setLevel(Level.FINE); // System.Logger's DEBUG is java.util.logging's FINE
        }
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                record(record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** {@return the status passed to {@code System.exit} or {@code Runtime.exit}, or null when none was called} */
    static Integer status() {
        return status;
    }

    /** {@return where {@code System.exit} was called, for example {@code Main.main(Main.java:12)}, or null} */
    static String caller() {
        return caller;
    }

    private static void record(Throwable thrown) {
        // The JDK's throwable says "Runtime.exit(N)"; its stack starts in the JDK, the caller is the first frame outside.
        if (thrown == null || thrown.getMessage() == null || !thrown.getMessage().startsWith("Runtime.exit(")) {
            return;
        }
        String text = thrown.getMessage();
        try {
            status = Integer.parseInt(text.substring("Runtime.exit(".length(), text.length() - 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return;
        }
        for (StackTraceElement frame : thrown.getStackTrace()) {
            String cls = frame.getClassName();
            if (!cls.equals("java.lang.Shutdown") && !cls.equals("java.lang.Runtime") && !cls.equals("java.lang.System")) {
                caller = frame.toString();
                break;
            }
        }
    }
}
