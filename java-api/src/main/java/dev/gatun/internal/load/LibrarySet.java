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
    private static final int HASH_LENGTH = 64;

    /** Copies {@code files}; see the type's description. */
    public LibrarySet {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * Parses a {@code SHA256SUMS} file. By hand, not with a regular expression: every start of every JVM
     * parses one, and a pattern's first use costs a class of its own.
     *
     * @throws IllegalArgumentException naming the line that is malformed or names an unsafe file
     */
    public static LibrarySet parse(byte[] content, String origin) {
        Map<String, String> files = new LinkedHashMap<>();
        String text = new String(content, StandardCharsets.UTF_8);
        int lineNumber = 0;
        for (int start = 0; start < text.length(); ) {
            int newline = text.indexOf('\n', start);
            int next = newline < 0 ? text.length() : newline + 1;
            int end = newline < 0 ? text.length() : newline;
            if (newline >= 0 && end > start && text.charAt(end - 1) == '\r') {
                end--; // a CRLF line
            }
            String line = text.substring(start, end);
            start = next;
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (!wellFormed(line)) {
                throw new IllegalArgumentException(origin + ":" + lineNumber
                        + ": expected '<64 hex digits>  <file name>' (sha256sum format), got '" + line + "'");
            }
            String name = line.substring(HASH_LENGTH + 2);
            if (!safeName(name)) {
                throw new IllegalArgumentException(origin + ":" + lineNumber + ": file name '" + name
                        + "' must be a plain name of letters, digits and ._+- (no directories, no leading dot)");
            }
            if (files.putIfAbsent(name, line.substring(0, HASH_LENGTH).toLowerCase(Locale.ROOT)) != null) {
                throw new IllegalArgumentException(origin + ":" + lineNumber + ": '" + name + "' is listed twice");
            }
        }
        return new LibrarySet(sha256(content), files, origin);
    }

    /** {@code <64 hex digits><space><space or *><a name without line breaks>}, as sha256sum writes it. */
    private static boolean wellFormed(String line) {
        if (line.length() < HASH_LENGTH + 3 || line.charAt(HASH_LENGTH) != ' '
                || (line.charAt(HASH_LENGTH + 1) != ' ' && line.charAt(HASH_LENGTH + 1) != '*')) {
            return false;
        }
        for (int i = 0; i < HASH_LENGTH; i++) {
            char c = line.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        for (int i = HASH_LENGTH + 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** A plain file name: no directories, no "..", no leading dot (temp files start with one). */
    private static boolean safeName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '+' || c == '-' || (c == '.' && i > 0);
            if (!allowed) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** Lowercase hex SHA-256 of {@code bytes} (without the JCA, see {@link Sha256}). */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.digest(bytes));
    }

    /** A fresh SHA-256 digest; every JDK has the algorithm. */
    public static MessageDigest newDigest() {
        return Digests.sha256();
    }

    /** Apart: its catch clause makes the verifier load two exception classes, needed only when a file is hashed. */
    private static final class Digests {
        static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK must provide SHA-256", e);
            }
        }
    }
}
