// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, drawn only once a run has taken longer than a few
 * seconds and only on a terminal, so quick runs and logs print nothing extra and long runs show
 * that they are alive.
 */
public final class ProgressBar {

    private static final long SHOW_AFTER_NANOS = 3_000_000_000L;
    private static final int WIDTH = 30;
    // A bar redrawn with carriage returns only helps on a terminal; in logs it is noise.
    private static final boolean INTERACTIVE = System.console() != null && System.console().isTerminal();

    private final PrintStream out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private boolean drawn;

    /**
     * Starts a bar for {@code total} steps.
     *
     * @param out   where to draw (standard error, so piped tables stay clean)
     * @param label what is running
     * @param total the number of steps
     */
    public ProgressBar(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    /**
     * Records that {@code done} of the steps are finished and redraws the bar if it is shown.
     *
     * @param done steps finished so far
     */
    public void update(int done) {
        long elapsed = System.nanoTime() - start;
        if (!INTERACTIVE || (!drawn && elapsed < SHOW_AFTER_NANOS)) {
            return;
        }
        drawn = true;
        int filled = (int) ((long) WIDTH * Math.min(done, total) / total);
        double seconds = elapsed / 1e9;
        double eta = done > 0 ? seconds * (total - done) / done : Double.NaN;
        out.printf(Locale.ROOT, "\r  %-28s [%s%s] %d/%d  %.0f s elapsed, ~%.0f s left ",
                label, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, seconds, eta);
        out.flush();
    }

    /** Clears the bar's line if it was drawn. */
    public void finish() {
        if (drawn) {
            out.print("\r" + " ".repeat(WIDTH + 80) + "\r");
            out.flush();
        }
    }
}
