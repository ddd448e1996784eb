package dev.gatun.maven;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.maven.plugin.logging.Log;

/**
 * A {@link PrintStream} whose lines go to Maven's log at info level: the compiler driver prints each
 * command and the compilers' output to a stream, and Maven users expect them among the build's lines.
 */
final class MavenLogStream extends PrintStream {

    /**
     * @param log Maven's log
     */
    MavenLogStream(Log log) {
        super(new LineSplitter(log), true, StandardCharsets.UTF_8);
    }

    /** Buffers bytes up to each newline, then logs the line. */
    private static final class LineSplitter extends OutputStream {
        private final Log log;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSplitter(Log log) {
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
            log.info(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
