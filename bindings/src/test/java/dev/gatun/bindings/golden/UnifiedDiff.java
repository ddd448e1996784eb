// SPDX-License-Identifier: Apache-2.0
package dev.gatun.bindings.golden;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line (longest common subsequence), with three lines of
 * context: what a golden-test mismatch prints so the change can be read like {@code git diff}.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** One line of an edit script: ' ' kept, '-' only in expected, '+' only in actual. */
    private record Edit(char op, String line, int expectedLine, int actualLine) {
    }

    /**
     * Returns the diff from {@code expected} to {@code actual}, empty when they are equal.
     *
     * @param expectedName label of the expected text
     * @param expected     the expected text
     * @param actualName   label of the actual text
     * @param actual       the actual text
     * @return the unified diff
     */
    static String of(String expectedName, String expected, String actualName, String actual) {
        if (expected.equals(actual)) {
            return "";
        }
        List<Edit> edits = edits(expected.split("\n", -1), actual.split("\n", -1));
        var out = new StringBuilder("--- ").append(expectedName).append("\n+++ ").append(actualName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while the next change is within twice the context.
            int lastChange = i;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).op() != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            hunk(edits.subList(start, end), out);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(List<Edit> hunk, StringBuilder out) {
        int expectedStart = hunk.getFirst().expectedLine();
        int actualStart = hunk.getFirst().actualLine();
        long expectedCount = hunk.stream().filter(e -> e.op() != '+').count();
        long actualCount = hunk.stream().filter(e -> e.op() != '-').count();
        out.append("@@ -").append(expectedStart).append(',').append(expectedCount).append(" +").append(actualStart).append(',')
                .append(actualCount).append(" @@\n");
        hunk.forEach(e -> out.append(e.op()).append(e.line()).append('\n'));
    }

    private static List<Edit> edits(String[] a, String[] b) {
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        var edits = new ArrayList<Edit>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                edits.add(new Edit(' ', a[i], i + 1, j + 1));
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // Deletions before insertions, as diff(1) prints them.
                edits.add(new Edit('-', a[i], i + 1, j + 1));
                i++;
            } else {
                edits.add(new Edit('+', b[j], i + 1, j + 1));
                j++;
            }
        }
        return edits;
    }
}
