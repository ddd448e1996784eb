// SPDX-License-Identifier: Apache-2.0
package dev.gatun.info;

import java.util.List;
import java.util.Objects;

/**
 * A titled group of the {@code gatun info} report, e.g. {@code Java} or {@code CUDA}.
 *
 * @param title the section title
 * @param items its lines, in order
 */
public record ReportSection(String title, List<ReportItem> items) {
    /** Copies the items. */
    public ReportSection {
        Objects.requireNonNull(title, "title");
        items = List.copyOf(items);
    }
}
