// SPDX-License-Identifier: Apache-2.0
package dev.gatun.info;

import java.util.Objects;

/**
 * One line of the {@code gatun info} report.
 *
 * @param key what is reported, e.g. {@code "version"}
 * @param value the finding, or {@code "absent (why)"}
 */
public record ReportItem(String key, String value) {
    /** Requires both parts. */
    public ReportItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /**
     * An item for something that is not there, with the reason.
     *
     * @param key what is missing
     * @param why the reason, e.g. the dynamic loader's message
     * @return an item whose value is {@code "absent (" + why + ")"}
     */
    public static ReportItem absent(String key, String why) {
        return new ReportItem(key, "absent (" + why + ")");
    }
}
