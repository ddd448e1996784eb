// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A {@link PrintStream} whose lines go to Maven's log: the compiler driver prints each command and the
 * compilers' output to streams, and Maven users expect them among the build's lines (commands at debug
 * level, {@code mvn -X}; compiler warnings at info).
 */
final class MavenLogStream extends PrintStream {

    /**
     * @param sink one of Maven's log methods, e.g. {@code getLog()::info}
     */
    MavenLogStream(Consumer<CharSequence> sink) {
        super(new LineSplitter(sink), true, StandardCharsets.UTF_8);
    }

    /** Buffers bytes up to each newline, then logs the line. */
    private static final class LineSplitter extends OutputStream {
        private final Consumer<CharSequence> log;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSplitter(Consumer<CharSequence> log) {
            this.log = log;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public void flush() {
            // Lines are logged when complete; a partial line waits for its newline or close().
        }

        @Override
        public void close() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            log.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
