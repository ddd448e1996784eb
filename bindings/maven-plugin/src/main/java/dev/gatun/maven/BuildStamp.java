// SPDX-License-Identifier: Apache-2.0
package dev.gatun.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A SHA-256 fingerprint of everything a goal's output depends on (file contents, configuration, the
 * plugin's identity), kept in a small file beside the outputs. When the fingerprint of the next build
 * equals the stored one and the outputs are intact, the goal does nothing, so the outputs keep their
 * bytes and timestamps and later plugins see no change.
 */
final class BuildStamp {

    private final MessageDigest digest;

    BuildStamp() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * Adds a named value; names keep two entries from running together.
     *
     * @param key   what the value is, e.g. {@code "openmp"}
     * @param value its value
     * @return this stamp
     */
    BuildStamp add(String key, Object value) {
        digest.update((key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Adds files by path and content; a missing file counts as its path alone.
     *
     * @param key   what the files are
     * @param files the files, in a deterministic order
     * @return this stamp
     */
    BuildStamp addFiles(String key, List<Path> files) {
        for (Path f : files) {
            add(key, f.toAbsolutePath().normalize());
            if (Files.isRegularFile(f)) {
                digest.update(sha256(f).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return this;
    }

    /** The fingerprint so far, as lowercase hex; the stamp must not be used afterwards. */
    String finish() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Reads a stored fingerprint.
     *
     * @param file the stamp file
     * @return its content, or empty when there is none
     * @throws IOException when it exists but cannot be read
     */
    static Optional<String> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip()) : Optional.empty();
    }

    /**
     * Stores a fingerprint.
     *
     * @param file        the stamp file
     * @param fingerprint the value of {@link #finish()}
     * @throws IOException when it cannot be written
     */
    static void write(Path file, String fingerprint) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, fingerprint + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * The SHA-256 of a file's content.
     *
     * @param file the file
     * @return lowercase hex
     */
    static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The SHA-256 of some bytes.
     *
     * @param bytes the bytes
     * @return lowercase hex
     */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
