// SPDX-License-Identifier: Apache-2.0
package dev.gatun.internal.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native libraries a jar ships for one platform, as listed by its {@code SHA256SUMS} file.
 *
 * <p>{@code SHA256SUMS} is in {@code sha256sum} format: {@code <64 hex digits><space><space or *><file name>}
 * per line. The SHA-256 of that file's bytes ({@link #id()}) names the cache directory the set is
 * extracted into, so a directory's name is a content hash of everything inside it.
 *
 * @param id the lowercase hex SHA-256 of the {@code SHA256SUMS} content
 * @param files file name to lowercase hex SHA-256, in listing order
 * @param origin where the list came from, for messages
 */
public record LibrarySet(String id, Map<String, String> files, String origin) {
    private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");
    // A plain file name: no directories, no "..", no leading dot (temp files start with one).
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]*");

    /** Copies {@code files}; see the type's description. */
    public LibrarySet {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * Parses a {@code SHA256SUMS} file.
     *
     * @throws IllegalArgumentException naming the line that is malformed or names an unsafe file
     */
    public static LibrarySet parse(byte[] content, String origin) {
        Map<String, String> files = new LinkedHashMap<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(origin + ":" + (i + 1)
                        + ": expected '<64 hex digits>  <file name>' (sha256sum format), got '" + line + "'");
            }
            String name = m.group(2);
            if (!SAFE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(origin + ":" + (i + 1) + ": file name '" + name
                        + "' must be a plain name of letters, digits and ._+- (no directories, no leading dot)");
            }
            if (files.putIfAbsent(name, m.group(1).toLowerCase(Locale.ROOT)) != null) {
                throw new IllegalArgumentException(origin + ":" + (i + 1) + ": '" + name + "' is listed twice");
            }
        }
        return new LibrarySet(sha256(content), files, origin);
    }

    /** Lowercase hex SHA-256 of {@code bytes} (without the JCA, see {@link Sha256}). */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.digest(bytes));
    }

    /** A fresh SHA-256 digest; every JDK has the algorithm. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }
}
